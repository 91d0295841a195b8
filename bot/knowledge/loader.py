"""Load knowledge YAML into frozen dataclasses, reporting every problem with file and line.

Each file is read with a bounded read (regular files only) and parsed once with libyaml's C parser when it
is installed (PyYAML's pure-Python parser otherwise). Aliases, nesting deeper than MAX_DEPTH and duplicate
keys are refused with the file and line; a file with a syntax error is parsed again with the pure-Python
parser only to report its error exactly as PyYAML words it.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.models import Brief, Knowledge
from bot.knowledge.schema import Problems, build_brief
from bot.knowledge.translations import build_translation, is_translation_file, with_translations

MAX_FILE_BYTES = 1_000_000  # a brief's YAML is tens of KB; anything near a megabyte is a mistake or an attack
MAX_DEPTH = 50  # the knowledge format nests 5 levels; deeper input is refused before it can exhaust the stack
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML was built with it


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the knowledge, located by file, line and entry."""

    file: str
    line: int | None
    entry: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {f'entry {self.entry!r}: ' if self.entry else ''}{self.message}"


class KnowledgeError(Exception):
    """The knowledge base is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class KnowledgeMissing(KnowledgeError):
    """There is no knowledge at the path at all (as opposed to knowledge that does not validate)."""

    def __init__(self, root: Path, reason: str):
        self.root, self.reason = root, reason
        super().__init__([Problem(str(root), None, None, f"no knowledge found at {root} ({reason})")])


class _Lines:
    """YAML path (keys and list indexes) -> 1-based line, computed from the node tree only when asked."""

    def __init__(self, root: yaml.Node | None):
        self._root, self._lines = root, None

    def _build(self) -> dict[tuple, int]:
        if self._lines is None:
            self._lines = {}
            stack = [(self._root, ())] if self._root is not None else []
            while stack:
                node, path = stack.pop()
                self._lines.setdefault(path, node.start_mark.line + 1)
                if isinstance(node, yaml.MappingNode):
                    for key, value in node.value:
                        self._lines[path + (key.value,)] = key.start_mark.line + 1
                        stack.append((value, path + (key.value,)))
                elif isinstance(node, yaml.SequenceNode):
                    stack.extend((item, path + (i,)) for i, item in enumerate(node.value))
        return self._lines

    def get(self, path: tuple, default: int | None = None) -> int | None:
        return self._build().get(path, default)

    def __contains__(self, path: object) -> bool:
        return path in self._build()


def _fail(path: Path, mark: Any, message: str) -> KnowledgeError:
    return KnowledgeError([Problem(str(path), mark.line + 1 if mark is not None else None, None, message)])


def _start(loader: yaml.BaseLoader, event: yaml.Event, depth: int, path: Path) -> list:
    """A new open collection [node, key waiting for its value], or a KnowledgeError past MAX_DEPTH."""
    if depth >= MAX_DEPTH:
        raise _fail(path, event.start_mark, f"nesting deeper than {MAX_DEPTH} levels is not allowed")
    kind = yaml.MappingNode if event.__class__ is yaml.MappingStartEvent else yaml.SequenceNode
    tag = event.tag
    if tag is None or tag == "!":
        tag = loader.resolve(kind, None, event.implicit)
    return [kind(tag, [], event.start_mark, None, flow_style=event.flow_style), None]


def _attach(top: list, node: yaml.Node) -> None:
    """Add a finished node to its open parent: a sequence item, or a mapping's key, then its value."""
    if top[0].__class__ is yaml.SequenceNode:
        top[0].value.append(node)
    elif top[1] is None:
        top[1] = node
    else:
        top[0].value.append((top[1], node))
        top[1] = None


