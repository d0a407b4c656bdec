"""The HTML brief and notebook display (issue 14), checked as text and in a real browser.

The browser tests drive Debian's headless Chromium (``/usr/bin/chromium``, installed by
``make test``) with Playwright for Python (the ``browser`` extra). Where either is missing
they are skipped with the reason, except where ``CI`` is set: there a missing browser fails.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.cli import main
from negotrack.io.html_brief import html_brief, write_html_brief
from negotrack.io.notebook import DISPLAYED, html_of
from negotrack.io.reports.blocks import Figure
from negotrack.io.reports.documents import graph_data
from negotrack.io.reports.svg import draw, issue_style, wrap
from negotrack.io.reports.views import view
from negotrack.io.reports.writers import html as html_writer
from negotrack.testing.strategies import condition_timelines

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
UKRAINE = ROOT / "examples" / "ukraine_dec2025.toml"
UPDATE = ROOT / "examples" / "updates" / "ukraine_2026-01-05.toml"
WAGE = ROOT / "examples" / "wage_negotiation.toml"
CHROMIUM = os.environ.get("NEGOTRACK_CHROMIUM", "/usr/bin/chromium")
HOSTILE_NAME = "Union <script>alert('x')</script> & \"quoted\" \x1b[2J"


def _hostile(tmp_path: Path) -> Path:
    source = WAGE.read_text(encoding="utf-8").replace(
        'name = "Health workers\' union"',
        'name = "Union <script>alert(\'x\')</script> & \\"quoted\\" \\u001b[2J"',
    )
    source = source.replace(
        'title = "Pay rise in the first year"',
        'title = "Pay <img src=x onerror=alert(1)> rise"',
    )
    path = tmp_path / "hostile.toml"
    path.write_text(source, encoding="utf-8")
    return path


class TestPage:
    @pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
    def test_every_example_has_every_part(self, example: Path) -> None:
        """Summary, positions per issue, heatmap, gaps over time, record, controls."""
        scenario = nt.load(example)
        page = html_brief(scenario)
        n_dates = len(scenario.timeline.dates)
        assert page.count("<section data-variant") == 4 * n_dates
        for part in (
            'data-figure="positions"',
            'data-figure="distances"',
            'data-figure="gaps_over_time"',
            'id="nt-date"',
            'id="nt-cred"',
            "<h2>Summary</h2>",
            "<h2>The record</h2>",
        ):
            assert part in page, part
        assert page.count("data-record ") == len(scenario.timeline.records)
        # only the latest date at the default threshold is shown without the script
        shown = re.findall(r'<section data-variant data-date="([^"]+)" data-cred="(\w+)">', page)
        assert shown == [(scenario.timeline.dates[-1].isoformat(), "alleged")]

    def test_ukraine_draws_its_knot_and_stays_small(self) -> None:
        """The condition graph of the Ukraine case has its 3 knot arrows; the file < 1.5 MB."""
        page = html_brief(nt.load(UKRAINE))
        assert len(page.encode("utf-8")) < 1_500_000
        latest = page.split('data-cred="alleged">', 1)[1].split("</section>", 1)[0]
        assert latest.count('data-kind="knot"') == 3
        assert "Sequencing deadlock" in latest

    def test_nothing_is_fetched(self) -> None:
        """No src=, no url(), no link to a style sheet: the page needs nothing outside it."""
        page = html_brief(nt.load(UKRAINE))
        assert not re.search(r"\ssrc=|url\(|<link|@import", page)
        assert "<marker" not in page  # arrowheads are drawn, never looked up by id
        assert "default-src 'none'" in page

    def test_the_only_script_is_ours_and_allowed_by_its_hash(self) -> None:
        """One <script>; the policy names its SHA-256, so an injected one would not run."""
        page = html_brief(nt.load(UKRAINE))
        assert page.count("<script>") == 1
        assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", page)

    def test_hostile_text_is_escaped(self, tmp_path: Path) -> None:
        """Names and titles with <, &, quotes and controls are text, never markup."""
        page = html_brief(nt.load(_hostile(tmp_path)))
        assert "<script>alert" not in page
        assert "<img" not in page
        assert "\x1b" not in page
        assert (
            "Union &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quoted&quot;"
            in page
        )

    def test_a_party_selection_narrows_the_page(self) -> None:
        """--parties means what it means elsewhere: the positions of the others are gone."""
        page = html_brief(nt.load(UKRAINE), parties=["UA", "US"])
        variant = page.split('data-cred="alleged">', 1)[1].split("</section>", 1)[0]
        assert "Covers Ukraine and United States" in variant
        assert "<td>Russia</td>" not in variant

    def test_max_dates_keeps_the_last_dates_and_says_so(self) -> None:
        """Fewer dates than the record has: the page holds the last ones and says it."""
        scenario = nt.load(WAGE)
        page = html_brief(scenario, max_dates=2)
        assert page.count("<section data-variant") == 8
        left = len(scenario.timeline.dates) - 2
        assert f"{left} earlier dates are not in this page." in page
        one = html_brief(scenario, max_dates=len(scenario.timeline.dates) - 1)
        assert "1 earlier date is not in this page." in one  # regression: "1 earlier dates"
        latest = html_brief(scenario, max_dates=1)
        # regression: the first date shown had no "What changed" when earlier ones were cut
        assert latest.count("What changed") == html_brief(scenario).count("What changed") // (
            len(scenario.timeline.dates) - 1
        )

    def test_the_coverage_line_is_set_apart_by_what_it_is(self, tmp_path: Path) -> None:
        """The coverage paragraph is an aside; a record's words starting "Covers" are not."""
        source = WAGE.read_text(encoding="utf-8").replace(
            'title = "Pay rise in the first year"', 'title = "Covers everything"'
        )
        path = tmp_path / "covers.toml"
        path.write_text(source, encoding="utf-8")
        page = html_brief(nt.load(path))
        assert '<p class="coverage">Covers Health workers' in page
        assert '<p class="coverage">Covers everything' not in page
        assert "Covers everything" in page

    def test_a_source_that_is_no_record_is_refused(self) -> None:
        with pytest.raises(nt.errors.InvalidTypeError, match="must be a Scenario or a Timeline"):
            html_brief("examples/ukraine_dec2025.toml")  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("bad", "error"),
        [
            (0, nt.errors.ValidationError),
            (-1, nt.errors.ValidationError),
            (True, nt.errors.InvalidTypeError),
            ("3", nt.errors.InvalidTypeError),
        ],
    )
    def test_bad_max_dates_is_refused(self, bad: Any, error: type[Exception]) -> None:
        """Below 1: a bad value (it was InvalidTypeError); no whole number: a wrong type."""
        with pytest.raises(error, match="max_dates") as raised:
            html_brief(nt.load(WAGE), max_dates=bad)
        assert type(raised.value) is error

    def test_a_failed_write_leaves_the_old_file(self, tmp_path: Path) -> None:
        """Writing into a missing folder fails and leaves nothing half-written."""
        out = tmp_path / "brief.html"
        out.write_text("old", encoding="utf-8")
        with pytest.raises(FileNotFoundError):
            write_html_brief(tmp_path / "missing" / "brief.html", nt.load(WAGE))
        assert out.read_text(encoding="utf-8") == "old"


