"""bot.matching.parallel: work beside a forked child, and the fit that uses it."""

import os
import subprocess
import sys
import time

import pytest

from bot.matching.parallel import beside, can_fork

needs_fork = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")


@pytest.mark.parametrize("parallel", [False, pytest.param(True, marks=needs_fork)])
def test_both_results_come_back_in_order(parallel):
    assert beside(lambda: "here", lambda: ["there", 2], parallel=parallel) == ("here", ["there", 2])


@needs_fork
def test_the_other_work_runs_in_another_process():
    parent = os.getpid()
    here, there = beside(os.getpid, os.getpid, parallel=True)
    assert here == parent and there != parent


def _fails():
    raise MemoryError("no room in the child")


def _dies():
    os._exit(3)


def _hangs():
    time.sleep(60)


@needs_fork
@pytest.mark.parametrize("misbehave", [_fails, _dies, _hangs])
def test_a_child_that_fails_dies_or_hangs_leaves_its_work_to_this_process(monkeypatch, misbehave):
    from bot.matching import parallel

    monkeypatch.setattr(parallel, "CHILD_GRACE_SECONDS", 0.5)  # (a hung child is given up on after this)
    parent = os.getpid()

    def there():
        if os.getpid() != parent:
            misbehave()
        return "done here"

    assert beside(lambda: 1, there, parallel=True) == (1, "done here")


def _run(script: str) -> subprocess.CompletedProcess:
    """A script run in a fresh interpreter from the project's root."""
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@needs_fork
def test_nothing_buffered_before_the_fork_is_written_twice():
    script = ("import sys\nfrom bot.matching.parallel import beside\n"
              "sys.stdout.write('once'); beside(lambda: 0, lambda: 0, parallel=True); print()\n")
    assert _run(script).stdout == "once\n"


def test_can_fork_only_with_a_core_to_spare(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert not can_fork()
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert can_fork()
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not can_fork()


@needs_fork
def test_a_fit_beside_a_child_is_the_fit_in_one_process(knowledge):
    from bot.matching.analyzer import Analyzer
    from bot.matching.learned import Doc, fit_model

    analyzer = Analyzer(knowledge)
    brief = knowledge.briefs[0]
    docs = [Doc(*analyzer.model_terms(q, language, repair=False), label)
            for label, entry in enumerate(brief.entries) for language, text in brief.entry_texts(entry.id)
            for q in text.questions]
    one, two = (fit_model(docs, len(brief.entries), parallel=p) for p in (False, True))
    assert one.thresholds == two.thresholds and one.platt == two.platt
    assert one.linear.coef == two.linear.coef and one.calibration == two.calibration


@needs_fork
def test_a_warning_in_the_child_is_not_written():
    script = ("import warnings\nfrom bot.matching.parallel import beside\n"
              "print(beside(lambda: 0, lambda: warnings.warn('from the child') or 1, parallel=True))\n")
    done = _run(script)
    assert done.stdout == "(0, 1)\n" and "from the child" not in done.stderr
