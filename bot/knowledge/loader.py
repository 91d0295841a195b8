"""Load knowledge YAML into frozen dataclasses, reporting every problem with file and line.

Each file is read with a bounded read (regular files only) and parsed once with libyaml's C parser when it
is installed (PyYAML's pure-Python parser otherwise). Aliases, nesting deeper than MAX_DEPTH and duplicate
keys are refused with the file and line; a file with a syntax error is parsed again with the pure-Python
parser only to report its error exactly as PyYAML words it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.knowledge.models import Brief, Knowledge
from bot.knowledge.schema import Problems, build_brief
from bot.knowledge.translations import build_translation, is_translation_file, with_translations

MAX_FILE_BYTES = 1_000_000  # a brief's YAML is tens of KB; anything near a megabyte is a mistake or an attack
MAX_DEPTH = 50  # the knowledge format nests 5 levels; deeper input is refused before it can exhaust the stack


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


def read_yaml(path: Path) -> tuple[Any, Any]:
    """Safely parse one YAML file into (data, lines); raise KnowledgeError naming the file and line on failure."""
    from bot.knowledge.yamlfile import read_yaml as read  # PyYAML is imported only when a file is parsed

    return read(path)


def _brief_files(root: Path) -> list[list[Path]]:
    """Each brief is a folder of YAML files or a single YAML file directly under root."""
    if not root.exists():
        raise KnowledgeMissing(root, "the path does not exist")
    if not root.is_dir():
        return [[root]]
    groups = []
    for child in sorted(root.iterdir()):
        if child.is_dir():
            files = [
                f for f in sorted(child.glob("*.yaml")) + sorted(child.glob("*.yml")) if not is_translation_file(f)
            ]
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
            add(
                (),
                f"{path.name} is not a declared language of brief {brief.id!r} (languages: {list(brief.languages)})",
                None,
            )
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
            briefs.append(
                _translated(brief, files[0].parent, problems)
                if len(files) > 1 or files[0].name == "brief.yaml"
                else brief
            )
    seen: set[str] = set()
    for brief in briefs:
        if brief.id in seen:
            problems.append(Problem(str(root), None, None, f"brief id {brief.id!r} is used by two briefs"))
        seen.add(brief.id)
    if problems:
        raise KnowledgeError(problems)
    return Knowledge(briefs=tuple(briefs), source=str(root))
