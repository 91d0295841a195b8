"""Two pieces of work at once: one here, one in a forked child process, where the machine allows.

Fitting is CPU-bound C (liblinear) that draws on one process-wide random generator, so threads would neither share
the cores usefully nor stay deterministic; a forked child has its own generator and its own core. The child only
computes and sends back its result; if it fails in any way, its work is done here instead.
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from collections.abc import Callable
from typing import TypeVar

A = TypeVar("A")
B = TypeVar("B")


def can_fork() -> bool:
    """Whether a second process would run beside this one: on Linux (fork is safe there with numpy, unlike macOS),
    with a second core this process may use."""
    return sys.platform.startswith("linux") and len(os.sched_getaffinity(0)) > 1


def beside(here: Callable[[], A], there: Callable[[], B], parallel: bool | None = None) -> tuple[A, B]:
    """`here()` in this process while `there()` runs in a forked child (`parallel`: by default where `can_fork`);
    otherwise one after the other. Both results, in that order. `there()`'s result must pickle."""
    if not (can_fork() if parallel is None else parallel):
        return here(), there()
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        try:
            warnings.simplefilter("ignore")  # (a warning would be logged through locks another thread may have held)
            result = (True, there())
        except BaseException:  # (an interrupt included) the parent does the work itself
            result = (False, None)
        try:
            send.send(result)
        finally:
            os._exit(0)  # no atexit handlers, no flushing of buffers copied from the parent

    for stream in (sys.stdout, sys.stderr):  # a buffer copied into the child must hold nothing to write twice
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()
    done = False
    try:
        started = time.monotonic()
        mine = here()
        # a child that takes far longer than this side took is stuck (a lock copied while held): its work is done here
        patience = CHILD_PATIENCE * (time.monotonic() - started) + CHILD_GRACE_SECONDS
        try:
            done, theirs = receive.recv() if receive.poll(patience) else (False, None)
        except (EOFError, OSError):  # the child died
            done, theirs = False, None
    finally:
        receive.close()
        process.join(timeout=CHILD_EXIT_SECONDS if done else 0)
        if process.is_alive():
            process.kill()
            process.join()
    return mine, (theirs if done else there())


CHILD_EXIT_SECONDS = 5.0  # a child that has sent its result exits at once; this only bounds a hung one
CHILD_PATIENCE = 4.0  # the child's work is sized like this side's: four times as long is no longer contention
CHILD_GRACE_SECONDS = 30.0  # ... and never less than this, for a loaded machine
