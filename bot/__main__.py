"""`python -m bot` is the same program as the `briefbot` script."""

import os
import sys
from pathlib import Path


def _use_project_venv() -> None:
    """Run under the project's .venv when started by an interpreter that lacks the dependencies."""
    try:
        import rapidfuzz, telegram, yaml  # noqa: E401, F401
    except ImportError:
        venv = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "python"
        if venv.exists() and not os.environ.get("BRIEFBOT_IN_VENV"):
            os.environ["BRIEFBOT_IN_VENV"] = "1"
            os.execv(str(venv), [str(venv), "-m", "bot", *sys.argv[1:]])


_use_project_venv()
from bot.cli import main  # noqa: E402

sys.exit(main())
