"""Shared test configuration: hypothesis profiles and the DEU III data set.

Profiles, chosen by the ``HYPOTHESIS_PROFILE`` environment variable:

* ``default`` - 100 examples per property, no deadline (the machine is shared).
* ``dev`` - 20 examples, for a quick loop while editing.
* ``ci`` - 100 examples, derandomized so CI runs are reproducible, failure blobs printed;
  loaded automatically when ``CI=true`` and no profile is named. (No more than the
  default: the suite must stay under 3 minutes on two cores even in CI; the fuzz tests
  raise their own budget to 5,000 cases there.)
* ``stress`` - 2000 examples, for a long run by hand (``HYPOTHESIS_PROFILE=stress``).

The whole suite must stay well under 3 minutes on two cores, so property tests keep the
profile's ``max_examples`` and never raise it themselves.

The fixtures ``deu_file`` and ``deu`` give the DEU III data set (``../shared/data/deu3/``,
never copied into the repository); tests that ask for them skip, saying where they looked,
when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import negotrack as nt

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile("default", max_examples=100, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("dev", max_examples=20, deadline=None, suppress_health_check=_QUIET)
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=_QUIET,
)
settings.register_profile("stress", max_examples=2000, deadline=None, suppress_health_check=_QUIET)

_default = "ci" if os.environ.get("CI", "").lower() == "true" else "default"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", _default))


ROOT = Path(__file__).resolve().parent.parent


def _deu_file() -> Path:
    """Return where the DEU III data set lies: ``shared/data/deu3/deu3.tsv`` beside the checkout.

    The folders above the checkout are searched in turn, so a git worktree kept one level
    deeper (``wt/<branch>``) finds the same file as the main checkout.
    """
    tail = Path("shared") / "data" / "deu3" / "deu3.tsv"
    for folder in ROOT.parents:
        if (folder / tail).exists():
            return folder / tail
    return ROOT.parent / tail


DEU_FILE = _deu_file()


@pytest.fixture(scope="session")
def deu_file() -> Path:
    """Return the DEU III data file; skip the test, saying where it looked, if it is absent."""
    if not DEU_FILE.exists():
        pytest.skip(f"DEU III data set not found at {DEU_FILE} (see ../shared/data/deu3/)")
    return DEU_FILE


@pytest.fixture(scope="session")
def deu(deu_file: Path) -> nt.DeuData:
    """Return the DEU III data set as read by ``nt.read_deu`` (read once per session)."""
    return nt.read_deu(deu_file)
