"""Read one knowledge YAML file: a bounded read, one parse with libyaml when PyYAML has it, problems with lines.

Imported only when YAML is actually parsed (a start-up served from the cache never pays for PyYAML).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.loader import MAX_DEPTH, MAX_FILE_BYTES, KnowledgeError, Problem

FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML was built with it


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
    loader = FAST_LOADER(text)
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
