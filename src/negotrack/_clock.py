"""The clock every time limit counts: CPU seconds of this process.

``--time-limit`` and every ``time_limit=`` (the condition analysis, the agreement space's
frontier, its mixed-integer programs) measure the same thing, so that one budget means one
amount of work however loaded the machine is; the wall clock runs at least as fast.
"""

from __future__ import annotations

import time

__all__ = ["clock"]

#: CPU seconds of this process (user + system), as ``time.process_time``.
clock = time.process_time
