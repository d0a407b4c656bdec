"""The clock every time limit counts: CPU seconds of this process.

``--time-limit`` and every ``time_limit=`` (the condition analysis, the agreement space's
frontier, its mixed-integer programs) measure the same thing, so that one budget means one
amount of work however loaded the machine is; the wall clock runs at least as fast.
"""

from __future__ import annotations

import time

__all__ = ["AGREEMENT_TIME_LIMIT", "CONDITIONS_TIME_LIMIT", "clock"]

#: CPU seconds of this process (user + system), as ``time.process_time``.
clock = time.process_time

#: Default seconds for the exact frontier of an agreement space (then it is cut short):
#: ``negotrack.analysis.agreement.frontier.DEFAULT_TIME_LIMIT``. Kept here, with the clock,
#: so that the command line can show it without importing the agreement space.
AGREEMENT_TIME_LIMIT = 2.0
#: Default time budget in seconds of the condition analysis, counted from its start
#: (``negotrack.analysis.deadlocks.api.DEFAULT_TIME_LIMIT``); kept here for the same reason.
CONDITIONS_TIME_LIMIT = 1.5
