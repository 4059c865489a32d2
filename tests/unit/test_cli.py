"""The command line: exit codes, Chinese messages without tracebacks, demo then check, tamper detection."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from minsheng_desktop.cli import main
from tests.conftest import REPO


def run(*args):
    return subprocess.run([sys.executable, "-m", "minsheng_desktop.cli", *args], capture_output=True, text=True,
                          cwd=REPO)


def test_bad_case_file_exits_2_with_a_chinese_message_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.tally.json"
    bad.write_text('{"rules": {"seats": 1}', encoding="utf-8")
    out = run("tally", str(bad))
    assert out.returncode == 2
    assert "不是有效的 JSON" in out.stderr and "Traceback" not in out.stderr
    assert out.stdout == ""


@pytest.mark.parametrize("body,needle", [
    ({"rules": {"seats": 1, "deputies_total": 3, "deputies_present": 3}, "candidates": [{"id": "a"}],
      "ballots_issued": 3, "ballots": [{"b": "Y"}]}, "未知的候选项目"),
    ({"rules": {"seats": 1, "deputies_total": 3}, "candidates": [{"id": "a"}], "ballots_issued": 3, "ballots": []},
     "deputies_present"),
])
def test_bad_input_names_the_field(tmp_path, capsys, body, needle):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    assert main(["tally", str(path)]) == 2
    assert needle in capsys.readouterr().err


def test_missing_file_and_unknown_command(capsys):
    assert main(["score", "/nonexistent/x.json"]) == 2
    assert "找不到文件" in capsys.readouterr().err
    assert main(["frobnicate"]) == 2


def test_demo_then_check_passes(tmp_path, capsys):
    db = tmp_path / "town.sqlite"
    assert main(["demo", "--db", str(db), "--town", "蒲溪镇", "--code", "610999103", "--years", "1",
                 "--seed", "7"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["town"] == "蒲溪镇" and summary["deputies"] == 60 and summary["candidates"] >= 15
    assert main(["check", "--db", str(db)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["audit"]["ok"] and report["sealed_sessions"][0]["ok"]
    assert main(["demo", "--db", str(db)]) == 2  # never over an existing file


def test_check_reports_a_ballot_changed_outside_the_app(demo_path, capsys):
    con = sqlite3.connect(demo_path)
    con.execute("UPDATE ballot SET marks = '{}' WHERE seq = 3")
    con.commit()
    con.close()
    assert main(["check", "--db", str(demo_path)]) == 2
    report = json.loads(capsys.readouterr().out)
    assert not report["ok"] and any("封存后被改动" in p for p in report["problems"])


def test_check_reports_a_rewritten_audit_entry(demo_path, capsys):
    con = sqlite3.connect(demo_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("UPDATE audit_log SET actor = 'x' WHERE seq = 1")
    con.execute("DROP TRIGGER audit_log_no_update")  # someone determined, with a raw SQLite tool
    con.execute("UPDATE audit_log SET actor = 'x' WHERE seq = 2")
    con.commit()
    con.close()
    assert main(["check", "--db", str(demo_path)]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["audit"]["broken_at"] == 2


def test_demo_towns_differ_by_seed_and_code(tmp_path, capsys):
    names = []
    for i, (seed, code) in enumerate([(1, "610999201"), (2, "610999202")]):
        path = tmp_path / f"t{i}.sqlite"
        assert main(["demo", "--db", str(path), "--seed", str(seed), "--code", code, "--years", "1"]) == 0
        capsys.readouterr()
        con = sqlite3.connect(path)
        names.append(sorted(r[0] for r in con.execute("SELECT name FROM deputy")))
        assert {r[0] for r in con.execute("SELECT DISTINCT jurisdiction_code FROM proposal")} == {code}
        con.close()
    assert names[0] != names[1]
