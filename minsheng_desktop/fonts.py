"""Finding CJK TrueType fonts for Qt, reportlab and the Word documents.

One general font serves the interface and every table: Windows system fonts first, then well-known Linux paths,
then fontconfig. Official documents (GB/T 9704) want a title font (小标宋, else 黑体), 黑体 for headings and 仿宋 for
the body; ``document_fonts()`` looks for each by role and falls back to the general font, saying so once in the log
(and in ``DocumentFonts.note`` for the report's result). reportlab cannot embed CFF-outline fonts (Noto/Source
Han), so only fonts with TrueType ('glyf') outlines are taken.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .domain.errors import UserError

log = logging.getLogger(__name__)

WINDOWS_FONTS = ("msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc", "simkai.ttf", "Deng.ttf")
LINUX_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
MAC_FONTS = ("/Library/Fonts/Arial Unicode.ttf", "/System/Library/Fonts/Supplemental/Songti.ttc")


class NoCjkFontError(UserError):
    pass


@dataclass(frozen=True)
class CjkFont:
    path: Path
    subfont_index: int = 0

    @property
    def reportlab_name(self) -> str:
        return "MinshengCJK"


def has_truetype_outlines(path: Path, subfont_index: int = 0) -> bool:
    """True when the (sub)font has a 'glyf' table, i.e. TrueType outlines reportlab can embed."""
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
            offset = 0
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                if subfont_index >= count:
                    return False
                fh.seek(12 + 4 * subfont_index)
                offset = struct.unpack(">I", fh.read(4))[0]
                fh.seek(offset)
                head = fh.read(12)
            num_tables = struct.unpack(">H", head[4:6])[0]
            fh.seek(offset + 12)
            tags = {fh.read(16)[:4] for _ in range(num_tables)}
    except (OSError, struct.error):
        return False
    return b"glyf" in tags


def _windows_candidates() -> list[Path]:
    windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    local = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"
    return [d / name for name in WINDOWS_FONTS for d in (windir, local)]


def _fontconfig_candidates() -> list[Path]:
    if not shutil.which("fc-list"):
        return []
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = sorted({line.split(":")[0].strip() for line in out.splitlines() if line.strip()})
    return [Path(f) for f in files if f.lower().endswith((".ttf", ".ttc"))]


@lru_cache(maxsize=1)
def find_cjk_font() -> CjkFont:
    """The first usable CJK TrueType font; raises NoCjkFontError with what to install."""
    override = os.environ.get("MINSHENG_CJK_FONT")
    candidates: list[Path] = [Path(override)] if override else []
    if sys.platform.startswith("win"):
        candidates += _windows_candidates()
    elif sys.platform == "darwin":
        candidates += [Path(p) for p in MAC_FONTS]
    candidates += [Path(p) for p in LINUX_FONTS]
    bundled = Path(__file__).resolve().parent.parent / "resources" / "fonts"
    if bundled.is_dir():
        candidates += sorted(bundled.glob("*.tt[fc]"))
    for path in candidates:
        if path.is_file() and has_truetype_outlines(path):
            return CjkFont(path)
    for path in _fontconfig_candidates():
        if has_truetype_outlines(path):
            return CjkFont(path)
    raise NoCjkFontError(
        "未找到可用的中文字体。Windows 请确认 C:\\Windows\\Fonts 中有微软雅黑、黑体或宋体；"
        "Debian/Ubuntu 请运行：sudo apt-get install fonts-wqy-microhei",
        "no CJK TrueType font found; install fonts-wqy-microhei (Linux) or check the Windows fonts folder",
    )


def register_reportlab_font() -> str:
    """Register the CJK font with reportlab (embedded in every PDF) and return its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = find_cjk_font()
    if font.reportlab_name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(font.reportlab_name, str(font.path), subfontIndex=font.subfont_index))
    return font.reportlab_name


# --- fonts by role, for documents in the official layout ---------------------------------------------------------

