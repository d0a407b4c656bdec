"""Shared test configuration: hypothesis profiles.

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
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

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
