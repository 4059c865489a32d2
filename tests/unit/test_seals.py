"""Seals that hold: every attack on a sealed count is caught by `check`, by the printed code, or by the county."""

from __future__ import annotations

import json

import pytest

from minsheng_desktop.cli import main
from minsheng_desktop.domain import seal as S
from minsheng_desktop.services.check_service import check_database
from minsheng_desktop.services.seal_service import SealService, printed_seal
from minsheng_desktop.storage.db import open_database
from tests.unit import forgery as F


def check(path) -> list[str]:
    db = open_database(path)
    try:
        return check_database(db).problems
    finally:
        db.close()


def printed(path, session_id):
    db = open_database(path)
    try:
        with db.unit_of_work() as s:
            return printed_seal(s, session_id)
    finally:
        db.close()


def latest(path):
    """(id, printed seal) of the demo's latest sealed vote."""
    con = F.raw(path)
    sid = F.latest_vote(con)
    con.close()
    return sid, printed(path, sid)


def verify(path, text):
    db = open_database(path)
    try:
        return SealService(db).verify(text)
    finally:
        db.close()


def test_a_demo_file_is_sound_and_every_published_result_is_signed(demo_path):
    db = open_database(demo_path)
    try:
        report = check_database(db)
    finally:
        db.close()
    assert report.ok, report.problems
    kinds = sorted({s["kind"] for s in report.seals})
    assert kinds == ["round", "vote"] and all(s["ok"] for s in report.seals)


def test_the_printed_code_and_qr_verify_against_an_untouched_file(demo_path):
    sid, seal = latest(demo_path)
    assert S.normalise_code(seal.code) == seal.code and len(seal.code) == 24
    for text in (seal.code, seal.code.replace(" ", "-"), seal.qr_text):
        verdict = verify(demo_path, text)
        assert verdict["ok"], verdict["problems"]
        assert verdict["id"] == sid and verdict["counts"]


def test_forged_seal_swapping_a_winner_is_caught(demo_path):
    """The sealed result edited, the app's digest recomputed, a new 'vote.sealed' entry appended (triggers kept)."""
    sid, seal = latest(demo_path)
    code = seal.code
    con = F.raw(demo_path)
    winner, loser = F.swap_winner_and_loser(con, sid)
    con.close()
    db = open_database(demo_path)
    F.rehash_and_log(db, sid)
    db.close()
    problems = check(demo_path)
    assert any("重新计票" in p for p in problems), problems
    assert any("计票结果" in p for p in problems)
    assert not verify(demo_path, code)["ok"]


def test_a_changed_ballot_with_the_session_set_back_to_counting_is_caught(demo_path):
    con = F.raw(demo_path)
    sid = F.latest_vote(con)
    F.flip_ballots(con, sid)
    con.execute("UPDATE vote_session SET status='counting' WHERE id=?", (sid,))
    con.close()
    problems = check(demo_path)
    assert any("改回未公布" in p for p in problems), problems
    assert any("选票或录入的票数" in p for p in problems)


def test_the_seal_row_deleted_as_well_is_caught_by_the_audit_log(demo_path):
    con = F.raw(demo_path)
    sid = F.latest_vote(con)
    F.flip_ballots(con, sid)
    con.execute("UPDATE vote_session SET status='counting' WHERE id=?", (sid,))
    con.execute("DELETE FROM seal WHERE entity_id=?", (sid,))
    con.close()
    assert any("封存记录不见了" in p for p in check(demo_path))


def test_a_changed_ballot_with_the_owning_town_changed_is_caught(demo_path):
    con = F.raw(demo_path)
    sid = F.latest_vote(con)
    F.flip_ballots(con, sid)
    con.execute("UPDATE vote_session SET jurisdiction_code='610999199' WHERE id=?", (sid,))
    con.close()
    problems = check(demo_path)
    assert any("所属乡镇" in p for p in problems), problems


def test_two_candidates_names_swapped_in_a_sealed_session_are_caught(demo_path):
    con = F.raw(demo_path)
    sid = F.latest_vote(con)
    (a, na), (b, nb) = con.execute(
        "SELECT c.id, c.name FROM candidate c JOIN session_candidate sc ON sc.candidate_id=c.id "
        "WHERE sc.session_id=? ORDER BY sc.ballot_order LIMIT 2", (sid,)).fetchall()
    con.execute("UPDATE candidate SET name=? WHERE id=?", (nb, a))
    con.execute("UPDATE candidate SET name=? WHERE id=?", (na, b))
    con.close()
    problems = check(demo_path)
    assert any("候选项目名单或名称" in p for p in problems), problems


def test_a_published_satisfaction_round_edited_is_caught(demo_path):
    con = F.raw(demo_path)
    rid, counts = con.execute("SELECT id, counts FROM satisfaction_round WHERE verdict='不满意' OR verdict='基本满意' "
                              "LIMIT 1").fetchone()
    c = json.loads(counts)
    c["satisfied"] += c["unsatisfied"]
    c["unsatisfied"] = 0
    con.execute("UPDATE satisfaction_round SET counts=?, verdict='满意', needs_follow_up=0 WHERE id=?",
                (json.dumps(c), rid))
    con.close()
    problems = check(demo_path)
    assert any("测评" in p and "改动" in p for p in problems), problems
    assert any("重新计票" in p for p in problems)


