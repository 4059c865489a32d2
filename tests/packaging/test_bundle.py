"""The Linux bundle builds, starts offscreen on a demo database and shows the main window; the NSIS script
compiles against it with makensis (proving the installer script itself is sound)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.tools import need_makensis, need_pyinstaller

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle():
    need_pyinstaller()  # in the interpreter running the tests, which also builds the bundle
    subprocess.run(["bash", str(REPO / "installer" / "build_linux.sh")], check=True, cwd=REPO,
                   env={**os.environ, "PYTHON": sys.executable})
    path = REPO / "dist" / "minsheng"
    assert (path / "minsheng").is_file()
    return path


def test_bundle_starts_on_a_demo_database(bundle, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MINSHENG_SMOKE_TEST": "1",
           "XDG_DATA_HOME": str(tmp_path / "data")}
    out = subprocess.run([str(bundle / "minsheng"), "gui", "--demo", "--db", str(tmp_path / "demo.sqlite")],
                         capture_output=True, text=True, timeout=180, env=env)
    assert "MAIN WINDOW SHOWN: 民生实事票决 — 清溪镇" in out.stdout, out.stderr[-2000:]
    assert "QT TRANSLATION: missing" not in out.stdout and "QT TRANSLATION:" in out.stdout  # Qt's dialogs in Chinese
    assert any(bundle.rglob("qt_translations/qtbase_zh_CN.qm"))
    check = subprocess.run([str(bundle / "minsheng-cli"), "check", "--db", str(tmp_path / "demo.sqlite")],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0 and '"ok": true' in check.stdout


def test_portable_bundle_writes_beside_itself(bundle, tmp_path):
    stick = tmp_path / "U盘"
    shutil.copytree(bundle, stick)
    (stick / "portable.txt").write_text("", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MINSHENG_SMOKE_TEST": "1",
           "XDG_DATA_HOME": str(tmp_path / "elsewhere"), "XDG_CONFIG_HOME": str(tmp_path / "elsewhere-config")}
    out = subprocess.run([str(stick / "minsheng"), "gui", "--demo"], capture_output=True, text=True, timeout=180,
                         env=env)
    assert "MAIN WINDOW SHOWN" in out.stdout, out.stderr[-2000:]
    assert (stick / "数据" / "minsheng.sqlite").is_file()
    assert not (tmp_path / "elsewhere").exists()


def test_bundle_writes_word_and_pdf_documents(bundle, tmp_path):
    """python-docx needs its templates folder in the bundle (installer/minsheng.spec collects it)."""
    cli, db = str(bundle / "minsheng-cli"), str(tmp_path / "demo.sqlite")
    env = {**os.environ, "MINSHENG_TODAY": "2026-11-21"}
    subprocess.run([cli, "demo", "--db", db], check=True, capture_output=True, timeout=180, env=env)
    for name in ("公告.docx", "公告.pdf"):
        out = tmp_path / name
        done = subprocess.run([cli, "report", "announcement", "--db", db, "--year", "2026", "--out", str(out)],
                              capture_output=True, text=True, timeout=180, env=env)
        assert done.returncode == 0, done.stderr[-2000:]
        assert out.read_bytes()[:4] in (b"PK\x03\x04", b"%PDF")


def test_bundle_imports_a_spreadsheet(bundle, tmp_path):
    """The .xlsx readers (calamine's extension module, the look-alike segmenter) travel in the bundle."""
    from openpyxl import Workbook

    assert any(bundle.rglob("_python_calamine*")), "python-calamine's extension module is missing from the bundle"
    cli, db = str(bundle / "minsheng-cli"), str(tmp_path / "demo.sqlite")
    env = {**os.environ, "MINSHENG_TODAY": "2026-11-21"}
    subprocess.run([cli, "demo", "--db", db], check=True, capture_output=True, timeout=180, env=env)
    wb = Workbook()
    wb.active.append(["项目名称", "建议内容", "类别", "村(社区)"])
    wb.active.append(["修建石板村三组便民桥", "三组群众过河难，建议修建便民桥", "交通出行", "石板村"])
    wb.save(tmp_path / "征集.xlsx")
    done = subprocess.run([cli, "import-proposals", "--db", db, "--year", "2027", str(tmp_path / "征集.xlsx")],
                          capture_output=True, text=True, timeout=180, env=env)
    assert done.returncode == 0 and '"imported": 1' in done.stdout, done.stderr[-2000:]


def test_bundle_scans_the_ballots_it_prints(bundle, tmp_path):
    """选票扫描计票 in the bundle: OpenCV, its QR reader and pdfium travel with it (the printed PDF is a clean scan)."""
    import json

    cli, db = str(bundle / "minsheng-cli"), str(tmp_path / "demo.sqlite")
    env = {**os.environ, "MINSHENG_TODAY": "2026-11-21"}
    subprocess.run([cli, "demo", "--db", db], check=True, capture_output=True, timeout=180, env=env)
    pdf = tmp_path / "选票.pdf"
    done = subprocess.run([cli, "report", "ballots", "--db", db, "--year", "2026", "--out", str(pdf)],
                          capture_output=True, text=True, timeout=180, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    done = subprocess.run([cli, "scan", "--db", db, str(pdf)], capture_output=True, text=True, timeout=180, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    sheets = json.loads(done.stdout)["sheets"]
    assert sheets and all(s["status"] == "read" for s in sheets)


@pytest.fixture
def makensis() -> str:
    return need_makensis()


def test_nsis_script_compiles_against_the_bundle(makensis, bundle, tmp_path):  # makensis first: no build for a skip
    out = tmp_path / "minsheng-setup.exe"
    result = subprocess.run([makensis, "-V2", f"-DBUNDLE={bundle}", f"-DOUTFILE={out}",
                             str(REPO / "installer" / "minsheng.nsi")], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert out.stat().st_size > 10_000_000
