"""Every results format of /sparql parses, and Accept (with q-values) or format picks it."""

from __future__ import annotations

import csv
import io

import httpx
import pytest
from pyoxigraph import QueryResultsFormat, parse_query_results
from rdflib import Graph

SELECT = "SELECT ?a ?label WHERE { ?a a cf:Agreement ; rdfs:label ?label } ORDER BY ?a"
CONSTRUCT = "CONSTRUCT { ?a rdfs:label ?label } WHERE { ?a a cf:Agreement ; rdfs:label ?label }"
DESCRIBE = "DESCRIBE agreement:2020-10-18-ceasefire"


@pytest.fixture(scope="module")
def url(sparql_server) -> str:
    return sparql_server.url + "/sparql"


def get(url: str, query: str, accept: str | None = None, **params: str) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    response = httpx.get(url, params={"query": query, **params}, headers=headers)
    assert response.status_code == 200, response.text
    return response


def select_rows(response: httpx.Response) -> list[tuple[str, str]]:
    """(agreement IRI, label) pairs from any SELECT results format."""
    kind = response.headers["content-type"].split(";")[0]
    if kind == "text/csv":
        return [(r["a"], r["label"]) for r in csv.DictReader(io.StringIO(response.text))]
    parsed = {
        "application/sparql-results+json": QueryResultsFormat.JSON,
        "application/sparql-results+xml": QueryResultsFormat.XML,
        "text/tab-separated-values": QueryResultsFormat.TSV,
    }[kind]
    return [(s["a"].value, s["label"].value) for s in parse_query_results(response.content, parsed)]


@pytest.mark.parametrize(
    ("accept", "name"),
    [
        ("application/sparql-results+json", "json"),
        ("application/sparql-results+xml", "xml"),
        ("text/csv", "csv"),
        ("text/tab-separated-values", "tsv"),
    ],
)
def test_select_formats_parse_and_agree(url, accept, name):
    by_accept = get(url, SELECT, accept)
    assert by_accept.headers["content-type"].split(";")[0] == accept
    rows = select_rows(by_accept)
    assert len(rows) >= 2
    assert rows == select_rows(get(url, SELECT, "application/sparql-results+json"))
    by_name = get(url, SELECT, "text/html", format=name)
    assert by_name.headers["content-type"].split(";")[0] == accept
    assert select_rows(by_name) == rows


@pytest.mark.parametrize(
    ("accept", "name", "rdflib_format"),
    [
        ("text/turtle", "turtle", "turtle"),
        ("application/n-triples", "ntriples", "nt"),
        ("application/ld+json", "jsonld", "json-ld"),
        ("application/rdf+xml", "rdfxml", "xml"),
    ],
)
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE])
def test_graph_formats_parse_and_agree(url, accept, name, rdflib_format, query):
    reference = Graph().parse(data=get(url, query, "application/n-triples").text, format="nt")
    assert len(reference) > 0
    response = get(url, query, accept)
    assert response.headers["content-type"].split(";")[0] == accept
    parsed = Graph().parse(data=response.text, format=rdflib_format)
    assert parsed.isomorphic(reference)
    by_name = get(url, query, None, format=name)
    assert by_name.headers["content-type"].split(";")[0] == accept


def test_ask_formats(url):
    assert get(url, "ASK { ?a a cf:Agreement }").json()["boolean"] is True
    xml = get(url, "ASK { ?a a cf:Nothing }", "application/sparql-results+xml").content
    assert bool(parse_query_results(xml, QueryResultsFormat.XML)) is False


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("*/*;q=0.1, text/tab-separated-values", "text/tab-separated-values"),
        ("application/sparql-results+json;q=0, */*", "application/sparql-results+xml"),
        ("text/*;q=0.8, application/*;q=0.2", "text/csv"),
        ("application/json", "application/sparql-results+json"),
    ],
)
def test_accept_q_values_pick_the_select_format(url, accept, expected):
    response = get(url, SELECT, accept)
    assert response.headers["content-type"].split(";")[0] == expected
    assert response.headers["vary"] == "Accept"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("application/rdf+xml;q=0.5, text/turtle;q=0.4", "application/rdf+xml"),
        ("application/n-triples, text/turtle", "application/n-triples"),
        ("text/turtle;q=0.1, application/ld+json;q=0.2", "application/ld+json"),
    ],
)
def test_accept_q_values_pick_the_graph_format(url, accept, expected):
    response = get(url, CONSTRUCT, accept)
    assert response.headers["content-type"].split(";")[0] == expected


def test_no_acceptable_format_is_406(url):
    for query, accept in [(SELECT, "text/turtle"), (CONSTRUCT, "text/csv"), (SELECT, "image/*")]:
        response = httpx.get(url, params={"query": query}, headers={"Accept": accept})
        assert response.status_code == 406
        assert "available" in response.text
    wrong_name = httpx.get(url, params={"query": SELECT, "format": "turtle"})
    assert wrong_name.status_code == 406