class TestCommand:
    @pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
    def test_brief_on_every_example(
        self, tmp_path: Path, example: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out = tmp_path / "brief.html"
        assert main(["brief", str(example), "-o", str(out)]) == 0
        assert out.read_text(encoding="utf-8") == html_brief(nt.load(example))
        assert capsys.readouterr().out.startswith(f"wrote {out}")

    def test_brief_on_a_store(self, tmp_path: Path) -> None:
        """A store gives the same page as the scenario file it was imported from."""
        store = tmp_path / "talks.db"
        assert main(["import", str(UKRAINE), str(store)]) == 0
        out = tmp_path / "brief.html"
        assert main(["brief", str(store), "-o", str(out)]) == 0
        assert out.read_text(encoding="utf-8") == html_brief(nt.Store(store).export_scenario())

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["-o", "brief.png"], "must end in .html"),
            (["-o", "b.html", "--parties", "XX"], "XX"),
            (["-o", "b.html", "--max-dates", "0"], "--max-dates: 0 must be 1 or more"),
            (["-o", "b.html", "--max-dates", "x"], "--max-dates: 'x' is not a whole number"),
        ],
    )
    def test_bad_options_exit_2_with_one_line(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        args: list[str],
        message: str,
    ) -> None:
        monkeypatch.chdir(tmp_path)
        assert main(["brief", str(UKRAINE), *args]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert message in err
        assert not (tmp_path / "b.html").exists()

    def test_an_unwritable_output_exits_2_naming_it(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out = tmp_path / "missing" / "brief.html"
        assert main(["brief", str(UKRAINE), "-o", str(out)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert f"-o {out}: cannot write the brief" in err

    def test_the_output_may_not_be_the_input(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A store named like a page is not overwritten by its own brief."""
        store = tmp_path / "talks.html"
        assert main(["import", str(UKRAINE), str(store)]) == 0
        before = store.read_bytes()
        assert main(["brief", str(store), "-o", str(store)]) == 2
        assert "the output is the input" in capsys.readouterr().err
        assert store.read_bytes() == before

    def test_html_is_a_format_of_every_report(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--format html gives one self-contained page of the same report."""
        assert main(["analyze", str(UKRAINE), "--format", "html"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("<!DOCTYPE html>")
        assert 'data-figure="conditions"' in out


class TestFigures:
    def test_twenty_issues_have_twenty_distinct_styles(self) -> None:
        """Colour, dash and marker together tell apart the first 20 lines; so do dash and marker."""
        styles = [issue_style(i) for i in range(20)]
        assert len(set(styles)) == 20
        assert len({(dash, marker) for _, dash, marker in styles}) == 20

    def test_an_unknown_figure_is_refused(self) -> None:
        with pytest.raises(nt.errors.InvalidTypeError, match="figure name='pie' is not a figure"):
            draw("pie", {})

    @pytest.mark.parametrize("width", [4, 10, 22])
    def test_wrap_keeps_every_character_within_the_width(self, width: int) -> None:
        text = "donbas_withdrawal ∈ [100, 100] and a_very_long_identifier_without_spaces"
        lines = wrap(text, width)
        assert all(len(line) <= width for line in lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@pytest.fixture(scope="module")
def results() -> list[Any]:
    """One result of every class that shows itself in a notebook."""
    snap = nt.load(UKRAINE).timeline.snapshot()
    report = nt.analyze(snap)
    space = nt.agreement(snap, parties=["UA", "US"])
    return [
        report,
        report["guarantee_years"],
        nt.gap_series(nt.load(UKRAINE).timeline),
        report.conditions,
        space,
        space.frontier,
        nt.forecast_report(snap),
    ]


class TestNotebook:
    def test_every_displayed_class_shows_html_and_a_short_repr(self, results: list[Any]) -> None:
        assert {type(r) for r in results} == set(DISPLAYED)
        for result in results:
            shown = result._repr_html_()
            assert shown.startswith('<div class="nt-repr">')
            assert shown == html_of(result)
            assert len(repr(result)) < 200
            assert "\n" not in repr(result)

    def test_figures_are_drawn_where_there_is_something_to_draw(self, results: list[Any]) -> None:
        assert 'data-figure="positions"' in results[0]._repr_html_()
        assert 'data-figure="gaps_over_time"' in results[2]._repr_html_()

    def test_other_objects_are_refused(self) -> None:
        with pytest.raises(nt.errors.InvalidTypeError, match="has no HTML display"):
            html_of(42)


# ----------------------------------------------------------------------------- browser


def _browser_missing() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (the browser extra: make test installs it)"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM} (Debian's chromium: make test installs it as root)"
    return ""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


class _Visit:
    """A page opened in the browser, with every console error and request seen."""

    def __init__(self, browser: Any, path: Path, width: int = 1000) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.url = path.as_uri()
        self.page.goto(self.url)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def fetched(self) -> list[str]:
        return [u for u in self.requests if u != self.url]

    def visible_variant(self) -> tuple[str, str]:
        date, cred = self.page.eval_on_selector_all(
            "section[data-variant]:not([hidden])",
            "s => s.length === 1 ? [s[0].dataset.date, s[0].dataset.cred] : ['', String(s.length)]",
        )
        return str(date), str(cred)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_brief_in_the_browser(browser: Any, tmp_path: Path, example: Path) -> None:
    """No console error, no request, every figure drawn, both controls change the page."""
    out = tmp_path / "brief.html"
    write_html_brief(out, nt.load(example))
    visit = _Visit(browser, out)
    page = visit.page
    dates = page.eval_on_selector_all("#nt-date option", "os => os.map(o => o.value)")
    assert visit.visible_variant() == (dates[-1], "alleged")
    boxes = page.eval_on_selector_all(
        "section[data-variant]:not([hidden]) svg, div[data-series]:not([hidden]) svg",
        "ss => ss.map(s => [s.getBoundingClientRect().width, s.getBoundingClientRect().height,"
        " s.querySelectorAll('rect,path,polyline,circle,polygon,line').length])",
    )
    assert len(boxes) >= 3
    assert all(w > 100 and h > 40 and shapes > 0 for w, h, shapes in boxes), boxes
    before = page.inner_text("section[data-variant]:not([hidden])")
    records_before = page.inner_text("#nt-count")
    page.select_option("#nt-date", dates[0])
    assert visit.visible_variant() == (dates[0], "alleged")
    assert page.inner_text("section[data-variant]:not([hidden])") != before
    assert page.inner_text("#nt-count") != records_before
    now = page.eval_on_selector_all(
        "div[data-series]:not([hidden]) .nt-now[visibility=visible]",
        "ls => ls.map(l => l.dataset.date)",
    )
    assert now == [dates[0]]
    page.select_option("#nt-cred", "confirmed")
    assert visit.visible_variant() == (dates[0], "confirmed")
    page.screenshot(path=str(tmp_path / "brief.png"), full_page=True)
    assert (tmp_path / "brief.png").stat().st_size > 10_000
    page.emulate_media(media="print")  # printable: the controls are hidden, the brief is not
    assert page.eval_on_selector(".controls", "c => getComputedStyle(c).display") == "none"
    page.pdf(path=str(tmp_path / "brief.pdf"))
    assert (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF")
    assert visit.errors == []
    assert visit.fetched() == []
    assert visit.dialogs == []
    page.close()


def test_hostile_names_do_nothing_in_the_browser(browser: Any, tmp_path: Path) -> None:
    """The hostile name is shown as its words; no script of it runs."""
    out = tmp_path / "brief.html"
    write_html_brief(out, nt.load(_hostile(tmp_path)))
    visit = _Visit(browser, out)
    text = visit.page.inner_text("body")
    assert "Union <script>alert('x')</script> & \"quoted\" \\x1b[2J" in text
    assert visit.dialogs == []
    assert visit.fetched() == []
    visit.page.close()


def test_brief_reads_on_a_phone(browser: Any, tmp_path: Path) -> None:
    """At a phone's width the page does not scroll sideways; tables scroll inside their box."""
    out = tmp_path / "brief.html"
    write_html_brief(out, nt.load(UKRAINE))
    visit = _Visit(browser, out, width=390)
    scroll, width = visit.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= width
    visit.page.screenshot(path=str(tmp_path / "phone.png"))
    assert visit.errors == []
    visit.page.close()


def test_notebook_display_in_the_browser(browser: Any, tmp_path: Path, results: list[Any]) -> None:
    """Every result's _repr_html_ renders with its figures and no error."""
    body = "".join(f"<h2>{html.escape(type(r).__name__)}</h2>{r._repr_html_()}" for r in results)
    out = tmp_path / "notebook.html"
    out.write_text(html_writer.page("notebook display", body), encoding="utf-8")
    visit = _Visit(browser, out)
    heights = visit.page.eval_on_selector_all(
        ".nt-repr", "ds => ds.map(d => d.getBoundingClientRect().height)"
    )
    assert len(heights) == len(results)
    assert all(h > 20 for h in heights)
    drawn = visit.page.eval_on_selector_all(
        "svg", "ss => ss.map(s => s.getBoundingClientRect().width)"
    )
    assert drawn
    assert all(w > 100 for w in drawn)
    visit.page.screenshot(path=str(tmp_path / "notebook.png"), full_page=True)
    assert visit.errors == []
    assert visit.fetched() == []
    visit.page.close()


class TestEmptyFigures:
    """Regression: a figure with nothing to draw says so instead of failing."""

    def test_a_condition_graph_without_clauses(self) -> None:
        from negotrack.io.reports.svg import conditions_svg

        assert "No conditions in force." in conditions_svg({"nodes": [], "edges": []})

    def test_gaps_over_time_without_dates(self) -> None:
        from negotrack.io.reports.svg import gaps_over_time_svg

        svg = gaps_over_time_svg({"dates": [], "issues": [{"title": "A", "needed": []}]})
        assert "no gap: fewer than two parties" in svg


class TestGraphData:
    """The brief's condition graph is read in one pass, without building a networkx graph."""

    @given(condition_timelines(linkages=True, max_parties=3), st.data())
    def test_graph_data_is_the_condition_graph(self, tl: nt.Timeline, data: st.DataObject) -> None:
        """Law: same clauses and arrows, in the same order, as nt.condition_graph."""
        snap = tl.snapshot()
        ids = [p.id for p in tl.parties]
        holders = data.draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
        report = nt.analyze_conditions(snap, condition_holders=holders)
        drawn = graph_data(snap, report)
        graph = nt.condition_graph(snap, linkages=True, condition_holders=holders)
        assert drawn["nodes"] == list(graph.nodes)
        assert [(e["from"], e["to"]) for e in drawn["edges"]] == list(graph.edges)
        for e in drawn["edges"]:
            attrs = graph.edges[e["from"], e["to"]]
            assert e["holders"] == attrs["holder"].split(", ")
            assert e["kind"] == ("linkage" if attrs["kind"] == "linkage" else "precondition")
        knot_arrows = {
            (c.clause.key, c.requires.key) for k in report.sequencing for c in k.conditions
        }
        assert {(e["from"], e["to"]) for e in drawn["edges"] if e["knot"]} == knot_arrows


class TestPartyColours:
    """Regression: a party keeps one colour in every positions figure of a brief."""

    def test_svg_positions_colour_a_party_the_same_on_every_issue(self) -> None:
        tl = nt.load(UKRAINE).timeline
        snap = tl.snapshot()
        doc = nt.io.reports.brief_document(nt.analyze(snap), nt.analyze_conditions(snap), tl)
        blocks = [b for b in view(doc) if isinstance(b, Figure) and b.name == "positions"]
        colours: dict[str, set[str]] = {}
        for block in blocks:
            svg = draw(block.name, block.data)
            bars = re.findall(
                r'<rect [^>]*fill="(#[0-9A-F]{6})" rx="3"[^>]*data-party="([^"]+)"', svg
            )
            for fill, party in bars:
                colours.setdefault(party, set()).add(fill)
        assert set(colours) == {"RU", "UA", "US", "EU"}
        assert all(len(c) == 1 for c in colours.values()), colours
        assert len({c.pop() for c in colours.values()}) == 4  # and parties differ


def test_a_revised_record_is_filtered_by_its_revised_credibility(
    browser: Any, tmp_path: Path
) -> None:
    """Regression: the record list filtered on each record's first credibility.

    The update denies us-ceasefire-2 (alleged) on 2026-01-05: from that date the brief's
    analysis no longer counts it at "alleged or better", and the record list must agree.
    """
    db = tmp_path / "talks.db"
    nt.Store.import_into(db, nt.load(UKRAINE))
    with nt.Store(db) as store:
        store.apply(nt.load_update(UPDATE, store.timeline()))
        timeline = store.timeline()
    out = tmp_path / "brief.html"
    write_html_brief(out, timeline)
    visit = _Visit(browser, out)
    page = visit.page
    row = '[data-record][data-id="us-ceasefire-2"]'
    dates = page.eval_on_selector_all("#nt-date option", "os => os.map(o => o.value)")
    before = dates[dates.index("2026-01-05") - 1]
    page.select_option("#nt-date", before)
    assert page.eval_on_selector(row, "r => !r.hidden")  # alleged, counted before the denial
    page.select_option("#nt-date", "2026-01-05")
    assert not page.eval_on_selector(row, "r => !r.hidden")  # denied from that date
    page.select_option("#nt-cred", "denied")
    assert page.eval_on_selector(row, "r => !r.hidden")  # listed again at "denied or better"
    assert visit.errors == []
    page.close()
