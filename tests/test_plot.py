"""Tests of negotrack.plot: every figure written, a non-empty PNG of the expected size."""

from __future__ import annotations

import datetime
import struct
from pathlib import Path

import pytest

import negotrack as nt
from negotrack.errors import InvalidTypeError

pytest.importorskip("matplotlib", reason="plots need the plot extra (matplotlib)")

from negotrack import plot

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))


def png_size(path: Path) -> tuple[int, int]:
    """Return (width, height) from a PNG's IHDR chunk, checking the signature."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR"
    assert length == 13
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


class TestPlotGaps:
    def test_equal_values_are_drawn_where_they_are(self) -> None:
        """No nudging: every drawn gap value is one of the analysis' own values."""
        tl = nt.load(ROOT / "examples/ukraine_dec2025.toml").timeline
        fig = plot.plot_gaps(tl)
        true = {g.needed for r in nt.gap_series(tl) for g in r if len(g.parties) > 1}
        issue_lines = [ln for ln in fig.axes[0].get_lines() if len(set(ln.get_xdata())) > 1]
        assert issue_lines
        assert {float(y) for ln in issue_lines for y in ln.get_ydata()} <= true

    def test_events_numbers_never_overlap(self) -> None:
        """Numbers of events on nearby dates go to different lanes."""
        fig = plot.plot_gaps(nt.load(ROOT / "examples/wage_negotiation.toml").timeline)
        fig.canvas.draw()
        boxes = [t.get_window_extent() for t in fig.axes[0].texts if t.get_text().isdigit()]
        assert boxes
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not a.overlaps(b)

    @pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
    def test_positions_png_and_svg_name_their_parties(self, tmp_path: Path, path: Path) -> None:
        """The positions figure is written as PNG and SVG, and its text names the parties."""
        scenario = nt.load(path)
        tl = scenario.timeline
        fig = plot.plot_positions(tl.snapshot(), tmp_path / "p.png", timeline=tl, dpi=80)
        plot.plot_positions(tl.snapshot(), tmp_path / "p.svg", timeline=tl)
        width, height = png_size(tmp_path / "p.png")
        assert width == 800
        assert height == int(fig.get_figheight() * 80)  # matplotlib truncates
        svg = (tmp_path / "p.svg").read_text(encoding="utf-8")
        stated = {s.party for s in tl.statements}
        for party in tl.parties:
            if party.id in stated:
                assert party.label in svg

    @pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
    def test_png_of_the_expected_size(self, tmp_path: Path, path: Path) -> None:
        """The gaps chart is written as a PNG of width*dpi by height*dpi pixels."""
        out = tmp_path / "gaps.png"
        plot.plot_gaps(nt.load(path).timeline, out, width=8, height=5, dpi=80)
        assert out.stat().st_size > 1000
        assert png_size(out) == (640, 400)

    def test_contested_events_are_marked(self) -> None:
        """The drone claim is a dashed red line, numbered, its key line saying contested."""
        fig = plot.plot_gaps(nt.load(ROOT / "examples/ukraine_dec2025.toml").timeline)
        ax = fig.axes[0]
        events = [ln for ln in ax.get_lines() if len(set(ln.get_xdata())) == 1]  # vertical
        red = [ln for ln in events if ln.get_color() == "#C0392B"]
        assert red
        assert all(ln.get_linestyle() == "--" for ln in red)
        key = fig.get_supxlabel().splitlines()
        drone = next(line for line in key if "drones" in line)
        assert "contested" in drone
        number = drone.split()[0]
        assert number in [t.get_text() for t in ax.texts]  # its number is on the plot
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert "contested event (disputed or alleged)" in legend

    def test_alleged_events_left_out_above_threshold(self) -> None:
        """With min_credibility='reported' the alleged drone claim is not drawn."""
        fig = plot.plot_gaps(
            nt.load(ROOT / "examples/ukraine_dec2025.toml").timeline, min_credibility="reported"
        )
        assert not any("drones" in t.get_text() for t in fig.axes[0].texts)

    def test_bad_size(self) -> None:
        """A non-positive size raises InvalidTypeError naming the field."""
        tl = nt.load(ROOT / "examples/ukraine_dec2025.toml").timeline
        with pytest.raises(InvalidTypeError, match=r"width=0 must be a positive number"):
            plot.plot_gaps(tl, width=0)

    def test_bad_extension(self, tmp_path: Path) -> None:
        """An output that is not .png or .svg raises InvalidTypeError naming it."""
        tl = nt.load(ROOT / "examples/ukraine_dec2025.toml").timeline
        with pytest.raises(InvalidTypeError, match=r"must end in .png or .svg"):
            plot.plot_gaps(tl, tmp_path / "x.gif")


