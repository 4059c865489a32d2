"""Writing a finished document in one step: a temp file beside the target, renamed into place.

``tempfile.mkstemp`` creates its file readable by the owner only (0600); a report renamed from it would keep
those permissions, unlike every other file the secretary saves. Before the rename the temp file gets the mode a
newly created file would have (0666 minus the umask), so a PDF, .docx or .xlsx can be opened by whoever may open
the secretary's other files (a shared folder, the printing account).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def current_umask() -> int:
    """The process umask, read without changing it where the system allows (other threads may be creating files)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # no way to read it but to set it: put it straight back
    os.umask(mask)
    return mask


def publish(temp: str | os.PathLike[str], target: str | os.PathLike[str]) -> Path:
    """Give ``temp`` a new file's normal permissions and rename it over ``target``."""
    os.chmod(temp, 0o666 & ~current_umask())
    os.replace(temp, target)
    return Path(target)


@contextmanager
def replacing(path: str | os.PathLike[str], suffix: str) -> Iterator[Path]:
    """Yield a temp path beside ``path``; when the block ends without error it replaces ``path`` (with normal
    permissions), otherwise it is removed and the target is left as it was."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".~", suffix=suffix, dir=target.parent)
    os.close(fd)
    try:
        yield Path(temp)
        publish(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
