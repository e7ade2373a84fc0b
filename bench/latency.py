"""Latency of repeated requests (p50, p95), over HTTP and in process."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import pyoxigraph

from bench.workloads import NT, Workload


@dataclass(frozen=True)
class Latency:
    """Seconds of the runs of one request; ``error`` when it failed or timed out."""

    runs: list[float]
    error: str | None = None

    @property
    def p50(self) -> float | None:
        return statistics.median(self.runs) if self.runs else None

    @property
    def p95(self) -> float | None:
        if not self.runs:
            return None
        ordered = sorted(self.runs)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _repeat(call: Callable[[], None], repeats: int, budget: float) -> Latency:
    """One warm-up call, then up to ``repeats`` timed calls within ``budget`` seconds.

    A warm-up call that alone takes longer than ``budget`` is the only run.
    """
    try:
        start = time.perf_counter()
        call()
        warm_up = time.perf_counter() - start
        if warm_up > budget:
            return Latency([warm_up])
        runs: list[float] = []
        spent = 0.0
        while len(runs) < repeats and (spent < budget or len(runs) < 3):
            start = time.perf_counter()
            call()
            runs.append(time.perf_counter() - start)
            spent += runs[-1]
        return Latency(runs)
    except Exception as err:  # noqa: BLE001 - a failing peer is reported, not fatal
        return Latency([], f"{type(err).__name__}: {err}"[:200])


def over_http(client: httpx.Client, url: str, accept: str, repeats: int, budget: float) -> Latency:
    """Latency of GET ``url`` (fails on any status but 200)."""

    def call() -> None:
        response = client.get(url, headers={"Accept": accept})
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code}: {response.text[:100]}")

    return _repeat(call, repeats, budget)


def in_process(store: pyoxigraph.Store, workload: Workload, repeats: int, budget: float) -> Latency:
    """Latency of evaluating and serializing the query with pyoxigraph in this process."""

    def call() -> None:
        answer = store.query(workload.query, use_default_graph_as_union=True)
        if workload.accept == NT:
            pyoxigraph.serialize(answer, format=pyoxigraph.RdfFormat.N_TRIPLES)
        else:
            answer.serialize(format=pyoxigraph.QueryResultsFormat.JSON)

    return _repeat(call, repeats, budget)
