"""The formats of other tools: Genius, GeniusWeb, KTAB and decide (docs/formats.md)."""

from __future__ import annotations

import csv
import math
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

import negotrack as nt
from negotrack.cli import main
from negotrack.errors import DataError
from negotrack.io.formats import format_of, read_scenario
from negotrack.testing import strategies as nts

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
GENIUS = SHARED / "genius" / "anac"
FORMATS = SHARED / "formats"
DOMAINS = sorted(p for p in GENIUS.glob("*/*") if p.is_dir()) if GENIUS.is_dir() else []
KTAB = FORMATS / "ktab" / "SOE-Policy.csv"
DECIDE = FORMATS / "decide" / "copenhagen.csv"
needs_data = pytest.mark.skipif(not FORMATS.is_dir(), reason=f"no shared data at {SHARED}")

DOMAIN_XML = """<negotiation_template><utility_space number_of_issues="2">
<objective index="0" name="root" type="objective">
<issue index="1" name="x" vtype="discrete"><item index="1" value="a"/><item index="2" value="b"/></issue>
<issue index="2" name="n" vtype="integer" lowerbound="0" upperbound="4"/>
</objective></utility_space></negotiation_template>
"""


def _profile(
    x: str = "x", ev_b: str = 'evaluation="4"', w: tuple[str, str] = ("0.5", "0.5")
) -> str:
    return f"""<utility_space><reservation value="0.25"/><objective index="0" name="root">
<issue index="1" name="{x}" vtype="discrete"><item index="1" value="a" evaluation="2"/>
<item index="2" value="b" {ev_b}/></issue>
<issue index="2" name="n" vtype="integer" lowerbound="0" upperbound="4">
<evaluator ftype="linear" offset="1.0" slope="-0.25"/></issue>
<weight index="1" value="{w[0]}"/><weight index="2" value="{w[1]}"/></objective>
<discount_factor value="0.9"/></utility_space>
"""


def _domain(tmp_path: Path, profile: str) -> Path:
    (tmp_path / "d_domain.xml").write_text(DOMAIN_XML)
    (tmp_path / "p1.xml").write_text(profile)
    return tmp_path


def test_genius_utility_is_weight_times_evaluation_over_max(tmp_path: Path) -> None:
    d = nt.read_genius(_domain(tmp_path, _profile()))
    u = d.utilities["p1"]
    # x: a → 2/4, b → 4/4; n: 1 - 0.25 n (linear evaluator), weights 0.5 / 0.5
    assert u({"x": "a", "n": 2}) == pytest.approx(0.5 * 2 / 4 + 0.5 * (1 - 0.5))
    assert u({"x": "b", "n": 0}) == pytest.approx(1.0)
    assert u.reserved == 0.25
    assert d.discount["p1"] == 0.9
    assert d.outcomes()["n"] == (0, 1, 2, 3, 4)


@pytest.mark.parametrize(
    ("profile", "words"),
    [
        (_profile(x="y"), "no issue 'y'"),
        (_profile(ev_b=""), "no 'evaluation' attribute"),
        (_profile(w=("0.5", "0.7")), "must sum to 1"),
        (_profile(ev_b='evaluation="-1"'), "must be a finite number ≥ 0"),
        (
            _profile(w=("1.7", "-0.7")),
            r"weight\[index=2\].value='-0.7' must be a finite number ≥ 0",
        ),
        (_profile(ev_b='evaluation="many"'), "must be a finite number"),
        ("<utility_space><objective>", "malformed XML"),
    ],
)
def test_bad_genius_profiles_name_file_element_and_rule(
    tmp_path: Path, profile: str, words: str
) -> None:
    folder = _domain(tmp_path, profile)
    with pytest.raises(DataError, match=words) as err:
        nt.read_genius(folder)
    assert err.value.file is not None
    assert err.value.file.endswith("p1.xml")


