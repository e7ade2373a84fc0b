"""Standard SPARQL clients work against the endpoint: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

from kg.namespaces import ID, PREFIXES

PROLOGUE = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("cf", "rdfs"))
SELECT = "SELECT ?a ?label WHERE { ?a a cf:Agreement ; rdfs:label ?label } ORDER BY ?a"
CONSTRUCT = "CONSTRUCT { ?a rdfs:label ?label } WHERE { ?a a cf:Agreement ; rdfs:label ?label }"
CEASEFIRE = URIRef(ID + "agreement/2020-10-18-ceasefire")


@pytest.fixture(scope="module")
def url(sparql_server) -> str:
    return sparql_server.url + "/sparql"


def wrapper(url: str, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method:
        client.setMethod(method)
    return client


def test_sparqlwrapper_select_json_get_and_post(url):
    rows = wrapper(url, SELECT, JSON).queryAndConvert()["results"]["bindings"]
    assert {r["a"]["value"] for r in rows} >= {str(CEASEFIRE)}
    posted = wrapper(url, SELECT, JSON, POST).queryAndConvert()["results"]["bindings"]
    assert posted == rows


def test_sparqlwrapper_select_xml_and_csv(url):
    document = wrapper(url, SELECT, XML).queryAndConvert()
    assert len(document.getElementsByTagName("result")) >= 2
    text = wrapper(url, SELECT, CSV).queryAndConvert().decode()
    assert text.splitlines()[0] == "a,label"


def test_sparqlwrapper_construct_turtle(url):
    data = wrapper(url, CONSTRUCT, TURTLE).queryAndConvert()
    graph = Graph().parse(data=data, format="turtle")
    assert (CEASEFIRE, None, None) in graph


def test_sparqlwrapper_ask(url):
    assert wrapper(url, "ASK { ?a a cf:Agreement }", JSON).queryAndConvert()["boolean"] is True


def test_rdflib_sparqlstore_select_ask_construct(url):
    graph = Graph(store=SPARQLStore(query_endpoint=url))
    rows = list(graph.query(PROLOGUE + SELECT))
    assert CEASEFIRE in {row.a for row in rows}
    assert graph.query(PROLOGUE + "ASK { ?a a cf:Agreement }").askAnswer is True
    built = graph.query(PROLOGUE + CONSTRUCT).graph
    assert (CEASEFIRE, None, None) in built


def test_rdflib_sparqlstore_by_post_and_json(url):
    store = SPARQLStore(query_endpoint=url, method="POST_FORM", returnFormat="json")
    rows = list(Graph(store=store).query(PROLOGUE + SELECT))
    assert len(rows) >= 2
