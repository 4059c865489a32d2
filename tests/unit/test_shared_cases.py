"""Every worked example in shared/spec/cases must give exactly its expected answer, via the CLI."""

from __future__ import annotations

import json

import pytest

from minsheng_desktop.cli import main
from tests.conftest import shared_cases_dir

CASES = sorted(p for p in shared_cases_dir().glob("*.json") if not p.name.endswith(".expected.json"))


def test_there_are_cases():
    assert any(".tally." in p.name for p in CASES) and any(".score." in p.name for p in CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_case_matches_expected(case, capsys):
    command = "tally" if ".tally." in case.name else "score"
    expected = json.loads(case.with_name(case.name.split(".")[0] + ".expected.json").read_text(encoding="utf-8"))
    assert main([command, str(case)]) == 0
    assert json.loads(capsys.readouterr().out) == expected
