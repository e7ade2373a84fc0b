"""The benchmark's system tools: wrk and Virtuoso from Debian packages, installed if missing."""

from __future__ import annotations

import os
import shutil
import subprocess

#: Command -> Debian package providing it.
TOOLS = {"wrk": "wrk", "virtuoso-t": "virtuoso-opensource"}


def missing(commands: list[str]) -> list[str]:
    """The commands of ``commands`` not on PATH."""
    return [c for c in commands if shutil.which(c) is None]


def ensure(commands: list[str]) -> list[str]:
    """Install the Debian packages of missing commands with apt-get; return what is still missing.

    Needs root and apt-get; otherwise it says what to install and the caller skips what needs it.
    """
    absent = missing(commands)
    if not absent:
        return []
    packages = sorted({TOOLS[c] for c in absent})
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        print(
            f"note: {', '.join(absent)} not found and apt-get is not usable here "
            f"(needs root on Debian/Ubuntu); install {' '.join(packages)} to include them."
        )
        return absent
    print(f"installing {' '.join(packages)} with apt-get ...")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *packages]):
        if subprocess.run(command, env=env, capture_output=True).returncode != 0:
            print(f"note: {' '.join(command)} failed; continuing without {', '.join(absent)}")
            return missing(commands)
    return missing(commands)
