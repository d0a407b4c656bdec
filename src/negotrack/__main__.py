"""Run the ``negotrack`` command: ``python -m negotrack``."""

import sys

from negotrack.cli import main

sys.exit(main())