def test_the_whole_chain_rewritten_after_a_changed_ballot_is_caught(demo_path):
    sid, seal = latest(demo_path)
    code = seal.code
    con = F.raw(demo_path)
    F.drop_triggers(con)
    F.flip_ballots(con, sid, 3)
    con.close()
    db = open_database(demo_path)
    F.rehash_and_log(db, sid)
    F.rewrite_chain(db)
    db.close()
    problems = check(demo_path)
    assert problems and not any("审计日志在第" in p for p in problems)  # the chain itself verifies again
    assert any("选票或录入的票数" in p for p in problems)
    assert not verify(demo_path, code)["ok"]


def test_the_last_audit_entries_deleted_are_caught_when_they_held_a_seal(demo_path):
    con = F.raw(demo_path)
    F.drop_triggers(con)
    last = con.execute("SELECT seq, action FROM audit_log ORDER BY seq DESC LIMIT 2").fetchall()
    assert any(a in ("vote.sealed", "scoring.sealed") for _s, a in last)
    con.execute("DELETE FROM audit_log WHERE seq IN (?, ?)", (last[0][0], last[1][0]))
    con.close()
    assert any("审计日志中找不到这次封存" in p for p in check(demo_path))


def test_the_full_forger_passes_check_but_not_the_printed_code_or_qr(demo_path):
    """Someone who re-signs with the key inside the file: the seal code on paper is the outside witness."""
    sid, seal = latest(demo_path)
    con = F.raw(demo_path)
    F.drop_triggers(con)
    F.flip_ballots(con, sid, 20)
    con.close()
    db = open_database(demo_path)
    F.resign_everything(db, sid)
    db.close()
    assert check(demo_path) == []  # nothing inside the file can tell …
    by_code = verify(demo_path, seal.code)
    assert not by_code["ok"] and "没有与这个封存码相符" in by_code["problems"][0]
    by_qr = verify(demo_path, seal.qr_text)
    assert not by_qr["ok"]
    assert any("计票数与二维码不符" in p for p in by_qr["problems"])
    assert any("二维码中的签名" in p for p in by_qr["problems"])


def test_a_forger_who_rewrites_the_chain_breaks_every_later_seal(demo_path):
    con = F.raw(demo_path)
    sid = F.latest_vote(con)
    F.drop_triggers(con)
    F.flip_ballots(con, sid, 20)
    con.close()
    db = open_database(demo_path)
    F.resign_everything(db, sid, rewrite=True)
    db.close()
    problems = check(demo_path)
    assert problems and all("审计日志在封存之前的部分被改写" in p for p in problems), problems


def test_verify_seal_command(demo_path, capsys):
    sid, seal = latest(demo_path)
    assert main(["verify-seal", "--db", str(demo_path), *seal.code.split()]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    wrong = seal.code[:-1] + ("1" if seal.code[-1] != "1" else "2")
    assert main(["verify-seal", "--db", str(demo_path), wrong]) == 2
    err = capsys.readouterr().err
    assert "封存核对未通过" in err and "does not match" in err
    assert main(["verify-seal", "--db", str(demo_path), "不是封存码"]) == 2
    assert "20 位封存码" in capsys.readouterr().err


@pytest.mark.parametrize("text", ["MSSEAL|1|vote|x|y|1.2.3|!!!", "MSSEAL|9|vote|a|b|c|d", "MSSEAL|1|vote"])
def test_damaged_qr_text_is_refused_with_a_reason(text):
    from minsheng_desktop.domain.errors import UserError

    with pytest.raises(UserError):
        S.parse_qr(text)


def test_a_town_whose_check_fails_cannot_export(demo_path, tmp_path):
    from minsheng_desktop.domain.errors import UserError
    from minsheng_desktop.services.export_service import export_package

    con = F.raw(demo_path)
    F.flip_ballots(con, F.latest_vote(con))
    con.close()
    db = open_database(demo_path)
    try:
        with pytest.raises(UserError, match="检查未通过，不能导出"):
            export_package(db, tmp_path / "x.mspkg")
    finally:
        db.close()
    assert not (tmp_path / "x.mspkg").exists()


def test_the_qr_printed_on_the_tally_report_scans_back_to_the_seal(demo_path, tmp_path, clock):
    """The report's QR (drawn as one vector path of runs) read off the rendered page by a QR reader: the same
    text the seal carries, which verifies against the file."""
    import cv2
    import numpy as np
    import pypdfium2 as pdfium

    from minsheng_desktop.__main__ import make_services

    sid, seal = latest(demo_path)
    db = open_database(demo_path)
    try:
        out = make_services(db, clock).reports.write_vote("tally-report", sid, tmp_path / "report.pdf")
    finally:
        db.close()
    pdf = pdfium.PdfDocument(str(out))
    found = []
    for page in pdf:  # at 400 dpi, as a phone's camera sees a printed page close up
        image = np.asarray(page.render(scale=400 / 72).to_pil().convert("L"))
        text = cv2.QRCodeDetector().detectAndDecode(image)[0] or cv2.QRCodeDetectorAruco().detectAndDecode(image)[0]
        found += [text] if text else []
    pdf.close()
    assert found == [seal.qr_text]
    assert verify(demo_path, found[0])["ok"]
