"""Backtest negotrack's outcome forecasts on the DEU III data set of EU legislative decisions.

For each of the 353 DEU issues with a recorded outcome, forecast the outcome from the
experts' estimates of the actors' positions and saliences, and print each method's mean
absolute error on the 0–100 scale (lower is better) as a Markdown table: the bootstrap 95 %
interval (2000 resamples of whole proposals, seed 0), and the paired difference from the
compromise model with its interval. Every method is scored on the same 5 folds by proposal;
a method with a parameter (``salience_exponent``) is forecast on each fold with the value
chosen on the other four, so no figure is tuned on the issues it is scored on.

Run from the project root: ``python examples/deu_backtest.py [PATH]``. The data set is read
from ``../shared/data/deu3/deu3.tsv`` by default; when it is absent the script says so and
exits with status 0. docs/forecasts.md shows its output.
"""

from __future__ import annotations

import sys
from pathlib import Path

import negotrack as nt
from negotrack.analysis.forecast_models import MODELS

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "deu3" / "deu3.tsv"
FOLDS, RESAMPLES, SEED = 5, 2000, 0

#: (method, capabilities) in the order of the table.
ROWS = [
    ("compromise", "equal"),
    ("compromise", "gdp"),
    ("compromise", "council"),
    *((name, "equal") for name in MODELS if name != "compromise"),
    ("salience_exponent", "gdp"),
]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT
    if not path.exists():
        print(f"DEU data not found at {path}; nothing to backtest (see ../shared/data/deu3/).")
        return 0
    data = nt.read_deu(path)
    print(data.describe())
    print()
    print(
        "| method (capabilities) | MAE (0–100) | 95 % interval | issues | minus compromise [95 %] |"
    )
    print("|---|---:|---:|---:|---:|")
    base = nt.backtest(data, "compromise", folds=FOLDS, resamples=RESAMPLES, seed=SEED)
    for method, caps in ROWS:
        b = nt.backtest(
            data, method, capabilities=caps, folds=FOLDS, resamples=RESAMPLES, seed=SEED
        )
        lo, hi = b.interval or (float("nan"), float("nan"))
        if (method, caps) == ("compromise", "equal"):
            diff = "—"
        else:
            d, dlo, dhi = b.difference(base, resamples=RESAMPLES, seed=SEED)
            diff = f"{d:+.2f} [{dlo:+.2f}, {dhi:+.2f}]"
        tuned = f", held out, β per fold {list(b.parameters)}" if b.parameters else ""
        print(f"| {method} ({caps}{tuned}) | {b.mae:.2f} | [{lo:.2f}, {hi:.2f}] | {b.n} | {diff} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
