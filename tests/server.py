"""Real servers for the HTTP tests: ``ceasefire-kg serve`` and ``oxigraph serve`` subprocesses."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

#: Seconds a server may take to answer its first health check on a loaded machine.
STARTUP = 90.0


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A server subprocess and the base URL it answers on."""

    process: subprocess.Popen
    url: str
    log: Path

    def stop(self) -> None:
        """Ask the server to stop, and kill it if it does not."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def wait_until_up(server: Server, path: str) -> None:
    """Poll ``path`` until it answers 200; fail with the server's log if it never does."""
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            if httpx.get(server.url + path, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"server at {server.url} did not start:\n{server.log.read_text()}")


def start_service(
    build_dir: Path, log_dir: Path, *args: str, env: dict[str, str] | None = None
) -> Server:
    """``ceasefire-kg serve`` on a free loopback port over the dataset in ``build_dir``,
    with ``env`` added to the environment."""
    port = free_port()
    log = log_dir / f"serve-{port}.log"
    env = {**os.environ, "CEASEFIRE_KG_BUILD_DIR": str(build_dir), **(env or {})}
    command = [sys.executable, "-c", "from kg.cli import app; app()", "serve", "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, *args], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    server = Server(process, f"http://127.0.0.1:{port}", log)
    wait_until_up(server, "/health")
    return server


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` command of the PyPI package, next to this Python or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def start_oxigraph(binary: str, dataset: Path, work_dir: Path) -> Server:
    """``oxigraph serve`` on a free loopback port, loaded with ``dataset``, union default graph."""
    location = work_dir / "oxigraph"
    subprocess.run(
        [binary, "load", "--location", str(location), "--file", str(dataset)],
        check=True,
        capture_output=True,
    )
    port = free_port()
    log = work_dir / f"oxigraph-{port}.log"
    command = [binary, "serve", "--location", str(location), "--union-default-graph"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "--bind", f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT
        )
    server = Server(process, f"http://127.0.0.1:{port}", log)
    wait_until_up(server, "/query?query=ASK%7B%7D")
    return server
