"""`python3 -m sidecast` (and `python3 sidecast.pyz`)."""

import sys

from sidecast.cli import main

sys.exit(main())
