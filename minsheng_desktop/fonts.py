"""Finding one CJK TrueType font for both Qt and reportlab.

Windows system fonts first, then well-known Linux paths, then fontconfig. reportlab cannot embed
CFF-outline fonts (Noto/Source Han), so only fonts with TrueType ('glyf') outlines are taken.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .domain.errors import UserError

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
