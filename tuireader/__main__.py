"""Allow ``python -m tuireader``."""

from __future__ import annotations

import sys

from tuireader.cli import main

sys.exit(main())
