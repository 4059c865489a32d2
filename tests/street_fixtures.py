"""A demo street (白涛街道: 45 议事代表 and 8 人大代表, a 票选 held and sealed), built once per session and copied per
test; tests/conftest.py registers the fixtures for every test."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from minsheng_desktop.services.demo_service import DemoOptions, write_demo
from minsheng_desktop.storage.db import open_database
from tests.conftest import CLOCK
from tests.tools import need_poppler


@pytest.fixture(scope="session")
def street_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("street") / "street.sqlite"
    database = open_database(path)
    write_demo(database, DemoOptions.for_level("街道", years=1), CLOCK)
    database.close()
    return path


@pytest.fixture
def street_db(tmp_path, street_template):
    path = tmp_path / "street.sqlite"
    shutil.copy(street_template, path)
    database = open_database(path)
    yield database
    database.close()


def document_text(path: Path) -> str:
    """The words of a PDF (pdftotext) or a .docx (every paragraph and table cell), without white space, so a word
    wrapped at the end of a line reads whole."""
    if path.suffix == ".docx":
        doc = Document(str(path))
        cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        text = "".join([p.text for p in doc.paragraphs] + cells)
    else:
        pdftotext = need_poppler("pdftotext")
        text = subprocess.run([pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
    return re.sub(r"\s+", "", text)


def town_words_in(text: str) -> list[str]:
    """The town's words a street's document must not say (代表 alone: not 议事代表, not 人大代表)."""
    bare = text.replace("议事代表", "").replace("人大代表", "")
    return [w for w in ("票决", "主席团", "人民代表大会", "代表") if w in (bare if w == "代表" else text)]
