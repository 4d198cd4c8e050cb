"""`python -m bot` is the `briefbot` command."""

import sys

from bot.entrypoints.cli import main

sys.exit(main())
