"""Limits of /sparql on real servers: time limit, concurrency, row cap, loopback binding."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest

from api.settings import Settings

CROSS = "?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l"
#: Counting the 4-way cross product (about 1.4e14 rows) cannot finish: a runaway query.
RUNAWAY = f"SELECT (COUNT(*) AS ?n) WHERE {{ {CROSS} }}"
SIMPLE = "SELECT ?a WHERE { ?a a cf:Agreement }"
JSON = {"Accept": "application/sparql-results+json"}
LIMIT = 2.0  # the limits server's --timeout


def timed_get(url: str, query: str, results: dict, key: str) -> None:
    start = time.monotonic()
    response = httpx.get(url, params={"query": query}, headers=JSON, timeout=60)
    results[key] = (response, time.monotonic() - start)


def wait_for_full_pool(url: str) -> None:
    """Wait until killed workers are replaced (a simple query answers quickly twice)."""
    for _ in range(100):
        quick = [httpx.get(url, params={"query": SIMPLE}, timeout=30) for _ in range(2)]
        if all(r.status_code == 200 and r.elapsed.total_seconds() < 1 for r in quick):
            return
        time.sleep(0.2)


def test_runaway_query_is_stopped_and_others_are_answered_meanwhile(limits_server):
    url = limits_server.url + "/sparql"
    wait_for_full_pool(url)
    results: dict = {}
    runaway = threading.Thread(target=timed_get, args=(url, RUNAWAY, results, "runaway"))
    runaway.start()
    time.sleep(0.5)
    assert runaway.is_alive()
    timed_get(url, SIMPLE, results, "simple")
    runaway.join()
    response, elapsed = results["runaway"]
    assert response.status_code == 503
    assert "did not finish within 2 s" in response.text
    assert LIMIT - 0.1 < elapsed < LIMIT + 1, elapsed
    simple, simple_elapsed = results["simple"]
    assert simple.status_code == 200
    assert simple.json()["results"]["bindings"]
    assert simple_elapsed < 1.0, simple_elapsed
    # The killed worker is replaced: the server keeps answering.
    wait_for_full_pool(url)
    assert httpx.get(url, params={"query": SIMPLE}).status_code == 200


def test_overload_is_503_with_retry_after(limits_server):
    url = limits_server.url + "/sparql"
    wait_for_full_pool(url)
    results: dict = {}
    runaways = [
        threading.Thread(target=timed_get, args=(url, RUNAWAY, results, f"runaway{i}"))
        for i in range(2)
    ]
    for thread in runaways:
        thread.start()
    time.sleep(0.8)
    refused = httpx.get(url, params={"query": SIMPLE})
    for thread in runaways:
        thread.join()
    assert refused.status_code == 503
    assert int(refused.headers["retry-after"]) >= 1
    assert {results[f"runaway{i}"][0].status_code for i in range(2)} == {503}
    wait_for_full_pool(url)


def test_plain_cross_product_is_cut_at_the_row_cap(sparql_server):
    query = f"SELECT * WHERE {{ {CROSS} }}"
    response = httpx.get(sparql_server.url + "/sparql", params={"query": query}, headers=JSON)
    assert response.status_code == 200
    assert response.headers["x-results-truncated"] == "true"
    assert response.headers["x-results-limit"] == "500"
    assert len(response.json()["results"]["bindings"]) == 500


def test_construct_is_cut_at_the_row_cap(sparql_server):
    response = httpx.get(
        sparql_server.url + "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/n-triples"},
    )
    assert response.headers["x-results-truncated"] == "true"
    assert len(response.text.strip().splitlines()) == 500


def test_small_results_are_not_marked(sparql_server):
    response = httpx.get(sparql_server.url + "/sparql", params={"query": SIMPLE})
    assert "x-results-truncated" not in response.headers


def test_default_host_is_loopback(sparql_server):
    assert Settings().host == "127.0.0.1"
    # The test server was started without --host: it listens on 127.0.0.1 only.
    port = int(sparql_server.url.rsplit(":", 1)[1])
    tcp = Path("/proc/net/tcp")
    if not tcp.is_file():
        pytest.skip("needs Linux /proc/net/tcp")
    listening = [
        fields[1]
        for fields in (line.split() for line in tcp.read_text().splitlines()[1:])
        if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port
    ]
    assert listening == [f"0100007F:{port:04X}"]
    ipv6 = Path("/proc/net/tcp6")
    if ipv6.is_file():
        assert f":{port:04X} " not in ipv6.read_text()
