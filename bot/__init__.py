"""BriefBot: answers questions about policy briefs with verbatim, sourced quotes."""

__version__ = "0.1.0"  # keep in step with pyproject.toml's version (a test checks it)
