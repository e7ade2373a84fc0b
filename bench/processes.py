"""Server subprocesses: start, wait until they answer, measure their memory, stop them."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Service:
    """A server process (its own process group) answering on ``base``."""

    name: str
    process: subprocess.Popen
    base: str
    #: The SPARQL query endpoint, absolute.
    sparql: str
    log: Path
    started_in: float = 0.0
    extra: dict = field(default_factory=dict)

    def rss(self) -> int:
        """Resident bytes of the server and every process it started."""
        try:
            root = psutil.Process(self.process.pid)
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return 0
        total = 0
        for each in tree:
            with contextlib.suppress(psutil.NoSuchProcess):
                total += each.memory_info().rss
        return total

    def stop(self) -> None:
        """Terminate the process group; kill it if it lingers."""
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass


def spawn(
    name: str,
    command: list[str],
    log: Path,
    base: str,
    sparql: str,
    probe: str,
    timeout: float,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Service:
    """Start ``command`` and wait until GET ``probe`` answers 200 (start-up time recorded)."""
    start = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
    service = Service(name, process, base, sparql, log)
    deadline = start + timeout
    with httpx.Client(timeout=5) as client:
        while time.perf_counter() < deadline and process.poll() is None:
            try:
                if client.get(probe).status_code == 200:
                    service.started_in = time.perf_counter() - start
                    return service
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
    service.stop()
    tail = log.read_text(errors="replace")[-2000:]
    raise RuntimeError(f"{name} did not start within {timeout:g} s:\n{tail}")
