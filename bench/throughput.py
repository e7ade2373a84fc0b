"""Throughput under concurrent clients, measured with wrk."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

_TOTAL = re.compile(r"(\d+) requests in ([\d.]+)(m?s|m)\b")
_BAD = re.compile(r"Non-2xx or 3xx responses: (\d+)")
_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0}


@dataclass(frozen=True)
class Throughput:
    """Successful (2xx/3xx) requests per second, and how many requests failed."""

    ok_per_second: float
    requests: int
    failed: int


def wrk_binary() -> str | None:
    """The wrk command, if installed."""
    return shutil.which("wrk")


def measure(url: str, accept: str, clients: int, seconds: float, threads: int = 2) -> Throughput:
    """Run wrk with ``clients`` connections for ``seconds`` against ``url``."""
    command = [
        wrk_binary() or "wrk",
        f"-t{min(threads, clients)}",
        f"-c{clients}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "30s",
        "-H",
        f"Accept: {accept}",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    total = _TOTAL.search(output)
    if total is None:
        raise RuntimeError(f"unexpected wrk output:\n{output}")
    requests = int(total.group(1))
    elapsed = float(total.group(2)) * _UNITS[total.group(3)]
    bad = _BAD.search(output)
    errors = _ERRORS.search(output)
    failed = (int(bad.group(1)) if bad else 0) + (
        sum(int(n) for n in errors.groups()) if errors else 0
    )
    return Throughput(max(0, requests - failed) / elapsed, requests, failed)
