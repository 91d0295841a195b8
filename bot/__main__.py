"""`python -m bot` is the same program as the `briefbot` script."""

import sys

from bot.cli import main

sys.exit(main())
