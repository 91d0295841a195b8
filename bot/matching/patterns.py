"""Regular expressions compiled when first used."""

from __future__ import annotations

import re


class LazyPattern:
    """A regular expression compiled when first used: a one-question run (`ask "who wrote it"`) compiles only the
    patterns its question reaches, not the hundreds a long conversation may. Once compiled, its methods are the
    compiled pattern's own (no wrapper in between)."""

    _METHODS = ("search", "match", "fullmatch", "sub", "subn", "split", "finditer", "findall", "pattern", "flags",
                "groups", "groupindex")

    def __init__(self, pattern: str, flags: int = 0):
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        compiled = re.compile(*self._source)
        for attr in self._METHODS:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)


def lazy_regex(pattern: str, flags: int = 0) -> re.Pattern:
    """A pattern compiled on first use (see LazyPattern), typed as the pattern it stands for."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
