"""Run Python code in a child process under an address-space limit and report its peak memory and time.

Hostile files are opened there, never in the test process: if a limit fails, the child dies of MemoryError (or
is killed at the time limit) and the test fails with the figures instead of taking the machine down."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GIB = 1 << 30


@dataclass(frozen=True)
class ChildRun:
    returncode: int
    stdout: str
    stderr: str
    peak_mb: float  # the child's own peak resident memory (VmHWM; ru_maxrss where /proc is missing)
    seconds: float


# Prepended to the child's code: its own high-water mark of resident memory, written when it exits (even by
# sys.exit or an uncaught exception). ru_maxrss would also count the pages of the forked test process.
_HWM = """import atexit as _atexit, os as _os
def _minsheng_hwm():
    try:
        with open('/proc/self/status') as f, open(_os.environ['MINSHENG_HWM_FILE'], 'w') as out:
            out.write(next(line for line in f if line.startswith('VmHWM')).split()[1])
    except (OSError, KeyError, StopIteration):
        pass
_atexit.register(_minsheng_hwm)
"""


def run_limited(code: str, *, address_space: int = GIB, timeout: float = 60.0,
                env: dict[str, str] | None = None) -> ChildRun:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".hwm") as hwm:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", _HWM + code], stdout=out, stderr=err, cwd=REPO,
                                preexec_fn=limit, env={**os.environ, **(env or {}), "MINSHENG_HWM_FILE": hwm.name})
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        own = hwm.read().strip()
        peak = int(own) / 1024 if own.isdigit() else usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        return ChildRun(proc.returncode, out.read().decode("utf-8", "replace"),
                        err.read().decode("utf-8", "replace"), peak, seconds)
