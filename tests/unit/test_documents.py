"""Documents in the form offices file: the official layout (GB/T 9704) in PDF and .docx, the fonts by role with
their fallback, the red masthead and 文号, the QR as a PNG, and the dates of the meetings rather than today."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import zlib
from datetime import date
from pathlib import Path

import pytest

from minsheng_desktop import fonts
from minsheng_desktop.cli import main
from minsheng_desktop.services.report_service import ReportService
from minsheng_desktop.services.reports.county_report import summary_title
from minsheng_desktop.services.reports.official import Grid, unbreakable
from minsheng_desktop.services.reports.pdf_official import fit_widths
from minsheng_desktop.services.reports.seal_block import qr_matrix, qr_png
from minsheng_desktop.services.settings_service import DocumentStyle, SettingsService, default_issuing_body
from minsheng_desktop.services.vote_service import VoteService
from tests.tools import need_poppler

TODAY = date(2026, 11, 21)


def _pdf_text(path: Path) -> str:
    pdftotext = need_poppler("pdftotext")
    return subprocess.run([pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _pages(path: Path) -> int:
    return _pdf_text(path).count("\f")


def _east_asian(run) -> str | None:
    from docx.oxml.ns import qn

    rfonts = run._element.rPr.rFonts
    return None if rfonts is None else rfonts.get(qn("w:eastAsia"))


def _texts(document) -> list[str]:
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                out += [p.text for p in cell.paragraphs]
    return out


@pytest.fixture
def reports(demo_db, clock):
    return ReportService(demo_db, clock)


@pytest.fixture
def session(reports) -> str:
    return reports.latest_session(2026)


def test_announcement_docx_has_the_official_layout_and_the_seal(reports, session, demo_db, clock, tmp_path):
    from docx import Document
    from docx.shared import Mm

    out = reports.write_vote("announcement", session, tmp_path / "公告.docx")
    doc = Document(str(out))
    sec = doc.sections[0]
    assert [round(x / Mm(1)) for x in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)] == [
        37, 35, 28, 26]
    assert round(sec.page_width / Mm(1)) == 210 and round(sec.page_height / Mm(1)) == 297
    texts = _texts(doc)
    held = VoteService(demo_db, clock).info(session).held_on
    assert held is not None and held != TODAY
    assert "清溪镇人民代表大会主席团公告" in texts and "现予公告。" in texts
    assert f"{held.year}年{held.month}月{held.day}日" in texts  # the meeting's date, not today's
    assert f"{TODAY.year}年{TODAY.month}月{TODAY.day}日" not in "".join(texts)
    seal = [t for t in texts if len(t) == 24 and t.replace(" ", "").isdigit()]
    assert len(seal) == 1  # the 20-digit 封存码, in groups of four
    assert len(doc.inline_shapes) == 1  # the QR, as a picture
    assert doc.core_properties.created.date() == TODAY and doc.core_properties.author == "清溪镇人民代表大会主席团"
    family = fonts.document_fonts()
    body = next(p for p in doc.paragraphs if p.text.startswith("清溪镇2026年度民生实事项目票决于"))
    assert body.runs[0].font.size.pt == pytest.approx(16, abs=2.1) and _east_asian(body.runs[0]) == family.body.family
    title = next(p for p in doc.paragraphs if p.text.endswith("公告"))
    assert _east_asian(title.runs[0]) == family.title.family
    footer = doc.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —") and "PAGE" in footer._p.xml


def test_tally_report_keeps_signatures_seal_and_date_on_one_page(reports, session, tmp_path):
    from docx import Document

    pdf = reports.write_vote("tally-report", session, tmp_path / "计票结果报告单.pdf")
    text = _pdf_text(pdf)
    assert _pages(pdf) == 1  # 15 candidates, signatures, QR and date: one A4 page, as before
    assert re.search(r"—\s*1\s*—", text) and "封存码" in text and "计票人：" in text and "签名：" in text
    docx = reports.write_vote("tally-report", session, tmp_path / "计票结果报告单.docx")
    doc = Document(str(docx))
    grid, seal = doc.tables
    assert grid.rows[0].cells[1].text == "候选项目" and len(grid.rows) == 16
    assert "w:tblHeader" in grid.rows[0]._tr.xml  # the header row repeats on every page
    assert "w:cantSplit" in seal.rows[0]._tr.xml and "计票人：" in seal.rows[0].cells[0].text
    assert len(doc.inline_shapes) == 1


def test_red_masthead_and_document_number(demo_db, reports, session, clock, tmp_path):
    from docx import Document
    from docx.shared import RGBColor

    SettingsService(demo_db, clock).save_document_style(DocumentStyle("清溪镇人民代表大会主席团", True))
    number = "清人主〔2026〕3号"
    doc = Document(str(reports.write_vote("announcement", session, tmp_path / "公告.docx", number=number)))
    organ, num = doc.paragraphs[0], doc.paragraphs[1]
    assert organ.text == "清溪镇人民代表大会主席团" and organ.runs[0].font.color.rgb == RGBColor(0xD4, 0, 0)
    assert num.text == number and "w:pBdr" in num._p.xml  # the red rule under the number
    assert doc.paragraphs[2].text == "关于2026年度民生实事项目票决结果的公告"
    pdf = reports.write_vote("announcement", session, tmp_path / "公告.pdf", number=number)
    assert number in _pdf_text(pdf) and _pages(pdf) == 1


def test_every_document_as_docx_and_pdf_by_cli(demo_path, tmp_path, capsys):
    from docx import Document

    for kind in ("candidates", "notice", "scores", "ledger", "calendar", "tally-report", "announcement"):
        for ext in ("pdf", "docx"):
            out = tmp_path / f"{kind}.{ext}"
            assert main(["report", kind, "--db", str(demo_path), "--year", "2026", "--out", str(out)]) == 0
            result = json.loads(capsys.readouterr().out)
            assert result["fonts"]["body"] and ("note" in result["fonts"]) == bool(fonts.document_fonts().note)
        assert re.search(r"—\s*1\s*—", _pdf_text(tmp_path / f"{kind}.pdf"))  # 页码 in the official style
        assert Document(str(tmp_path / f"{kind}.docx")).paragraphs
    assert main(["report", "ballots", "--db", str(demo_path), "--year", "2026", "--out", str(tmp_path / "x.docx")]) == 2
    assert "选票和计票单请保存为 .pdf" in capsys.readouterr().err


def test_candidate_list_is_dated_by_its_last_screening_meeting(reports, tmp_path):
    from docx import Document

    doc = Document(str(reports.write("candidates", 2026, tmp_path / "名单.docx")))
    texts = [p.text for p in doc.paragraphs]
    assert "清溪镇人民代表大会主席团" in texts
    day = texts[texts.index("清溪镇人民代表大会主席团") + 1]
    assert day.endswith("日") and day != f"{TODAY.year}年{TODAY.month}月{TODAY.day}日"
    assert doc.sections[0].page_width > doc.sections[0].page_height  # the wide table: landscape


def test_county_summary_title():
    assert summary_title("示范县", 2026) == "示范县2026年度民生实事项目汇总表"
    assert summary_title(None, 2026) == "2026年度民生实事项目汇总表"
    assert summary_title(None, None) == "民生实事项目汇总表（各年度）"


def test_issuing_body_by_level_and_setting(town_db, clock):
    svc = SettingsService(town_db, clock)
    assert default_issuing_body("清溪镇", "乡镇") == "清溪镇人民代表大会主席团"
    assert default_issuing_body("示范县", "县区") == "示范县人民代表大会常务委员会"
    assert ReportService(town_db, clock).issuer().body == "测试镇人民代表大会主席团"
    assert svc.load().documents == DocumentStyle()
    svc.save_document_style(DocumentStyle(" 测试镇人大主席团 ", True))
    assert svc.load().documents == DocumentStyle("测试镇人大主席团", True)
    issuer = ReportService(town_db, clock).issuer("测人〔2026〕1号")
    assert issuer.body == "测试镇人大主席团" and issuer.red and issuer.masthead().number == "测人〔2026〕1号"
    from minsheng_desktop.domain.errors import UserError

    with pytest.raises(UserError, match="本级机关名称"):
        svc.save_document_style(DocumentStyle("很" * 41))


def test_short_words_dates_and_seal_codes_are_not_broken():
    assert unbreakable("已开展") and unbreakable("2026-02-25") and unbreakable("2866 6748 8343 0188 0415")
    assert unbreakable("1,734.00") and not unbreakable("镇人大主席团听取年度民生实事项目实施计划")
    name = fonts.register_reportlab_font()
    from reportlab.pdfbase.pdfmetrics import stringWidth

    grid = Grid(("日期", "活动", "状态"), [("2026-02-25", "镇人大主席团听取年度民生实事项目实施计划" * 2, "已开展")],
                (22, 60, 8))
    widths = fit_widths(grid, 300, name, 10, 3)
    assert widths[2] >= stringWidth("已开展", name, 10) + 6 and widths[0] >= stringWidth("2026-02-25", name, 10) + 6
    assert sum(widths) == pytest.approx(300)


def test_qr_png_carries_the_same_modules(tmp_path):
    text = "MS1|vote|abc|1:2:3|signature"
    png = qr_png(text, scale=2, border=4)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    matrix = qr_matrix(text)
    side = (len(matrix) + 8) * 2
    assert int.from_bytes(png[16:20], "big") == side
    idat = png.index(b"IDAT")
    raw = zlib.decompress(png[idat + 4: idat + 4 + int.from_bytes(png[idat - 4:idat], "big")])
    lines = [raw[i * (side + 1) + 1:(i + 1) * (side + 1)] for i in range(side)]
    decoded = [[lines[(r + 4) * 2][(c + 4) * 2] == 0 for c in range(len(matrix))] for r in range(len(matrix))]
    assert decoded == matrix


def test_fonts_by_role_fall_back_once_and_say_so(monkeypatch, caplog):
    general = fonts.find_cjk_font()
    fonts.document_fonts.cache_clear()
    try:
        monkeypatch.setattr(fonts, "find_role_font", lambda role: None)
        with caplog.at_level(logging.WARNING, logger="minsheng_desktop.fonts"):
            first, again = fonts.document_fonts(), fonts.document_fonts()
        assert first is again and first.body.fallback and first.body.font == general
        assert "仿宋" in first.note and first.to_dict()["note"] == first.note
        assert len([r for r in caplog.records if "仿宋" in r.getMessage()]) == 1  # once, however many documents
        fonts.document_fonts.cache_clear()
        monkeypatch.setattr(fonts, "find_role_font", lambda role: (general, "仿宋") if role == "body" else None)
        found = fonts.document_fonts()
        assert not found.body.fallback and found.body.family == "仿宋" and "正文用的仿宋" not in found.note
    finally:
        fonts.document_fonts.cache_clear()


def test_role_font_from_the_environment(monkeypatch):
    path = fonts.find_cjk_font().path
    monkeypatch.setenv("MINSHENG_BODY_FONT", str(path))
    font, family = fonts.find_role_font("body")
    assert font.path == path and family


def test_phone_slips_qr_codes_scan_to_their_addresses(tmp_path):
    """Each slip's QR (one vector path of runs) read back off the rendered page gives that slip's address."""
    import cv2
    import numpy as np
    import pypdfium2 as pdfium

    from minsheng_desktop.services.reports.phone_slips import write_slips

    urls = [f"http://192.168.1.10:8765/v/{'0123456789abcdef' * 2}{i:02d}" for i in range(8)]
    out = write_slips(tmp_path / "slips.pdf", "清溪镇第十八届人民代表大会第六次会议", urls)
    pdf = pdfium.PdfDocument(str(out))
    image = np.asarray(pdf[0].render(scale=300 / 72).to_pil().convert("L"))
    pdf.close()
    ok, texts, _points, _ = cv2.QRCodeDetector().detectAndDecodeMulti(image)
    assert ok and sorted(texts) == sorted(urls)
