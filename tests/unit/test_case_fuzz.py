"""`minsheng tally` and `minsheng score` on damaged case files: every bad input exits 2 with a Chinese line and an
English line, never 1 and never a traceback. Hand-made inputs first, then hypothesis mutating the shared cases."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minsheng_desktop.cli import main
from tests.conftest import shared_cases_dir

CASES = sorted(shared_cases_dir().glob("*.tally.json")) + sorted(shared_cases_dir().glob("*.score.json"))
TALLY = json.loads(next(p for p in CASES if p.name.endswith(".tally.json")).read_text(encoding="utf-8"))
HUNDRED = {"method": "hundred_point", "scores": [95, 82.5, 70, 40, 100], "bands": {"satisfied": 80, "basic": 60},
           "follow_up_below": 0.7}
THREE = {"method": "three_level", "counts": {"satisfied": 40, "basically": 8, "unsatisfied": 3}}


def run_cli(command: str, text: str) -> tuple[int, str, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"case.{command}.json"
        path.write_text(text, encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([command, str(path)])
    return code, out.getvalue(), err.getvalue()


def assert_clean(code: int, out: str, err: str) -> None:
    assert code in (0, 2), err
    assert "Traceback" not in err and "意外错误" not in err
    if code == 2:  # Chinese first, then English (either may quote the input, newlines and all)
        assert re.match(r"[^\n]*[\u4e00-\u9fff]", err) and re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", err), err
        assert out == ""
    else:
        json.loads(out)


def with_(base: dict, path: tuple, value) -> dict:
    data = copy.deepcopy(base)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


HAND_MADE = [
    # the hundred-point path: bands and scores of every wrong shape
    ("score", with_(HUNDRED, ("bands",), [80, 60])),
    ("score", with_(HUNDRED, ("bands",), "80/60")),
    ("score", with_(HUNDRED, ("bands",), None)),
    ("score", with_(HUNDRED, ("bands", "satisfied"), "80")),
    ("score", with_(HUNDRED, ("bands", "basic"), None)),
    ("score", with_(HUNDRED, ("bands", "basic"), [60])),
    ("score", with_(HUNDRED, ("bands", "satisfied"), 10**20)),
    ("score", with_(HUNDRED, ("bands", "satisfied"), 40)),  # below the basic band
    ("score", with_(HUNDRED, ("bands", "satisfied"), True)),
    ("score", with_(HUNDRED, ("scores",), None)),
    ("score", with_(HUNDRED, ("scores",), 95)),
    ("score", with_(HUNDRED, ("scores",), {"a": 95})),
    ("score", with_(HUNDRED, ("scores",), "95")),
    ("score", with_(HUNDRED, ("scores",), [[95]])),
    ("score", with_(HUNDRED, ("scores",), [10**20])),
    ("score", with_(HUNDRED, ("follow_up_below",), "0.7")),
    ("score", with_(HUNDRED, ("method",), ["hundred_point"])),
    # three levels, and both formats' numbers
    ("score", with_(THREE, ("counts", "satisfied"), 10**20)),
    ("score", with_(THREE, ("counts", "satisfied"), 4.5)),
    ("score", with_(THREE, ("counts",), [40, 8, 3])),
    ("score", with_(THREE, ("follow_up_below",), 10**20)),
    ("tally", with_(TALLY, ("rules", "seats"), 10**20)),
    ("tally", with_(TALLY, ("rules", "deputies_total"), 10**20)),
    ("tally", with_(TALLY, ("rules", "pass_fraction"), [10**20, 10**21])),
    ("tally", with_(TALLY, ("ballots_issued",), 10**20)),
    ("tally", with_(TALLY, ("ballots_issued",), -1)),
    ("tally", with_(TALLY, ("ballots_issued",), 2.5)),
    ("tally", with_(TALLY, ("candidates", 0), ["c1"])),
    ("tally", with_(TALLY, ("candidates", 0, "name"), {"zh": "养老"})),
    ("tally", with_(TALLY, ("ballots", 0), [["Y"]])),
    ("tally", with_(TALLY, ("ballots", 0, "c1"), ["Y"])),
    ("tally", with_(TALLY, ("rules",), [3, 30, 27])),
    ("tally", [TALLY]),
]


@pytest.mark.parametrize("command,case", HAND_MADE, ids=[f"{c}-{i}" for i, (c, _) in enumerate(HAND_MADE)])
def test_hand_made_bad_cases_exit_2(command, case):
    code, out, err = run_cli(command, json.dumps(case))
    assert_clean(code, out, err)
    assert code == 2


@pytest.mark.parametrize("text", [
    "[" * 100_000 + "]" * 100_000,  # nesting deeper than the JSON parser's recursion
    '{"method": "hundred_point", "scores": [' + "9" * 5000 + "]}",  # an integer longer than Python converts
    '{"method": "hundred_point", "scores": [NaN, Infinity, -Infinity]}',  # not JSON, though Python accepts it
    '{"method": "three_level", "counts": {"satisfied": 1e400, "basically": 0, "unsatisfied": 0}}',
    "\ufeff\ufeff{}",
    '"just a string"',
])
def test_malformed_json_exits_2(text):
    for command in ("tally", "score"):
        code, out, err = run_cli(command, text)
        assert_clean(code, out, err)
        assert code == 2


def test_a_huge_case_file_is_refused_before_it_is_read(tmp_path, capsys):
    from minsheng_desktop.domain.limits import CASE_MAX_BYTES

    path = tmp_path / "huge.tally.json"
    with path.open("wb") as fh:
        fh.truncate(CASE_MAX_BYTES + 1)
    assert main(["tally", str(path)]) == 2
    assert "MB" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [
    ["demo", "--years", str(10**20)],
    ["import-proposals", "--year", str(10**20)],
    ["report", "ledger", "--year", str(10**20)],
    ["report", "tally-report", "--year", str(10**20)],
    ["summary", "--year", str(10**20)],
    ["report", "county-summary", "--year", str(10**20)],
    ["import-proposals", "--year", "1"],
])
def test_absurd_years_exit_2(argv, demo_path, tmp_path, capsys):
    command, rest = argv[0], argv[1:]
    full = [command, *rest[:-2], "--db", str(demo_path if command != "demo" else tmp_path / "new.sqlite"), *rest[-2:]]
    if command == "import-proposals":
        from tests.unit import xlsx_craft

        full.append(str(xlsx_craft.write(tmp_path / "p.xlsx", [xlsx_craft.HEADER, xlsx_craft.row(2, ["修路"])])))
    if command == "report":
        full += ["--out", str(tmp_path / "r.pdf")]
    assert main(full) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "意外错误" not in err and err.strip().splitlines()[-1].isascii(), err


# --- hypothesis: mutations of the valid cases -------------------------------------------------------------------

LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-3, max_value=200),
    st.sampled_from([10**20, -(10**20), 2**63, 10**300]),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=4), st.sampled_from(["Y", "N", "A", "c1", ""]),
)
GARBAGE = st.recursive(LEAF, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                     st.dictionaries(st.text(max_size=3), inner, max_size=3)),
                       max_leaves=8)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node[:4]):
            yield from _paths(value, (*prefix, i))


def _bases() -> list[tuple[str, object]]:
    out = [("tally" if p.name.endswith(".tally.json") else "score", json.loads(p.read_text(encoding="utf-8")))
           for p in CASES]
    return out + [("score", HUNDRED), ("score", THREE)]


BASES = _bases()


@st.composite
def mutated(draw):
    command, base = draw(st.sampled_from(BASES))
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(list(_paths(data))))
        action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if not path:
            if action == "replace":
                data = draw(GARBAGE)
            continue
        parent = data
        try:
            for key in path[:-1]:
                parent = parent[key]
        except (KeyError, IndexError, TypeError):
            continue
        last = path[-1]
        if action == "replace":
            parent[last] = draw(GARBAGE)
        elif action == "delete":
            del parent[last]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=6))] = draw(GARBAGE)
        else:
            parent.append(draw(GARBAGE))
    return command, data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_cases_exit_0_or_2_never_1(case):
    command, data = case
    code, out, err = run_cli(command, json.dumps(data))
    assert_clean(code, out, err)