def test_missing_evaluation_for_a_value_is_refused(tmp_path: Path) -> None:
    bad = _profile().replace('<item index="2" value="b" evaluation="4"/>', "")
    with pytest.raises(DataError, match=r"no evaluation for 'b'"):
        nt.read_genius(_domain(tmp_path, bad))


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<negotiation_template>&lol3;</negotiation_template>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<negotiation_template><utility_space><issue name="&xxe;" vtype="discrete"/></utility_space></negotiation_template>
"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "xxe"])
def test_xml_with_dtd_or_entities_is_refused(tmp_path: Path, text: str) -> None:
    (tmp_path / "evil_domain.xml").write_text(text)
    with pytest.raises(DataError, match="refused XML") as err:
        nt.read_genius(tmp_path)
    assert "root:" not in str(err.value)  # nothing of /etc/passwd leaks into the message


def test_cli_prints_one_line_and_exits_2_on_bad_xml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "evil_domain.xml").write_text(BILLION_LAUGHS)
    assert main(["packages", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "refused XML" in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


@pytest.mark.skipif(not DOMAINS, reason=f"no Genius data at {GENIUS}")
@pytest.mark.parametrize("folder", DOMAINS, ids=[d.name for d in DOMAINS])
def test_genius_round_trip_keeps_every_utility(tmp_path: Path, folder: Path) -> None:
    """Genius XML → negotrack → Genius XML: the same weights, values and reservation."""
    before = nt.read_genius(folder)
    nt.write_genius(before, tmp_path)
    after = nt.read_genius(tmp_path)
    assert after.discount == before.discount
    assert [i.values for i in after.issues] == [i.values for i in before.issues]
    for party, u in before.utilities.items():
        v = after.utilities[party]
        assert dict(v.weights) == dict(u.weights)
        assert v.reserved == u.reserved
        for issue in before.issues:
            for value in issue.candidates():
                assert v.value(issue.name, value) == u.value(issue.name, value)
    # hence the same utilities on every package (additive): spot-check the frontier's
    space_a, space_b = before.agreement_space(), after.agreement_space()
    assert space_a.frontier().points == space_b.frontier().points


@needs_data
def test_genius_directories_are_read_by_every_reading_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    laptop = GENIUS / "y2011" / "Laptop"
    for command in ("packages", "analyze", "forecast"):
        assert main([command, str(laptop)]) == 0
    assert "laptop_buyer_utility" in capsys.readouterr().out


@needs_data
def test_geniusweb_both_spellings(tmp_path: Path) -> None:
    d = nt.read_geniusweb(FORMATS / "geniusweb" / "Party")
    new = tmp_path / "new"
    new.mkdir()
    for f in (FORMATS / "geniusweb" / "Party").glob("*.json"):
        text = f.read_text().replace('"discreteutils"', '"DiscreteValueSetUtilities"')
        (new / f.name).write_text(text)
    e = nt.read_geniusweb(new)
    for p, u in d.utilities.items():
        assert dict(u.weights) == dict(e.utilities[p].weights)
        assert u.reserved == e.utilities[p].reserved


@needs_data
def test_geniusweb_profile_for_another_domain_is_refused(tmp_path: Path) -> None:
    src = FORMATS / "geniusweb" / "FlightBooking"
    (tmp_path / "flightbooking.json").write_text((src / "flightbooking.json").read_text())
    (tmp_path / "p.json").write_text((FORMATS / "geniusweb" / "Party" / "party1.json").read_text())
    with pytest.raises(DataError, match=r"another domain|no such issue") as err:
        nt.read_geniusweb(tmp_path)
    assert err.value.file is not None
    assert err.value.file.endswith("p.json")


def _cells(path: Path) -> list[list[object]]:
    out: list[list[object]] = []
    for row in csv.reader(path.read_text(encoding="utf-8").splitlines()):
        cells = [c.strip() for c in row]
        while cells and not cells[-1]:
            cells.pop()
        out.append([float(c) if c.replace(".", "", 1).isdigit() else c for c in cells])
    return out


@needs_data
def test_ktab_round_trip_is_identical_up_to_formatting(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    nt.write_ktab(nt.read_ktab(KTAB), out)
    before, after = _cells(KTAB), _cells(out)
    # row 1: the name holds ';' and the description ','-free text: compare joined
    assert before[1:] == after[1:]
    assert before[0][-2:] == after[0][-2:]


@needs_data
@pytest.mark.parametrize("path", [KTAB, DECIDE], ids=["ktab", "decide"])
def test_compromise_forecast_is_capability_times_salience_weighted_mean(path: Path) -> None:
    sc = read_scenario(path)
    assert format_of(path).name == ("ktab" if path == KTAB else "decide")
    snap = sc.timeline.snapshot()
    cap = {p.id: p.capability for p in sc.timeline.parties}
    for issue in snap.issue_ids:
        positions = snap.positions(issue)
        w = {p: cap[p] * pos.salience for p, pos in positions.items()}
        by_hand = math.fsum(w[p] * float(pos.ideal) for p, pos in positions.items()) / math.fsum(
            w.values()
        )
        assert nt.forecast(snap, issue).coordinate == pytest.approx(by_hand, rel=1e-12)


@needs_data
@pytest.mark.parametrize("path", [KTAB, DECIDE], ids=["ktab", "decide"])
def test_analyze_and_forecast_run_on_ktab_and_decide(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(path)]) == 0
    assert main(["forecast", str(path)]) == 0
    assert "Compromise" in capsys.readouterr().out


@needs_data
def test_decide_by_hand() -> None:
    sc = nt.read_decide(DECIDE)
    usa = next(p for p in sc.timeline.parties if p.id == "USA")
    assert usa.capability == 0.26
    pos = sc.timeline.snapshot().position("USA", "Newtreaty")
    assert pos is not None
    assert (pos.ideal, pos.salience) == (10.0, 0.9)


def test_decide_unknown_actor_names_the_line(tmp_path: Path) -> None:
    f = tmp_path / "d.csv"
    f.write_text(
        "'#A'\t'A'\t'A'\n'#P'\t'x'\t'x'\n'#M'\t'x'\t0\n'#M'\t'x'\t100\n'#D'\t'B'\t'x'\t5\t0.5\t0.5\n"
    )
    with pytest.raises(DataError, match=r"line 5: unknown actor 'B'"):
        nt.read_decide(f)


@needs_data
def test_convert_every_file(tmp_path: Path) -> None:
    ins = [
        *DOMAINS,
        FORMATS / "geniusweb" / "Party",
        FORMATS / "geniusweb" / "FlightBooking",
        KTAB,
        DECIDE,
    ]
    for k, src in enumerate(ins):
        assert main(["convert", str(src), str(tmp_path / f"o{k}.json")]) == 0
        assert main(["convert", str(src), str(tmp_path / f"g{k}"), "--to", "genius"]) == 0
    assert main(["convert", str(KTAB), str(tmp_path / "k.toml")]) == 0
    assert main(["convert", str(tmp_path / "k.toml"), str(tmp_path / "k.csv")]) == 0
    assert _cells(tmp_path / "k.csv")[1:] == _cells(KTAB)[1:]


@given(nts.utility_domains())
@settings(max_examples=60, deadline=None)
def test_genius_write_then_read_keeps_every_utility(domain: nt.UtilityDomain) -> None:
    """Law: read_genius(write_genius(d)) gives d's weights, values, reservation and discount."""
    with tempfile.TemporaryDirectory() as tmp:
        nt.write_genius(domain, tmp)
        back = nt.read_genius(tmp)
    assert [(i.name, i.kind, i.values, i.lower, i.upper) for i in back.issues] == [
        (i.name, i.kind, i.values, i.lower, i.upper) for i in domain.issues
    ]
    assert dict(back.discount) == dict(domain.discount)
    for party, u in domain.utilities.items():
        v = back.utilities[party]
        assert dict(v.weights) == dict(u.weights)
        assert v.reserved == u.reserved
        for issue in domain.issues:
            for value in issue.candidates():
                assert v.value(issue.name, value) == u.value(issue.name, value)


def test_convert_refuses_a_read_only_target_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            ["convert", "examples/formats/fishing_ktab.csv", str(tmp_path / "x"), "--to", "decide"]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "read only" in err
    assert err.count("\n") == 1


def test_convert_reads_a_store(tmp_path: Path) -> None:
    db = tmp_path / "talks.db"
    nt.Store.import_into(db, nt.read_ktab("examples/formats/fishing_ktab.csv"))
    assert main(["convert", str(db), str(tmp_path / "back.csv")]) == 0
    assert (
        nt.read_ktab(tmp_path / "back.csv").timeline
        == nt.read_ktab("examples/formats/fishing_ktab.csv").timeline
    )


@pytest.mark.parametrize("spelling", ["numberutils", "NumberValueSetUtilities"])
def test_geniusweb_number_utilities_are_linear_between_the_two_points(
    tmp_path: Path, spelling: str
) -> None:
    (tmp_path / "d.json").write_text(
        '{"name": "d", "issuesValues": {"price": {"range": {"low": 0, "high": 10, "step": 1}},'
        ' "c": {"values": ["a", "b"]}}}'
    )
    (tmp_path / "p.json").write_text(
        '{"LinearAdditiveUtilitySpace": {"domain": {"name": "d"}, "issueUtilities": {'
        f'"price": {{"{spelling}": {{"lowValue": 2, "lowUtility": 1.0, "highValue": 10, "highUtility": 0.2}}}},'
        ' "c": {"discreteutils": {"valueUtilities": {"a": 0.5, "b": 1.0}}}},'
        ' "issueWeights": {"price": 0.75, "c": 0.25},'
        ' "reservationBid": {"issuevalues": {"price": 6, "c": "a"}}}}'
    )
    d = nt.read_geniusweb(tmp_path)
    assert d.issues[0].kind == "integer"
    u = d.utilities["p"]
    # price 6: 1.0 + (6 - 2) × (0.2 - 1.0) / 8 = 0.6; c = a: 0.5
    assert u.reserved == pytest.approx(0.75 * 0.6 + 0.25 * 0.5)


def test_decide_varying_power_is_refused_on_its_line(tmp_path: Path) -> None:
    f = tmp_path / "d.csv"
    f.write_text(
        "'#A'\t'A'\t'A'\n'#P'\t'x'\t'x'\n'#P'\t'y'\t'y'\n'#M'\t'x'\t0\n'#M'\t'x'\t100\n"
        "'#M'\t'y'\t0\n'#M'\t'y'\t1\n'#D'\t'A'\t'x'\t5\t0.5\t0.5\n'#D'\t'A'\t'y'\t1\t0.5\t0.7\n"
    )
    with pytest.raises(DataError, match=r"line 9: 'A' has power 0.7 here and 0.5 before"):
        nt.read_decide(f)


def test_ktab_row_of_the_wrong_width_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "k.csv"
    f.write_text("n,d,1,1\nActor,Description,Influence,P Position,P Salience\nA,a,10,50\n")
    with pytest.raises(DataError, match=r"line 3 has 4 cells; the header has 5"):
        nt.read_ktab(f)


def test_packages_on_a_genius_domain_uses_the_files_utilities(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The frontier `packages` reports is the exact one of the profiles, not one from positions."""
    import json

    fruit = nt.read_genius("examples/formats/genius_fruit")
    assert main(["packages", "examples/formats/genius_fruit", "--format", "json"]) == 0
    agreement = json.loads(capsys.readouterr().out)["agreement"]
    shown = sorted(tuple(p["utilities"].values()) for p in agreement["frontier"]["points"])
    assert shown == sorted(fruit.agreement_space().frontier().points)
    derived = nt.agreement(fruit.scenario().timeline.snapshot())  # what positions alone give
    assert sorted(derived.frontier.points) != shown


def test_convert_error_without_a_file_is_one_line_naming_the_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: convert's argument is `input`, and errors naming no file crashed."""
    f = tmp_path / "broken.db"
    f.write_bytes(b"SQLite format 3\x00garbage")  # looks like a store, is not one
    assert main(["convert", str(f), str(tmp_path / "o.toml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert str(f) in err
    assert not (tmp_path / "o.toml").exists()


@pytest.mark.parametrize("command", ["convert", "export"])
def test_convert_and_export_refuse_to_write_over_their_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """Regression: `convert X X` replaced X (dropping its comments); an output is never its input."""
    if command == "convert":
        src = tmp_path / "talks.toml"
        src.write_text(Path("examples/ukraine_dec2025.toml").read_text())
    else:
        src = tmp_path / "k.csv"
        src.write_text(Path("examples/formats/fishing_ktab.csv").read_text())
    before = src.read_bytes()
    assert main([command, str(src), str(src)]) == 2
    err = capsys.readouterr().err
    assert "is the input" in err
    assert err.count("\n") == 1
    assert src.read_bytes() == before


@pytest.mark.parametrize(
    ("title", "party"), [("../../pwned", "UA"), ("Talks", "../../ua"), ("a: b/c", "U/S")]
)
def test_genius_file_names_stay_inside_the_output_directory(
    tmp_path: Path, title: str, party: str
) -> None:
    """Regression: a title or party id like '../x' wrote files outside OUT."""
    scenario = nt.read_ktab("examples/formats/fishing_ktab.csv")
    tl = scenario.timeline
    renamed = {"FLT": party}
    parties = [attrs.evolve(p, id=renamed.get(p.id, p.id)) for p in tl.parties]
    records = [attrs.evolve(s, party=renamed.get(s.party, s.party)) for s in tl.statements]
    scenario = attrs.evolve(
        scenario,
        title=title,
        timeline=nt.Timeline(issues=tl.issues, parties=parties, records=records),
    )
    out = tmp_path / "box" / "out"
    nt.write_genius(nt.UtilityDomain.from_scenario(scenario), out)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.xml"))
    assert all(p.parts[:2] == ("box", "out") and len(p.parts) == 3 for p in written), written
    back = nt.read_genius(out)
    assert sorted(back.utilities) == sorted(p.id for p in scenario.timeline.parties)


def test_convert_to_a_name_ending_in_xml_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: `convert x.toml out.xml` made a directory called out.xml."""
    out = tmp_path / "out.xml"
    assert main(["convert", "examples/formats/fishing_ktab.csv", str(out)]) == 2
    assert "name a directory (without .xml)" in capsys.readouterr().err
    assert not out.exists()


def test_genius_writer_refuses_a_directory_that_holds_files(tmp_path: Path) -> None:
    """Regression: writing into an old Genius directory mixed two domains in one folder."""
    scenario = nt.read_ktab("examples/formats/fishing_ktab.csv")
    out = tmp_path / "g"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(nt.errors.NegotrackError, match=r"not empty"):
        nt.write_genius(nt.UtilityDomain.from_scenario(scenario), out)
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


DECIDE_HEAD = "'#A'\t'A'\t'A'\n'#A'\t'B'\t'B'\n'#P'\t'x'\t'x'\n'#M'\t'x'\t0\n'#M'\t'x'\t100\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("'#P'\t'x'\t'x'\n'#M'\t'x'\t0\n'#M'\t'x'\t1\n", r"no #A lines"),
        (DECIDE_HEAD + "'#A'\t'A'\t'again'\n", r"line 6: actor 'A' is declared twice"),
        (
            DECIDE_HEAD + "'#D'\t'A'\t'x'\t5\t0.5\t0.5\n'#D'\t'A'\t'x'\t60\t0.5\t0.5\n",
            r"line 7: 'A' already has a #D line on 'x'",
        ),
        (
            DECIDE_HEAD + "'#D'\t'A'\t'x'\t150\t0.5\t0.5\n",
            r"line 6: position 150 is outside 'x''s #M range \[0, 100\]",
        ),
    ],
)
def test_bad_decide_files_name_the_line_and_rule(tmp_path: Path, text: str, message: str) -> None:
    """Regression: no #A lines read as an empty scenario; repeats passed silently."""
    f = tmp_path / "d.csv"
    f.write_text(text)
    with pytest.raises(DataError, match=message) as info:
        nt.read_decide(f)
    assert info.value.file == str(f)


def test_ktab_repeated_actor_names_its_line(tmp_path: Path) -> None:
    f = tmp_path / "k.csv"
    f.write_text(
        "T,d,2,1\nActor,Description,Influence,Q Position,Q Salience\nA,a,1,10,50\nA,b,1,20,50\n"
    )
    with pytest.raises(DataError, match=r"line 4: actor 'A' is listed twice"):
        nt.read_ktab(f)


def test_a_huge_integer_issue_is_gridded_not_enumerated(tmp_path: Path) -> None:
    """Regression: upperbound="1000000000" enumerated 10^9 values (validate ran > 60 s)."""
    domain = DOMAIN_XML.replace('upperbound="4"', 'upperbound="1000000000"')
    (tmp_path / "d_domain.xml").write_text(domain)
    (tmp_path / "p1.xml").write_text(
        _profile().replace('upperbound="4"', 'upperbound="1000000000"')
    )
    d = nt.read_genius(tmp_path)
    n = d.outcomes()["n"]
    assert n[0] == 0
    assert n[-1] == 10**9
    assert len(n) <= 11
    assert main(["validate", str(tmp_path)]) == 0


def test_ktab_round_trip_keeps_silence(tmp_path: Path) -> None:
    """Regression: a silent party came back as a stated whole-scale position (50, salience 0).

    Read back that way it joined the issue's parties and could turn no overlap into one.
    """
    sc = nt.read_ktab("examples/formats/fishing_ktab.csv")
    tl = sc.timeline
    kept = [s for s in tl.statements if not (s.party == "EU" and s.issue == "Quota")]
    quiet = attrs.evolve(
        sc, timeline=nt.Timeline(issues=tl.issues, parties=tl.parties, records=kept)
    )
    out = tmp_path / "k.csv"
    nt.write_ktab(quiet, out)
    back = nt.read_ktab(out)
    assert back.timeline.snapshot().position("EU", "Quota") is None

    def quota(scenario: nt.Scenario) -> nt.IssueGap:
        gaps = nt.analyze(scenario.timeline.snapshot()).gaps
        return next(g for g in gaps if g.issue.id == "Quota")

    assert quota(back).parties == quota(quiet).parties == ("FLT", "ENV")


def test_packages_grid_samples_a_genius_real_issue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: `packages DOMAIN --grid N` ignored N on Genius domains."""
    import json

    real = 'vtype="real" lowerbound="0" upperbound="4"'
    (tmp_path / "d_domain.xml").write_text(
        DOMAIN_XML.replace('vtype="integer" lowerbound="0" upperbound="4"', real)
    )
    (tmp_path / "p1.xml").write_text(
        _profile().replace('vtype="integer" lowerbound="0" upperbound="4"', real)
    )
    (tmp_path / "p2.xml").write_text(
        _profile(w=("0.25", "0.75")).replace('vtype="integer" lowerbound="0" upperbound="4"', real)
    )
    sizes = []
    for grid in ("4", "40"):
        assert main(["packages", str(tmp_path), "--grid", grid, "--format", "json"]) == 0
        sizes.append(json.loads(capsys.readouterr().out)["agreement"]["size"])
    assert sizes == [2 * 5, 2 * 41]  # x's two values × the grid's N + 1 points


def test_genius_writer_refuses_a_file_as_its_directory(tmp_path: Path) -> None:
    """A Genius domain is a directory: an existing file in its place is refused, kept as it was."""
    out = tmp_path / "g"
    out.write_text("mine")
    domain = nt.UtilityDomain.from_scenario(nt.read_ktab("examples/formats/fishing_ktab.csv"))
    with pytest.raises(DataError, match=r"a Genius domain is a directory; this is a file"):
        nt.write_genius(domain, out)
    assert out.read_text() == "mine"
