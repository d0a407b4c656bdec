"""Run the ``negotrack`` command: ``python -m negotrack``."""

from negotrack.cli import run

run()