ROLE_FILES: dict[str, tuple[tuple[str, str], ...]] = {  # Windows font files and the names Word and WPS know them by
    "title": (("FZXBSJW.TTF", "方正小标宋简体"), ("FZXBSK.TTF", "方正小标宋_GBK"), ("simhei.ttf", "黑体")),
    "heading": (("simhei.ttf", "黑体"), ("FZHTJW.TTF", "方正黑体简体"), ("FZHTK.TTF", "方正黑体_GBK")),
    "body": (("simfang.ttf", "仿宋"), ("FZFSJW.TTF", "方正仿宋简体"), ("FZFSK.TTF", "方正仿宋_GBK"),
             ("STFANGSO.TTF", "华文仿宋")),
}
ROLE_FAMILIES = {  # fontconfig family names (Linux with the Windows or 方正 fonts copied in), in order of preference
    "title": ("小标宋", "XiaoBiaoSong", "黑体", "SimHei"),
    "heading": ("黑体", "SimHei"),
    "body": ("仿宋", "FangSong", "Fangsong"),
}
ROLE_ENV = {"title": "MINSHENG_TITLE_FONT", "heading": "MINSHENG_HEADING_FONT", "body": "MINSHENG_BODY_FONT"}
ROLE_LABELS = {"title": "标题用的小标宋或黑体", "heading": "小标题用的黑体", "body": "正文用的仿宋"}
KNOWN_FAMILIES = {name.lower(): family for files in ROLE_FILES.values() for name, family in files} | {
    "msyh.ttc": "微软雅黑", "msyh.ttf": "微软雅黑", "simsun.ttc": "宋体", "simkai.ttf": "楷体", "deng.ttf": "等线",
    "wqy-microhei.ttc": "文泉驿微米黑", "wqy-zenhei.ttc": "文泉驿正黑"}


@dataclass(frozen=True)
class RoleFont:
    role: str
    font: CjkFont
    family: str  # the name a word processor knows it by (仿宋, 黑体, …)
    reportlab_name: str
    fallback: bool  # True: the role's own font was not found and the general CJK font stands in


@dataclass(frozen=True)
class DocumentFonts:
    title: RoleFont
    heading: RoleFont
    body: RoleFont

    @property
    def note(self) -> str:
        """Empty when every role has its font; otherwise which were missing and what is used instead."""
        missing = [r for r in (self.title, self.heading, self.body) if r.fallback]
        if not missing:
            return ""
        return ("未找到" + "、".join(ROLE_LABELS[r.role] for r in missing) + f"，改用“{missing[0].family}”排版"
                "（Windows 自带 simfang.ttf 仿宋和 simhei.ttf 黑体；也可在 Word/WPS 中改字体）")

    def to_dict(self) -> dict[str, str]:
        out = {"title": self.title.family, "heading": self.heading.family, "body": self.body.family}
        if self.note:
            out["note"] = self.note
        return out


def family_name(font: CjkFont) -> str:
    known = KNOWN_FAMILIES.get(font.path.name.lower())
    if known:
        return known
    try:
        from reportlab.pdfbase.ttfonts import TTFontFile

        name = TTFontFile(str(font.path), subfontIndex=font.subfont_index).familyName
        return name.decode("utf-8", "replace") if isinstance(name, bytes) else str(name)
    except Exception:  # an unreadable name table: the file name still tells the secretary which font it was
        return font.path.stem


@lru_cache(maxsize=1)
def _fontconfig_families() -> tuple[tuple[Path, tuple[str, ...]], ...]:
    if not shutil.which("fc-list"):
        return ()
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file", "family"], capture_output=True, text=True, timeout=10,
                             check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    found = []
    for line in sorted(out.splitlines()):
        path, _, families = line.partition(":")
        if path.lower().endswith((".ttf", ".ttc")):
            found.append((Path(path.strip()), tuple(f.strip() for f in re.split(r"[,:]", families) if f.strip())))
    return tuple(found)


def find_role_font(role: str) -> tuple[CjkFont, str] | None:
    """The role's own font (file, family name) when one is installed, else None."""
    override = os.environ.get(ROLE_ENV[role])
    if override and Path(override).is_file() and has_truetype_outlines(Path(override)):
        font = CjkFont(Path(override))
        return font, family_name(font)
    if sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        local = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"
        for name, family in ROLE_FILES[role]:
            for folder in (windir, local):
                if (folder / name).is_file() and has_truetype_outlines(folder / name):
                    return CjkFont(folder / name), family
    for wanted in ROLE_FAMILIES[role]:
        for path, families in _fontconfig_families():
            hit = next((f for f in families if wanted.lower() in f.lower()), None)
            if hit and has_truetype_outlines(path):
                return CjkFont(path), KNOWN_FAMILIES.get(path.name.lower(), hit)
    return None


@lru_cache(maxsize=1)
def document_fonts() -> DocumentFonts:
    """Title, heading and body fonts, registered with reportlab; a missing one is logged once."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    general_name = register_reportlab_font()
    general = find_cjk_font()
    roles = {}
    for role in ("title", "heading", "body"):
        found = find_role_font(role)
        if found is None or found[0] == general:
            family = family_name(general) if found is None else found[1]
            roles[role] = RoleFont(role, general, family, general_name, found is None)
            continue
        font, family = found
        name = f"Minsheng{role.capitalize()}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(font.path), subfontIndex=font.subfont_index))
        roles[role] = RoleFont(role, font, family, name, False)
    fonts = DocumentFonts(**roles)
    if fonts.note:
        log.warning("%s", fonts.note)
    return fonts
