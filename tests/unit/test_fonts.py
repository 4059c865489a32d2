"""The CJK font finder returns a TrueType font reportlab can embed, or says what to install."""

from __future__ import annotations

import pytest

from minsheng_desktop import fonts


def test_finds_a_truetype_cjk_font():
    font = fonts.find_cjk_font()
    assert font.path.is_file() and fonts.has_truetype_outlines(font.path)


def test_reportlab_registration_draws_chinese(tmp_path):
    from reportlab.pdfgen import canvas

    name = fonts.register_reportlab_font()
    pdf = tmp_path / "x.pdf"
    c = canvas.Canvas(str(pdf))
    c.setFont(name, 14)
    c.drawString(72, 720, "民生实事项目票决")
    c.save()
    assert b"/FontFile2" in pdf.read_bytes()  # the TrueType font is embedded, not referenced


def test_no_font_gives_a_chinese_instruction(monkeypatch, tmp_path):
    fonts.find_cjk_font.cache_clear()
    monkeypatch.setattr(fonts, "LINUX_FONTS", ())
    monkeypatch.setattr(fonts, "WINDOWS_FONTS", ())
    monkeypatch.setattr(fonts, "MAC_FONTS", ())
    monkeypatch.setattr(fonts, "_fontconfig_candidates", lambda: [])
    monkeypatch.setattr(fonts.Path, "is_dir", lambda self: False)
    try:
        with pytest.raises(fonts.NoCjkFontError, match="fonts-wqy-microhei"):
            fonts.find_cjk_font()
    finally:
        fonts.find_cjk_font.cache_clear()


def test_cff_fonts_are_not_taken(tmp_path):
    fake = tmp_path / "cff.otf"
    fake.write_bytes(b"OTTO" + b"\x00\x01" + b"\x00" * 6 + b"CFF " + b"\x00" * 12)
    assert not fonts.has_truetype_outlines(fake)
