"""Load knowledge YAML into frozen dataclasses, reporting every problem with file and line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.models import Brief, Knowledge
from bot.knowledge.schema import Problems, build_brief

MAX_FILE_BYTES = 1_000_000


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


def _line_map(text: str) -> dict[tuple, int]:
    """Map each YAML path (keys and list indexes) to its 1-based line, without constructing objects."""
    lines: dict[tuple, int] = {}

    def walk(node: yaml.Node, path: tuple) -> None:
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, path + (key.value,))
                lines[path + (key.value,)] = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, path + (i,))

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        walk(root, ())
    return lines


def read_yaml(path: Path) -> tuple[Any, dict[tuple, int]]:
    """Safely parse one YAML file; raise KnowledgeError naming the file and line on failure."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise KnowledgeError([Problem(str(path), None, None, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")])
        text = path.read_text(encoding="utf-8")
        return yaml.safe_load(text), _line_map(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line = mark.line + 1 if mark else None
        raise KnowledgeError([Problem(str(path), line, None, f"not valid YAML: {reason}")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError([Problem(str(path), None, None, f"cannot read: {exc}")]) from None


def _brief_files(root: Path) -> list[list[Path]]:
    """Each brief is a folder of YAML files or a single YAML file directly under root."""
    if root.is_file():
        return [[root]]
    if not root.is_dir():
        raise KnowledgeError([Problem(str(root), None, None, "knowledge path does not exist")])
    groups = []
    for child in sorted(root.iterdir()):
        if child.is_dir():
            files = sorted(child.glob("*.yaml")) + sorted(child.glob("*.yml"))
            if files:
                groups.append(sorted(files, key=lambda p: (p.name != "brief.yaml", p.name)))
        elif child.suffix in (".yaml", ".yml") and not child.name.startswith("_"):
            groups.append([child])
    if not groups:
        raise KnowledgeError([Problem(str(root), None, None, "no briefs found (expected folders or .yaml files)")])
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
            briefs.append(brief)
    seen: set[str] = set()
    for brief in briefs:
        if brief.id in seen:
            problems.append(Problem(str(root), None, None, f"brief id {brief.id!r} is used by two briefs"))
        seen.add(brief.id)
    if problems:
        raise KnowledgeError(problems)
    return Knowledge(briefs=tuple(briefs), source=str(root))