class TestPlotDistances:
    @pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
    def test_png_of_the_expected_size(self, tmp_path: Path, path: Path) -> None:
        """The heatmap is written as a PNG of the expected size."""
        sc = nt.load(path)
        out = tmp_path / "heat.png"
        plot.plot_distances(nt.analyze(sc.timeline.snapshot()), out, timeline=sc.timeline)
        assert out.stat().st_size > 1000
        assert png_size(out) == (700, 600)

    def test_cells_show_the_report_distances(self) -> None:
        """Each cell shows GapReport.distance of its two parties and on how many issues."""
        sc = nt.load(ROOT / "examples/ukraine_dec2025.toml")
        report = nt.analyze(sc.timeline.snapshot())
        fig = plot.plot_distances(report)
        shown = [t.get_text() for t in fig.axes[0].texts]
        parties = list(report.parties)

        def cell(a: str, b: str) -> str:
            if a == b:
                return "—"
            n = len(report.shared_issues(a, b))
            return f"{report.distance(a, b):.2f}\n{n} issue{'s' if n != 1 else ''}"

        assert shown == [cell(a, b) for a in parties for b in parties]
        assert "0.00\n1 issue" in shown  # Russia and the US share only the ceasefire


class TestPlotConditions:
    @pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
    def test_png_of_the_expected_size(self, tmp_path: Path, path: Path) -> None:
        """The condition graph is written as a PNG of the expected size."""
        out = tmp_path / "cond.png"
        plot.plot_conditions(nt.load(path).timeline.snapshot(), out, dpi=50)
        assert out.stat().st_size > 1000
        assert png_size(out) == (500, 350)

    def test_empty_graph(self, tmp_path: Path) -> None:
        """With no conditions in force the figure says so."""
        tl = nt.load(ROOT / "examples/ukraine_dec2025.toml").timeline
        fig = plot.plot_conditions(tl.snapshot(at=tl.dates[0]), tmp_path / "empty.png")
        assert any("No conditions in force" in t.get_text() for t in fig.axes[0].texts)
        assert png_size(tmp_path / "empty.png") == (1000, 700)

    def test_svg(self, tmp_path: Path) -> None:
        """An .svg path writes SVG."""
        out = tmp_path / "cond.svg"
        plot.plot_conditions(
            nt.load(ROOT / "examples/ukraine_dec2025.toml").timeline.snapshot(), out
        )
        assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")


