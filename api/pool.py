"""A pool of query worker processes; a worker whose query runs too long is killed and replaced."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
from multiprocessing.connection import Connection
from pathlib import Path

from api.errors import QueryTimeout, StoreError
from api.worker import Job, Outcome

log = logging.getLogger(__name__)

#: Seconds a new worker may take to load the dataset.
START_TIMEOUT = 120.0
_PROJECT = Path(__file__).resolve().parent.parent


def _environment() -> dict[str, str]:
    """The parent's environment, with the project importable by the worker."""
    paths = [str(_PROJECT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


class Worker:
    """One worker process (a fresh interpreter running api.worker) and two pipes to it."""

    def __init__(self, dataset: Path, prefixes: dict[str, str]) -> None:
        job_read, job_write = os.pipe()
        outcome_read, outcome_write = os.pipe()
        argv = [str(job_read), str(outcome_write), str(dataset), json.dumps(prefixes)]
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "api.worker", *argv],
                pass_fds=(job_read, outcome_write),
                stdin=subprocess.DEVNULL,
                env=_environment(),
            )
        finally:
            os.close(job_read)
            os.close(outcome_write)
        self.jobs = Connection(job_write, readable=False)
        self.outcomes = Connection(outcome_read, writable=False)

    def wait_ready(self) -> int:
        """Block until the worker has loaded the dataset; return its number of quads."""
        try:
            if self.outcomes.poll(START_TIMEOUT):
                return self.outcomes.recv()
        except (EOFError, OSError):
            pass
        self.kill()
        raise StoreError(f"a query worker failed to start (exit code {self.process.returncode})")

    def exchange(self, job: Job, timeout: float) -> Outcome | None:
        """Send ``job`` and wait for its outcome; None when ``timeout`` seconds passed first."""
        try:
            self.jobs.send(job)
            if not self.outcomes.poll(timeout):
                return None
            return self.outcomes.recv()
        except (EOFError, OSError) as err:
            raise StoreError("a query worker died while evaluating a query") from err

    def kill(self) -> None:
        """Stop the process at once (Oxigraph ignores softer signals while evaluating)."""
        self.process.kill()
        self.process.wait()

    def close(self) -> None:
        """Kill the process and close both pipes."""
        self.kill()
        self.jobs.close()
        self.outcomes.close()


class WorkerPool:
    """``size`` workers over the same dataset; queries wait for an idle one."""

    def __init__(self, dataset: Path, size: int, prefixes: dict[str, str]) -> None:
        self._dataset = dataset
        self._size = size
        self._prefixes = prefixes
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._all: set[Worker] = set()
        self._starting: set[asyncio.Task[None]] = set()

    def _spawn(self) -> tuple[Worker, int]:
        """Start a worker and wait until it is ready (blocking)."""
        new = Worker(self._dataset, self._prefixes)
        self._all.add(new)
        try:
            return new, new.wait_ready()
        except StoreError:
            self._all.discard(new)
            raise

    async def start(self) -> int:
        """Start every worker; return the number of quads each one loaded."""
        started = await asyncio.gather(*(asyncio.to_thread(self._spawn) for _ in range(self._size)))
        for new, _ in started:
            self._idle.put_nowait(new)
        return started[0][1]

    async def _replace(self) -> None:
        """Start a worker to take the place of a killed one."""
        try:
            new, _ = await asyncio.to_thread(self._spawn)
        except StoreError:
            log.exception("could not replace a query worker")
            return
        self._idle.put_nowait(new)

    def _discard(self, old: Worker) -> None:
        """Kill ``old`` and start its replacement in the background."""
        old.kill()
        self._all.discard(old)
        task = asyncio.get_running_loop().create_task(self._replace())
        self._starting.add(task)
        task.add_done_callback(self._starting.discard)

    async def run(self, job: Job, timeout: float) -> Outcome:
        """Evaluate ``job`` on an idle worker, killing it if it takes over ``timeout`` seconds."""
        try:
            chosen = await asyncio.wait_for(self._idle.get(), timeout + START_TIMEOUT)
        except TimeoutError as err:
            raise StoreError("no query worker became available") from err
        try:
            outcome = await asyncio.to_thread(chosen.exchange, job, timeout)
        except BaseException:
            self._discard(chosen)
            raise
        if outcome is None:
            log.warning("query stopped after %s s; replacing its worker", timeout)
            self._discard(chosen)
            raise QueryTimeout(f"the query did not finish within {timeout:g} s")
        self._idle.put_nowait(chosen)
        return outcome

    async def close(self) -> None:
        """Stop every worker, including those still starting."""
        for task in list(self._starting):
            task.cancel()
        for each in list(self._all):
            each.close()
        self._all.clear()
