"""Every worked example in shared/spec/cases must give exactly its expected answer, via the CLI.

The cases are read from ../shared/spec/cases when that folder is beside the repository, else from the project's
copy in tests/cases (so a clone on its own still runs them); when both are there, the copy must match."""

from __future__ import annotations

import json

import pytest

from minsheng_desktop.cli import main
from tests.conftest import PROJECT_CASES, shared_cases_dir, upstream_cases_dir

CASES = sorted(p for p in shared_cases_dir().glob("*.json") if not p.name.endswith(".expected.json"))


def test_there_are_cases():
    assert any(".tally." in p.name for p in CASES) and any(".score." in p.name for p in CASES)
    assert all(p.with_name(p.name.split(".")[0] + ".expected.json").is_file() for p in CASES)


def test_the_project_copy_matches_shared():
    upstream = upstream_cases_dir()
    if upstream is None:  # a checkout on its own: the copy is what runs
        assert shared_cases_dir() == PROJECT_CASES and CASES
        return
    ours = {p.name: p.read_bytes() for p in PROJECT_CASES.glob("*.json")}
    theirs = {p.name: p.read_bytes() for p in upstream.glob("*.json")}
    assert sorted(ours) == sorted(theirs), "tests/cases is out of date: copy shared/spec/cases/*.json into it"
    changed = sorted(name for name in theirs if ours[name] != theirs[name])
    assert not changed, f"tests/cases differs from {upstream} in {changed}: copy them again"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_case_matches_expected(case, capsys):
    command = "tally" if ".tally." in case.name else "score"
    expected = json.loads(case.with_name(case.name.split(".")[0] + ".expected.json").read_text(encoding="utf-8"))
    assert main([command, str(case)]) == 0
    assert json.loads(capsys.readouterr().out) == expected
