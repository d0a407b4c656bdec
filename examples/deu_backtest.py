"""Backtest negotrack's outcome forecasts on the DEU III data set of EU legislative decisions.

For each of the 353 DEU issues with a recorded outcome, forecast the outcome from the
experts' estimates of the actors' positions and saliences, and print each method's mean
absolute error on the 0–100 scale (lower is better).

Run from the project root: ``python examples/deu_backtest.py [PATH]``. The data set is read
from ``../shared/data/deu3/deu3.tsv`` by default; when it is absent the script says so and
exits with status 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

import negotrack as nt
from negotrack.analysis.forecast_models import MODELS

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "deu3" / "deu3.tsv"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT
    if not path.exists():
        print(f"DEU data not found at {path}; nothing to backtest (see ../shared/data/deu3/).")
        return 0
    data = nt.read_deu(path)
    print(data.describe())
    print("Mean absolute error of each forecast method (0–100 scale):")
    for name in MODELS:
        print("  " + nt.backtest(data, name).describe())
    print("  " + nt.backtest(data, "compromise", gdp=True).describe())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
