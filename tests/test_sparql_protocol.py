"""The SPARQL 1.1 Protocol at /sparql on a real server: operations, dataset, errors, refusals."""

from __future__ import annotations

import json
import re
import socket
import threading
import time

import httpx
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from kg.namespaces import GRAPH, ONTOLOGY_GRAPH

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
JSON = "application/sparql-results+json"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def url(sparql_server) -> str:
    return sparql_server.url + "/sparql"


def bindings(response: httpx.Response) -> list[dict]:
    assert response.status_code == 200, response.text
    return response.json()["results"]["bindings"]


def count(response: httpx.Response) -> int:
    return int(bindings(response)[0]["n"]["value"])


def test_get_post_form_and_post_direct_agree(url):
    query = "SELECT ?a WHERE { ?a a cf:Agreement } ORDER BY ?a"
    by_get = httpx.get(url, params={"query": query}, headers={"Accept": JSON})
    by_form = httpx.post(url, data={"query": query}, headers={"Accept": JSON})
    direct = httpx.post(
        url,
        content=query.encode(),
        headers={"Content-Type": "application/sparql-query; charset=utf-8", "Accept": JSON},
    )
    rows = bindings(by_get)
    assert len(rows) >= 2
    assert rows == bindings(by_form) == bindings(direct)
    assert by_get.headers["content-type"].startswith(JSON)
    assert by_get.headers["vary"] == "Accept"


def test_default_graph_is_the_union_of_named_graphs(url, built):
    union = count(httpx.get(url, params={"query": COUNT}))
    assert 0 < union <= sum(built.counts.values())
    assert union >= max(built.counts.values())


def test_default_graph_uri_changes_the_answer(url, built):
    only_ontology = httpx.get(url, params={"query": COUNT, "default-graph-uri": ONTOLOGY_GRAPH})
    assert count(only_ontology) == built.counts[ONTOLOGY_GRAPH]
    two = [g for g in built.counts][:2]
    both = httpx.post(url, data={"query": COUNT, "default-graph-uri": two})
    assert max(built.counts[g] for g in two) <= count(both) <= sum(built.counts[g] for g in two)


def test_named_graph_uri_limits_graph_patterns(url, built):
    everything = bindings(httpx.get(url, params={"query": GRAPHS}))
    assert {b["g"]["value"] for b in everything} == set(built.counts)
    one = httpx.get(url, params={"query": GRAPHS, "named-graph-uri": ONTOLOGY_GRAPH})
    assert [b["g"]["value"] for b in bindings(one)] == [ONTOLOGY_GRAPH]
    # Only named graphs given: the default graph is empty, as in Oxigraph's server.
    empty = httpx.get(url, params={"query": COUNT, "named-graph-uri": ONTOLOGY_GRAPH})
    assert count(empty) == 0


def test_from_in_the_query_is_respected(url, built):
    query = f"SELECT (COUNT(*) AS ?n) FROM <{ONTOLOGY_GRAPH}> WHERE {{ ?s ?p ?o }}"
    assert count(httpx.get(url, params={"query": query})) == built.counts[ONTOLOGY_GRAPH]


def test_project_prefixes_need_no_declaration_but_a_declaration_wins(url):
    undeclared = "SELECT ?a WHERE { ?a a cf:Agreement }"
    assert bindings(httpx.get(url, params={"query": undeclared}))
    redeclared = "PREFIX cf: <http://example.org/nothing#>\n" + undeclared
    assert bindings(httpx.get(url, params={"query": redeclared})) == []


def test_syntax_error_is_400_with_the_line_and_column(url):
    query = "SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER( }"
    response = httpx.get(url, params={"query": query})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert "line 4, column 3" in response.text


def test_store_error_positions_refer_to_the_users_text(url):
    # rdflib's parser accepts this; Oxigraph refuses rebinding ?s. The prologue added for
    # cf: must not shift the line Oxigraph reports.
    query = "SELECT * WHERE {\n ?s cf:p ?o BIND(1 AS ?s) }"
    response = httpx.get(url, params={"query": query})
    assert response.status_code == 400
    assert "at 2:" in response.text, response.text


def test_unknown_prefix_is_400(url):
    response = httpx.get(url, params={"query": "SELECT * WHERE { ?s nope:p ?o }"})
    assert response.status_code == 400
    assert "nope:" in response.text


def test_bad_requests(url):
    no_query = httpx.post(url, data={"default-graph-uri": ONTOLOGY_GRAPH})
    assert no_query.status_code == 400
    twice = httpx.get(url, params=[("query", "ASK {}"), ("query", "ASK {}")])
    assert twice.status_code == 400
    bad_graph = httpx.get(url, params={"query": COUNT, "default-graph-uri": "not an iri"})
    assert bad_graph.status_code == 400


