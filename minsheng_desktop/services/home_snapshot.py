"""The home page as it stood when the app last closed, shown the moment the window paints on the next start.

A cold start must import the database layer (SQLAlchemy and the models: about 0.6 s on a slow office PC) before
it can read a single figure. So the figures the secretary saw when she closed the app are kept in her data
folder, and the next start shows them at once while the database opens; the live page replaces them as soon as
it is read (the status bar says 正在打开数据库 until then). A kept page is shown only when nothing can have
changed since it was written:

- the same database file (by absolute path) with the same size, modification time, file identity and SQLite
  header, and no write-ahead log or rollback journal beside it (the app closed it cleanly, nothing wrote since);
- the same day (the page counts what is overdue and what comes in the next 30 days) and the same app version.

Anything else, or a kept file that is damaged, too large or of another shape, and the home page waits for the
database as before. The kept file is read as hostile: bounded, every value checked (``HomeData.from_json``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from datetime import date
from pathlib import Path
from typing import Any

from .. import __version__
from ..paths import data_dir
from .home_data import HomeData

log = logging.getLogger(__name__)

FORMAT = 1
MAX_BYTES = 512 * 1024
FOLDER = "home-pages"


def _kept_file(target: str | os.PathLike[str], folder: Path | None = None) -> Path:
    key = hashlib.sha256(os.path.abspath(os.fspath(target)).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return (folder or data_dir() / FOLDER) / f"{key}.json"


def fingerprint(target: str | os.PathLike[str]) -> dict[str, Any] | None:
    """What identifies the file's state, or None if it is not a closed SQLite file (a log or journal beside it)."""
    path = Path(target)
    for suffix in ("-wal", "-journal"):
        side = path.with_name(path.name + suffix)
        try:
            if side.stat().st_size > 0:
                return None
        except FileNotFoundError:
            pass
    try:
        st = path.stat()
        with path.open("rb") as f:
            header = f.read(100)
    except OSError:
        return None
    if not header.startswith(b"SQLite format 3\x00"):
        return None
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "file_id": st.st_ino,
            "header": hashlib.sha256(header).hexdigest()}


def save(target: str | os.PathLike[str], page: HomeData, today: date, folder: Path | None = None) -> bool:
    """Keep ``page`` for the next start. Call after the database is closed. False if there was nothing to keep."""
    state = fingerprint(target)
    if state is None:
        return False
    kept = _kept_file(target, folder)
    body = json.dumps({"format": FORMAT, "version": __version__, "day": today.isoformat(), "file": state,
                       "page": page.to_json()}, ensure_ascii=False)
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        tmp = kept.with_name(kept.name + ".tmp")
        tmp.write_text(body, encoding="utf-8")
        os.replace(tmp, kept)
    except OSError as exc:  # a full or read-only data folder: the next start simply waits for the database
        log.warning("could not keep the home page: %s", exc)
        return False
    return True


def load(target: str | os.PathLike[str], today: date, folder: Path | None = None) -> HomeData | None:
    """The kept page if it still tells the truth about ``target`` today, else None."""
    kept = _kept_file(target, folder)
    try:
        with kept.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError:
        return None
    try:
        if len(raw) > MAX_BYTES:
            raise ValueError("too large")
        doc = json.loads(raw.decode("utf-8"))
        if not isinstance(doc, dict):
            raise ValueError("not an object")
        if (doc.get("format"), doc.get("version"), doc.get("day")) != (FORMAT, __version__, today.isoformat()):
            return None
        if doc.get("file") != fingerprint(target):
            return None
        return HomeData.from_json(doc.get("page"))
    except (ValueError, UnicodeDecodeError, KeyError) as exc:
        log.warning("ignoring a damaged kept home page %s: %s", kept, exc)
        return None
