"""Derivation rules: SPARQL CONSTRUCT queries whose results form the derived graph."""

from __future__ import annotations

import logging

from rdflib import Dataset, Graph, URIRef

from kg.errors import InputError
from kg.namespaces import DERIVED_GRAPH, INFERRED_GRAPH, sparql_prologue
from kg.paths import Layout, default_layout
from kg.reason import asserted_graph_names, union

log = logging.getLogger(__name__)


def derive(dataset: Dataset, layout: Layout | None = None) -> Graph:
    """Run every derivation query over asserted + inferred triples into the derived graph.

    Each ``*.rq`` file of the derivations folder is one CONSTRUCT query without PREFIX
    lines (the project prologue is prepended). A missing or empty folder derives nothing.
    """
    layout = layout or default_layout()
    source = union(dataset, [*asserted_graph_names(dataset), URIRef(INFERRED_GRAPH)])
    derived = dataset.graph(URIRef(DERIVED_GRAPH))
    derived.remove((None, None, None))
    for path in layout.derivation_files():
        try:
            result = source.query(sparql_prologue() + path.read_text(encoding="utf-8"))
        except Exception as err:  # rdflib raises pyparsing and evaluation errors of many kinds
            raise InputError(path, f"derivation query failed: {err}") from err
        if result.type != "CONSTRUCT" or result.graph is None:
            raise InputError(path, "a derivation must be a CONSTRUCT query")
        for triple in result.graph:
            derived.add(triple)
        log.info("%s derived %d triples", path.name, len(result.graph))
    return derived