def _compose(loader: yaml.BaseLoader, path: Path) -> yaml.Node | None:
    """Build the node tree from the events without recursion, refusing aliases, deep nesting and duplicate keys."""
    get = loader.get_event
    get()  # StreamStart
    if get().__class__ is yaml.StreamEndEvent:  # else DocumentStart
        return None
    stack: list[list] = []  # open collections, each [node, key waiting for its value]
    root = None
    duplicates: list[Problem] = []
    while True:
        event = get()
        kind = event.__class__
        if kind is yaml.ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            stack.append(_start(loader, event, len(stack), path))
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            node = stack.pop()[0]
            node.end_mark = event.end_mark
            if kind is yaml.MappingEndEvent:
                duplicates += _duplicate_keys(node, path)
        elif kind is yaml.AliasEvent:
            raise _fail(path, event.start_mark, f"YAML aliases (*{event.anchor}) are not allowed in knowledge files")
        else:  # DocumentEnd
            break
        if stack:
            _attach(stack[-1], node)
        else:
            root = node
    if duplicates:
        raise KnowledgeError(duplicates)
    event = get()
    if event.__class__ is not yaml.StreamEndEvent:
        raise _fail(path, event.start_mark, "a knowledge file holds one YAML document, not several")
    return root


def _duplicate_keys(node: yaml.MappingNode, path: Path) -> list[Problem]:
    seen: set[tuple] = set()
    found = []
    for key, _ in node.value:
        if isinstance(key, yaml.ScalarNode):
            if (key.tag, key.value) in seen:
                found.append(Problem(str(path), key.start_mark.line + 1, None,
                                     f"key {key.value!r} is given twice in the same mapping"))
            seen.add((key.tag, key.value))
    return found


