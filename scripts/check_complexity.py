"""Cyclomatic complexity gate: every function and method (closures included) in the domain rules and the services
must stay at radon grade C or better (complexity 20 or less).

Run: .venv/bin/python scripts/check_complexity.py [PATH ...]
     (default: minsheng_desktop/domain minsheng_desktop/services; exit 1 naming each function graded D or worse)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from radon.complexity import add_inner_blocks, cc_rank, cc_visit
from radon.visitors import Function

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = ("minsheng_desktop/domain", "minsheng_desktop/services")
LIMIT = 20  # the top of grade C


def python_files(paths: list[str]) -> Iterator[Path]:
    for p in paths:
        path = Path(p) if Path(p).is_absolute() else ROOT / p
        if path.is_dir():
            yield from sorted(f for f in path.rglob("*.py") if "__pycache__" not in f.parts)
        elif path.suffix == ".py":
            yield path
        else:
            raise SystemExit(f"not a Python file or folder: {p}")


def too_complex(path: Path) -> Iterator[tuple[int, str, int]]:
    """(line, name, complexity) of each function above the limit, methods as Class.method."""
    for block in add_inner_blocks(cc_visit(path.read_text(encoding="utf-8"))):
        if isinstance(block, Function) and block.complexity > LIMIT:
            name = f"{block.classname}.{block.name}" if block.is_method else block.name
            yield block.lineno, name, block.complexity


def main(argv: list[str]) -> int:
    found = []
    for path in python_files(argv or list(DEFAULT_PATHS)):
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        found += [(str(shown), line, name, cc) for line, name, cc in too_complex(path)]
    for shown, line, name, cc in sorted(found):
        print(f"{shown}:{line}: {name} - {cc_rank(cc)} ({cc})")
    if found:
        print(f"{len(found)} function(s) above grade C (complexity > {LIMIT}): split them up", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
