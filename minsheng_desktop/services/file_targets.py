"""Where the app writes a whole file (an export package, a backup, a restored database): only a regular file, or a
name not yet taken. Writing goes to a temp file renamed over the target, so a device (/dev/null), a folder or a
pipe given as the target would itself be replaced; such targets are refused before anything is written."""

from __future__ import annotations

import os
from pathlib import Path

from ..domain.errors import UserError


def writable_target(out: str | os.PathLike[str], what: str = "输出文件") -> Path:
    """``out`` as a Path, after refusing a target that is not a regular file (following links) or whose folder
    is a file."""
    target = Path(out)
    if target.is_dir():
        raise UserError(f"{what}“{target}”是一个文件夹，请指定文件名", f"{target} is a folder, not a file")
    if (target.exists() or target.is_symlink()) and not target.is_file():
        raise UserError(f"{what}“{target}”不是普通文件（可能是设备、管道或失效的链接），不能写入，也不会替换它",
                        f"{target} is not a regular file (a device, a pipe or a broken link); refused")
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{what}“{target}”所在的“{folder}”不是文件夹", f"{folder} is not a folder")
    return target
