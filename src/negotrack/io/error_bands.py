"""Generate the forecast error bands stored in the package from the DEU III data set.

``python -m negotrack.io.error_bands PATH [-o OUT]`` reads the DEU data set at ``PATH``
(``../shared/data/deu3/deu3.tsv``), backtests every forecast model with equal capabilities
(a model with a parameter held-out, 5 folds by proposal, seed 0) and writes each model's
number of issues and its 50 % and 90 % absolute-error quantiles (0–100 scale) to
``OUT`` (default: the package's ``negotrack/analysis/forecast_error_bands.json``, which
:func:`negotrack.analysis.forecast_errors.error_band` reads). The data set itself is never
copied: only these few figures are stored.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from negotrack.analysis import forecast_errors
from negotrack.analysis.backtest import backtest
from negotrack.analysis.forecast_errors import quantile
from negotrack.analysis.forecast_models import MODELS
from negotrack.io.atomic import atomic_write
from negotrack.io.deu import DeuData, read_deu

__all__ = ["FOLDS", "compute_error_bands", "main"]

#: Folds for a model with a parameter (by proposal, seed 0).
FOLDS = 5
_COMMAND = "python -m negotrack.io.error_bands ../shared/data/deu3/deu3.tsv"


def compute_error_bands(data: DeuData) -> dict[str, Any]:
    """Return the error bands of every registered model on ``data`` (plain data).

    Returns
    -------
    dict
        ``source``, ``command``, ``scale``, ``quantiles`` and ``methods``: name →
        ``{"n", "q50", "q90", "held_out"}`` (errors on 0–100, rounded to 0.01).

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.error_bands import compute_error_bands
    >>> issue = nt.DeuIssue(id="d1", proposal="p", proposal_name="n", introduced=None,
    ...     positions=(nt.DeuPosition(actor="com", position=100, salience=50),),
    ...     reference_point=None, outcome=40)
    >>> bands = compute_error_bands(nt.DeuData(file="-", actors=("com",), gdp={}, issues=(issue,)))
    >>> bands["methods"]["compromise"]
    {'n': 1, 'q50': 60.0, 'q90': 60.0, 'held_out': False}
    """
    methods: dict[str, Any] = {}
    proposals = len({issue.proposal for issue in data.issues})
    for name, model in MODELS.items():
        held_out = model.family is not None
        if held_out and proposals < 2:
            continue  # nothing to hold out: a parameter would be scored where it was chosen
        b = backtest(data, name, folds=min(FOLDS, proposals) if held_out else None)
        if not b.errors:
            continue
        methods[name] = {
            "n": b.n,
            "q50": round(quantile(b.errors, 0.5), 2),
            "q90": round(quantile(b.errors, 0.9), 2),
            "held_out": held_out,
        }
    return {
        "source": f"DEU III backtest ({len(data.issues)} EU legislative issues, 1996-2019)",
        "command": _COMMAND,
        "scale": "absolute error on the 0-100 DEU scale; equal capabilities",
        "quantiles": "linear interpolation between order statistics (type 7)",
        "methods": methods,
    }


def main(argv: list[str] | None = None) -> int:
    """Write the error bands; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m negotrack.io.error_bands")
    parser.add_argument("path", help="the DEU data set (deu3.tsv)")
    default = Path(forecast_errors.__file__).with_name(forecast_errors.ERROR_BANDS_FILE)
    parser.add_argument("-o", "--output", default=str(default), help="where to write them")
    args = parser.parse_args(argv)
    bands = compute_error_bands(read_deu(args.path))
    text = json.dumps(bands, indent=2, ensure_ascii=False) + "\n"
    atomic_write(args.output, text.encode("utf-8"))
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":  # pragma: no cover - run as a script
    raise SystemExit(main())