@pytest.mark.parametrize("kind", ["gaps", "heatmap", "conditions", "positions"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_figure_says_whom_and_what_it_covers(tmp_path: Path, path: Path, kind: str) -> None:
    """Issue 14: each figure's title names its parties and the credibility counted.

    And it is written at width × dpi by height × dpi pixels.
    """
    scenario = nt.load(path)
    tl = scenario.timeline
    snap = tl.snapshot()
    out = tmp_path / f"{kind}.png"
    if kind == "gaps":
        fig = plot.plot_gaps(tl, out, dpi=50)
    elif kind == "heatmap":
        fig = plot.plot_distances(nt.analyze(snap), out, timeline=tl, dpi=50)
    elif kind == "conditions":
        fig = plot.plot_conditions(snap, out, dpi=50)
    else:
        fig = plot.plot_positions(snap, out, timeline=tl, dpi=50)
    title = " ".join(" ".join([fig.get_suptitle(), *(ax.get_title() for ax in fig.axes)]).split())
    for party in tl.parties:
        assert party.label in title
    assert "records alleged or better" in title
    assert png_size(out) == (int(fig.get_figwidth() * 50), int(fig.get_figheight() * 50))


class TestConditionGraphBounded:
    """Issue 18: the condition graph lays out only what a reader can see, and says so."""

    @staticmethod
    def ring(n: int) -> nt.Snapshot:
        """Return a knot of ``n`` event clauses: e0 only after e1, ..., e{n-1} only after e0."""
        day = datetime.date(2025, 12, 28)
        events = [nt.Event(id=f"e{k}", date=day, title=f"step {k}") for k in range(n)]
        tl = nt.Timeline(issues=[], parties=[nt.Party("A"), nt.Party("B")], records=events)
        src = nt.Source(title="t")
        for k in range(n):
            tl.add(
                nt.Condition(
                    holder="A" if k else "B",
                    clause=nt.EventClause(f"e{k}"),
                    requires=nt.EventClause(f"e{(k + 1) % n}"),
                    date=day,
                    source=src,
                )
            )
        return tl.snapshot()

    def test_a_large_knot_is_cut_to_the_clauses_a_reader_can_see(self) -> None:
        from negotrack.io.reports.svg import MAX_CLAUSES

        fig = plot.plot_conditions(self.ring(MAX_CLAUSES + 16), dpi=40)
        boxes = [p for p in fig.axes[0].patches if type(p).__name__ == "FancyBboxPatch"]
        assert len(boxes) == MAX_CLAUSES
        assert "16 further clauses, not in or next to a deadlock" in fig.get_supxlabel()

    def test_a_small_graph_is_drawn_whole(self) -> None:
        fig = plot.plot_conditions(self.ring(5), dpi=40)
        boxes = [p for p in fig.axes[0].patches if type(p).__name__ == "FancyBboxPatch"]
        assert len(boxes) == 5
        assert "further clauses" not in fig.get_supxlabel()

    def test_every_arrow_ends_on_a_box_edge(self) -> None:
        """Arrow tips sit just outside the box they point to, whatever the label length."""
        from negotrack.io.reports.documents import graph_data
        from negotrack.io.reports.svg import graph_layout

        snap = self.ring(6)
        layout = graph_layout(graph_data(snap, nt.analyze_conditions(snap)))
        for arrow, box in zip(
            layout.arrows,
            [*list(layout.boxes.values())[1:], next(iter(layout.boxes.values()))],
            strict=True,
        ):
            tx, ty = arrow.tip
            dx, dy = abs(tx - box.x) - box.width / 2, abs(ty - box.y) - box.height / 2
            assert max(dx, dy) == pytest.approx(2, abs=1e-6)  # 2 px off the edge


class TestAtomicFigures:
    """Issue 19, item 5: a failed write left a truncated PNG in place of the old figure."""

    def test_a_failed_write_leaves_the_old_figure(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When saving fails half-way, the previous figure and no temporary file remain."""
        from matplotlib.figure import Figure

        out = tmp_path / "gaps.png"
        out.write_bytes(b"the old figure")
        real_savefig = Figure.savefig

        def savefig_then_fail(self: Figure, fname: object, **kwargs: object) -> None:
            real_savefig(self, fname, **kwargs)  # type: ignore[arg-type]
            with open(str(fname), "r+b") as f:
                f.truncate(100)  # a truncated PNG, as on a full disk
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(Figure, "savefig", savefig_then_fail)
        with pytest.raises(OSError, match="No space left"):
            plot.plot_gaps(nt.load(EXAMPLES[0]).timeline, out)
        assert out.read_bytes() == b"the old figure"
        assert [p.name for p in tmp_path.iterdir()] == ["gaps.png"]


class TestCalendarEdges:
    @pytest.mark.parametrize("kind", ["gaps", "heatmap", "conditions"])
    def test_records_dated_year_1_and_9999_are_drawn(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
    ) -> None:
        """Issue 18: dates every other command accepts never crash a plot (padding clamps)."""
        from negotrack.cli import main

        scale = nt.NumericScale(0, 10)
        tl = nt.Timeline(issues=[nt.Issue("x", scale)], parties=[nt.Party("A"), nt.Party("B")])
        tl.add(nt.Event(id="e0", date=datetime.date.min, title="t"))
        for party, day, lo in (("A", "0001-01-01", 0), ("B", "9999-12-31", 8)):
            tl.add(
                nt.Statement(
                    party=party,
                    issue="x",
                    date=datetime.date.fromisoformat(day),
                    source=nt.Source(title="t"),
                    position=nt.Position(
                        ideal=lo, acceptable=nt.Region.interval(scale, lo, lo + 2)
                    ),
                )
            )
        path = tmp_path / "edges.toml"
        nt.dump(nt.Scenario(timeline=tl), path)
        out = tmp_path / f"{kind}.png"
        assert main(["plot", str(path), "-o", str(out), "--kind", kind]) == 0
        assert capsys.readouterr().err == ""
        assert png_size(out)[0] > 0


def test_positions_colour_a_party_the_same_on_every_issue() -> None:
    """Regression: a party's bars have one colour across the panels of the positions figure."""
    tl = nt.load(ROOT / "examples/ukraine_dec2025.toml").timeline
    fig = plot.plot_positions(tl.snapshot(), timeline=tl)
    colours: dict[str, set[tuple[float, ...]]] = {}
    for ax in fig.axes:
        names = [t.get_text() for t in ax.get_yticklabels()]
        for bar in ax.patches:
            if not hasattr(bar, "get_y") or bar.get_height() != 0.5:
                continue
            row = round(bar.get_y() + 0.25)
            colours.setdefault(names[row], set()).add(
                tuple(round(c, 3) for c in bar.get_facecolor())
            )
    assert {"Russia", "Ukraine", "United States", "European governments"} <= set(colours)
    assert all(len(c) == 1 for c in colours.values()), colours


def test_the_positions_figure_is_bounded_and_says_what_it_left_out() -> None:
    """Regression: 45 issues × 50 parties drew every bar (36 s, a 75,000-px-tall PNG)."""
    scale = nt.NumericScale(0, 100)
    issues = [nt.Issue(f"i{k}", scale) for k in range(45)]
    parties = [nt.Party(f"p{k}") for k in range(50)]
    tl = nt.Timeline(issues=issues, parties=parties)
    for i, issue in enumerate(issues):
        for j, party in enumerate(parties):
            lo = (i + j) % 60
            tl.add(
                nt.Statement(
                    party=party.id,
                    issue=issue.id,
                    date=datetime.date(2025, 1, 1),
                    position=nt.Position(
                        ideal=lo + 20, acceptable=nt.Region.interval(scale, lo, lo + 40)
                    ),
                    source=nt.Source(title="t"),
                )
            )
    fig = plot.plot_positions(tl.snapshot(), timeline=tl)
    assert len(fig.axes) == plot.MAX_POSITION_PANELS
    assert all(len(ax.get_yticklabels()) <= plot.MAX_POSITION_ROWS for ax in fig.axes)
    note = fig._suptitle.get_text()
    assert f"the {plot.MAX_POSITION_PANELS} hardest of 45 issues" in note
    assert (
        f"the first {plot.MAX_POSITION_ROWS} parties on {plot.MAX_POSITION_PANELS} issues" in note
    )
    assert fig.get_size_inches()[1] < 80
