"""Pointed at a real ``oxigraph serve``, the service answers each named query as embedded."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest

from kg.queries import list_queries
from tests.server import oxigraph_binary, start_oxigraph, start_service

JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def oxigraph(built, tmp_path_factory):
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph command (PyPI package oxigraph) is not installed")
    server = start_oxigraph(binary, built.path, tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def remote_service(built, oxigraph, service_logs):
    store = f"sparql+{oxigraph.url}/query"
    server = start_service(built.path.parent, service_logs, "--store", store, "--max-rows", "500")
    yield server
    server.stop()


def solutions(response: httpx.Response) -> tuple[list[str], Counter]:
    """Variables and the multiset of rows (blank node labels ignored) of JSON results."""
    assert response.status_code == 200, response.text
    document = response.json()
    if "boolean" in document:
        return [], Counter([document["boolean"]])
    rows = Counter()
    for binding in document["results"]["bindings"]:
        row = tuple(
            sorted(
                (name, term["type"], "" if term["type"] == "bnode" else term["value"],
                 term.get("datatype", ""), term.get("xml:lang", ""))
                for name, term in binding.items()
            )
        )
        rows[row] += 1
    return document["head"].get("vars", []), rows


@pytest.mark.parametrize("named", list_queries(), ids=lambda q: q.name)
def test_named_queries_agree_through_both_stores(sparql_server, remote_service, named):
    text = named.render()
    embedded = httpx.post(sparql_server.url + "/sparql", data={"query": text}, headers=JSON)
    remote = httpx.post(remote_service.url + "/sparql", data={"query": text}, headers=JSON)
    assert solutions(remote) == solutions(embedded)
    assert solutions(embedded)[1], f"{named.name} returned nothing"


def test_remote_health_and_description_count_the_same(sparql_server, remote_service):
    assert httpx.get(remote_service.url + "/health").json() == httpx.get(
        sparql_server.url + "/health"
    ).json()


def test_remote_row_cap_csv_and_refusals(remote_service):
    url = remote_service.url + "/sparql"
    everything = {"query": "SELECT * { ?s ?p ?o }"}
    capped = httpx.get(url, params=everything, headers={"Accept": "text/csv"})
    assert capped.headers["x-results-truncated"] == "true"
    assert capped.headers["content-type"].startswith("text/csv")
    assert len(capped.text.strip().splitlines()) == 501
    service = "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    assert httpx.get(url, params={"query": service}).status_code == 403
    assert httpx.post(url, data={"update": "CLEAR ALL"}).status_code == 403
    error = httpx.get(url, params={"query": "SELECT * WHERE {\n ?s cf:p ?o BIND(1 AS ?s) }"})
    assert error.status_code == 400
    assert "2:" in error.text, error.text
