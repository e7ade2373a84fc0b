"""Derivation rules: SPARQL CONSTRUCT queries whose results form the derived graph."""

from __future__ import annotations

import logging
from pathlib import Path

import pyoxigraph
from rdflib import Dataset, Graph, URIRef

from kg.errors import InputError
from kg.namespaces import DERIVED_GRAPH, INFERRED_GRAPH, sparql_prologue
from kg.oxstore import inner
from kg.paths import Layout, default_layout
from kg.reason import asserted_graph_names

log = logging.getLogger(__name__)


def derive(dataset: Dataset, layout: Layout | None = None) -> Graph:
    """Run every derivation query over asserted + inferred triples into the derived graph.

    Each ``*.rq`` file of the derivations folder is one CONSTRUCT query without PREFIX
    lines (the project prologue is prepended), evaluated by Oxigraph. A missing or empty
    folder derives nothing. No query sees what another derived.
    """
    layout = layout or default_layout()
    store = inner(dataset)
    derived = dataset.graph(URIRef(DERIVED_GRAPH))
    derived.remove((None, None, None))
    target = pyoxigraph.NamedNode(DERIVED_GRAPH)
    sources = [
        pyoxigraph.NamedNode(str(name))
        for name in [*asserted_graph_names(dataset), URIRef(INFERRED_GRAPH)]
    ]
    # Oxigraph evaluates over the union of all graphs far faster than over a list of graphs.
    use_union = set(store.named_graphs()) <= {*sources, target}
    quads: list[pyoxigraph.Quad] = []
    for path in layout.derivation_files():
        triples = _construct(path, store, None if use_union else sources)
        quads += (pyoxigraph.Quad(t.subject, t.predicate, t.object, target) for t in triples)
        log.info("%s derived %d triples", path.name, len(triples))
    store.extend(quads)
    return derived


def _construct(
    path: Path, store: pyoxigraph.Store, sources: list[pyoxigraph.NamedNode] | None
) -> list[pyoxigraph.Triple]:
    """The triples of the CONSTRUCT query in ``path`` over ``sources`` (None: all graphs)."""
    text = sparql_prologue() + path.read_text(encoding="utf-8")
    try:
        if sources is None:
            result = store.query(text, use_default_graph_as_union=True)
        else:
            result = store.query(text, default_graph=sources)
    except (SyntaxError, OSError, ValueError) as err:
        raise InputError(path, f"derivation query failed: {err}") from err
    if not isinstance(result, pyoxigraph.QueryTriples):
        raise InputError(path, "a derivation must be a CONSTRUCT query")
    return list(result)
