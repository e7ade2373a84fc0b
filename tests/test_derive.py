"""Oxigraph evaluates the derivations as rdflib's SPARQL engine does."""

from rdflib import Graph, URIRef

from kg.namespaces import DERIVED_GRAPH, INFERRED_GRAPH, sparql_prologue
from kg.paths import Layout
from kg.reason import asserted_graph_names


def test_derived_graph_equals_rdflib_evaluation(built):
    dataset = built.dataset
    source = Graph()
    for name in [*asserted_graph_names(dataset), URIRef(INFERRED_GRAPH)]:
        source += dataset.graph(name)
    expected = set()
    for path in Layout().derivation_files():
        result = source.query(sparql_prologue() + path.read_text(encoding="utf-8"))
        expected |= set(result.graph)
    assert expected
    assert set(dataset.graph(URIRef(DERIVED_GRAPH))) == expected