def test_unsupported_content_type_is_415(url):
    response = httpx.post(url, content=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert httpx.post(url, content=b"ASK {}").status_code == 415


def test_other_methods_are_405(url):
    for method in ("PUT", "DELETE", "PATCH"):
        assert httpx.request(method, url).status_code == 405


def test_body_over_the_limit_is_413(url):
    direct = {"Content-Type": "application/sparql-query"}
    big = b"ASK {} #" + b"x" * (1024 * 1024)
    assert httpx.post(url, content=big, headers=direct).status_code == 413

    def chunks():
        for _ in range(20):
            yield b"#" + b"x" * 65535

    assert httpx.post(url, content=chunks(), headers=direct).status_code == 413


@pytest.mark.parametrize(
    "request_args",
    [
        {"data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
        {"data": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
        {"data": {"query": "LOAD <http://127.0.0.1:9/data.ttl>"}},
        {
            "content": b"CLEAR ALL",
            "headers": {"Content-Type": "application/sparql-update"},
        },
    ],
)
def test_updates_are_refused_with_403(url, request_args):
    response = httpx.post(url, **request_args)
    assert response.status_code == 403
    assert "read-only" in response.text
    ask = httpx.get(url, params={"query": "ASK { <urn:a> ?p ?o }"}, headers={"Accept": JSON})
    assert ask.json()["boolean"] is False


class Listener:
    """A TCP listener on loopback that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.sock.close()


@pytest.fixture()
def listener():
    server = Listener()
    yield server
    server.close()


def test_listener_sees_connections(listener):
    socket.create_connection(("127.0.0.1", listener.port)).close()
    time.sleep(0.5)
    assert listener.connections == 1


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        "select * where {{ ?x ?y ?z OPTIONAL {{ service silent <{endpoint}> {{ ?s ?p ?o }} }} }}",
        "ASK {{ FILTER EXISTS {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }} }}",
        "CONSTRUCT {{ ?s ?p ?o }} WHERE "
        "{{ {{ SELECT * {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }} }} }}",
        r"SELECT * WHERE {{ \u0053ERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
    ],
)
def test_service_is_refused_before_any_connection(url, listener, template):
    query = template.format(endpoint=f"http://127.0.0.1:{listener.port}/sparql")
    response = httpx.post(url, data={"query": query})
    assert response.status_code == 403, response.text
    assert "SERVICE" in response.text
    time.sleep(0.5)
    assert listener.connections == 0


def test_from_never_fetches(url, listener):
    source = f"http://127.0.0.1:{listener.port}/data.ttl"
    query = f"SELECT * FROM <{source}> FROM NAMED <{source}> WHERE {{ ?s ?p ?o }}"
    response = httpx.get(url, params={"query": query}, headers={"Accept": JSON})
    assert bindings(response) == []
    time.sleep(0.5)
    assert listener.connections == 0


def test_service_description(url, built):
    response = httpx.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert response.headers["vary"] == "Accept"
    graph = Graph().parse(data=response.text, format="turtle")
    service = graph.value(predicate=RDF.type, object=SD.Service)
    assert graph.value(service, SD.endpoint) == URIRef(url)
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    assert len(list(graph.objects(service, SD.resultFormat))) == 8
    dataset = graph.value(service, SD.defaultDataset)
    assert graph.value(dataset, VOID.triples) == Literal(sum(built.counts.values()))
    counted = {}
    for named in graph.objects(dataset, SD.namedGraph):
        name = str(graph.value(named, SD.name))
        counted[name] = graph.value(graph.value(named, SD.graph), VOID.triples).toPython()
    assert counted == built.counts
    assert all(name.startswith(GRAPH) for name in counted)
    default = graph.value(dataset, SD.defaultGraph)
    union = count(httpx.get(url, params={"query": COUNT}))
    assert graph.value(default, VOID.triples).toPython() == union


def test_service_description_is_negotiated(url):
    as_jsonld = httpx.get(url, headers={"Accept": "application/ld+json"})
    assert as_jsonld.headers["content-type"].startswith("application/ld+json")
    assert len(Graph().parse(data=as_jsonld.text, format="json-ld")) > 10
    as_xml = httpx.get(url, params={"format": "rdfxml"})
    assert len(Graph().parse(data=as_xml.text, format="xml")) > 10
    assert httpx.get(url, headers={"Accept": "application/sparql-results+json"}).status_code == 406
    head = httpx.head(url)
    assert head.status_code == 200
    assert head.headers["content-type"].startswith("text/turtle")
    assert head.content == b""


def test_health(sparql_server, built):
    health = httpx.get(sparql_server.url + "/health").json()
    assert health == {"status": "ok", "triples": sum(built.counts.values())}


def test_docs_are_served_without_a_cdn(sparql_server):
    page = httpx.get(sparql_server.url + "/docs")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets
    for asset in assets:
        assert asset.startswith("/"), asset
        assert httpx.get(sparql_server.url + asset).status_code == 200
    spec = httpx.get(sparql_server.url + "/openapi.json").json()
    assert "/sparql" in spec["paths"]


def test_access_log_has_one_json_line_per_request(sparql_server):
    httpx.get(sparql_server.url + "/health?probe=access-log")
    time.sleep(0.3)
    lines = [
        line for line in sparql_server.log.read_text().splitlines() if '"path": "/health"' in line
    ]
    assert lines
    entry = json.loads(lines[-1][lines[-1].index("{") :])
    assert entry["method"] == "GET"
    assert entry["status"] == 200
    assert entry["bytes"] > 0
    assert entry["duration_ms"] >= 0