def _read_bounded(path: Path) -> str:
    """At most MAX_FILE_BYTES of a regular file: FIFOs, devices and symlinks to them are refused, never read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)  # the opened file itself: a symlink's target, with no window to swap it
        if not stat.S_ISREG(info.st_mode):
            raise KnowledgeError([Problem(str(path), None, None, "not a regular file; refusing to read it")])
        if info.st_size > MAX_FILE_BYTES:
            raise KnowledgeError([Problem(str(path), None, None,
                                          f"file is {info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}")])
        chunks, left = [], MAX_FILE_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > MAX_FILE_BYTES:
        raise KnowledgeError([Problem(str(path), None, None, f"file is over the limit of {MAX_FILE_BYTES:,} bytes")])
    return data.decode("utf-8")


def _syntax_problem(path: Path, text: str, exc: yaml.YAMLError) -> Problem:
    """Word a YAML error as PyYAML's pure-Python parser does (it names the line exactly)."""
    try:
        list(yaml.parse(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError as exact:
        exc = exact
    except RecursionError:
        pass
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if "nesting depth" in reason:  # libyaml's own, higher limit can trip first while it scans ahead
        reason = f"nesting deeper than {MAX_DEPTH} levels is not allowed"
        return Problem(str(path), mark.line + 1 if mark else None, None, reason)
    return Problem(str(path), mark.line + 1 if mark else None, None, f"not valid YAML: {reason}")


def read_yaml(path: Path) -> tuple[Any, _Lines]:
    """Safely parse one YAML file; raise KnowledgeError naming the file and line on failure."""
    try:
        text = _read_bounded(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError([Problem(str(path), None, None, f"cannot read: {exc}")]) from None
    loader = _FAST_LOADER(text)
    try:
        root = _compose(loader, path)
        if root is None:
            return None, _Lines(None)
        try:
            return loader.construct_document(root), _Lines(root)
        except yaml.constructor.ConstructorError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise _fail(path, mark, f"not valid YAML: {exc.problem or exc.context}") from None
        except (ValueError, TypeError, OverflowError) as exc:  # e.g. a date like 2025-13-45
            raise _fail(path, None, f"not valid YAML: {exc}") from None
    except yaml.YAMLError as exc:
        raise KnowledgeError([_syntax_problem(path, text, exc)]) from None
    finally:
        loader.dispose()


def _brief_files(root: Path) -> list[list[Path]]:
    """Each brief is a folder of YAML files or a single YAML file directly under root."""
    if not root.exists():
        raise KnowledgeMissing(root, "the path does not exist")
    if not root.is_dir():
        return [[root]]
    groups = []
    for child in sorted(root.iterdir()):
        if child.is_dir():
            files = [f for f in sorted(child.glob("*.yaml")) + sorted(child.glob("*.yml")) if not is_translation_file(f)]
            if files:
                groups.append(sorted(files, key=lambda p: (p.name != "brief.yaml", p.name)))
        elif child.suffix in (".yaml", ".yml") and not child.name.startswith("_"):
            groups.append([child])
    if not groups:
        raise KnowledgeMissing(root, "no brief folders or .yaml files in it")
    return groups


def _merge(files: list[Path], problems: list[Problem]) -> tuple[dict, dict[str, list]]:
    """Merge one brief's files into one mapping; origin maps each key to (offset, file, lines) segments."""
    merged: dict = {}
    origin: dict[str, list] = {}
    for path in files:
        try:
            data, lines = read_yaml(path)
        except KnowledgeError as exc:
            problems.extend(exc.problems)
            continue
        if not isinstance(data, dict):
            problems.append(Problem(str(path), 1, None, "top level must be a mapping"))
            continue
        for key, value in data.items():
            if key == "entries" and isinstance(merged.get(key), list) and isinstance(value, list):
                origin[key].append((len(merged[key]), path, lines))
                merged[key] = merged[key] + value
            elif key in merged:
                problems.append(Problem(str(path), lines.get((key,)), None, f"field {key!r} is given twice"))
            else:
                merged[key] = value
                origin[key] = [(0, path, lines)]
    return merged, origin


def _translated(brief: Brief, folder: Path, problems: list[Problem]) -> Brief:
    """Attach the brief's `<language>.yaml` translations, reporting problems with file and line."""
    translations = []
    for path in sorted(folder.glob("*.yaml")):
        if not is_translation_file(path):
            continue
        try:
            data, lines = read_yaml(path)
        except KnowledgeError as exc:
            problems.extend(exc.problems)
            continue

        def add(where: tuple, message: str, entry: str | None, path=path, lines=lines) -> None:
            while where and where not in lines:
                where = where[:-1]
            problems.append(Problem(str(path), lines.get(where, 1 if not where else None), entry, message))

        if path.stem not in brief.languages:
            add((), f"{path.name} is not a declared language of brief {brief.id!r} (languages: {list(brief.languages)})", None)
            continue
        translation = build_translation(data, brief, path.stem, add)
        if translation is not None:
            translations.append(translation)

    def add_brief(where: tuple, message: str, entry: str | None) -> None:
        problems.append(Problem(str(folder / "brief.yaml"), None, entry, message))

    return with_translations(brief, translations, add_brief)


def load_knowledge(root: Path | str) -> Knowledge:
    """Load and validate every brief under root; raise KnowledgeError with all problems."""
    root = Path(root)
    problems: list[Problem] = []
    briefs: list[Brief] = []
    for files in _brief_files(root):
        merged, origin = _merge(files, problems)
        if not merged:
            continue
        sink = Problems(origin, files[0], problems, Problem)
        if isinstance(merged.get("date"), (dt.date, dt.datetime)):
            merged["date"] = merged["date"].isoformat()[:10]
        brief = build_brief(merged, sink)
        if brief is not None:
            briefs.append(_translated(brief, files[0].parent, problems) if len(files) > 1 or files[0].name == "brief.yaml"
                          else brief)
    seen: set[str] = set()
    for brief in briefs:
        if brief.id in seen:
            problems.append(Problem(str(root), None, None, f"brief id {brief.id!r} is used by two briefs"))
        seen.add(brief.id)
    if problems:
        raise KnowledgeError(problems)
    return Knowledge(briefs=tuple(briefs), source=str(root))
