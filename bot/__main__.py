"""`python -m bot` is the `briefbot` command."""

import sys

from bot.cli import main

sys.exit(main())
