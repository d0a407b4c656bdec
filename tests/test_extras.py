"""A missing optional package is a clear error naming the extra, in the API and the CLI."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import negotrack as nt
from negotrack.cli import main
from negotrack.errors import MissingExtraError, NegotrackError
from negotrack.plot import plot_gaps

EXAMPLE = Path(__file__).parent.parent / "examples" / "ukraine_dec2025.toml"


def _block(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    """Make ``import module`` fail as it does where the package is not installed."""
    for module in modules:
        monkeypatch.setitem(sys.modules, module, None)


def test_to_frame_without_pandas_names_the_pandas_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    timeline = nt.load(EXAMPLE).timeline
    _block(monkeypatch, "pandas")
    with pytest.raises(MissingExtraError, match=r"to_frame\(\) needs pandas") as info:
        timeline.to_frame()
    assert "pip install 'negotrack[pandas]'" in str(info.value)
    assert (info.value.path, info.value.value) == ("pandas", "pandas")
    assert isinstance(info.value, ImportError)
    assert isinstance(info.value, NegotrackError)


def test_plot_without_matplotlib_names_the_plot_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    timeline = nt.load(EXAMPLE).timeline
    _block(monkeypatch, "matplotlib.figure", "matplotlib.backends.backend_agg")
    with pytest.raises(MissingExtraError, match=r"plotting needs matplotlib") as info:
        plot_gaps(timeline)
    assert "pip install 'negotrack[plot]'" in str(info.value)


def test_cli_plot_without_matplotlib_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _block(monkeypatch, "matplotlib.figure", "matplotlib.backends.backend_agg")
    code = main(["plot", str(EXAMPLE), "-o", str(tmp_path / "gaps.png")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "pip install 'negotrack[plot]'" in err
    assert "Traceback" not in err
    assert not (tmp_path / "gaps.png").exists()
