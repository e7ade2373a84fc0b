"""The rdflib store the pipeline works in: oxrdflib's Oxigraph store, with plain literals.

Oxigraph gives every simple literal the datatype xsd:string, as RDF 1.1 does; rdflib keeps it
without a datatype. This store returns rdflib's form, so that terms compare and render the same
whichever parser or store they came from.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph
from oxrdflib import OxigraphStore
from oxrdflib._converter import from_ox, from_ox_graph_name, to_ox_quad_pattern
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import XSD
from rdflib.term import Node

_XSD_STRING = pyoxigraph.NamedNode(str(XSD.string))

Triple = tuple[Node, Node, Node]


def plain(term: pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal) -> Node:
    """The rdflib term of an Oxigraph term; a simple literal has no datatype."""
    if isinstance(term, pyoxigraph.Literal) and term.datatype == _XSD_STRING:
        return Literal(term.value)
    return from_ox(term)


class PlainLiteralStore(OxigraphStore):
    """An in-memory Oxigraph store whose triples come back in rdflib's literal form."""

    def triples(  # type: ignore[override]
        self,
        triple_pattern: tuple[Node | None, Node | None, Node | None],
        context: Graph | None = None,
    ) -> Iterator[tuple[Triple, Iterator[Graph | None]]]:
        """Matching triples, each with the graph it is in."""
        try:
            quads = self._inner.quads_for_pattern(*to_ox_quad_pattern(triple_pattern, context))
        except (TypeError, ValueError):  # a pattern no quad can match, e.g. a literal subject
            return iter(())
        return (
            (
                (plain(q.subject), plain(q.predicate), plain(q.object)),
                iter((from_ox_graph_name(q.graph_name, self),)),
            )
            for q in quads
        )


def inner(dataset: Dataset) -> pyoxigraph.Store:
    """The Oxigraph store behind ``dataset`` (one made by ``kg.load.new_dataset``)."""
    if not isinstance(dataset.store, OxigraphStore):
        raise TypeError("the dataset is not backed by Oxigraph: make it with new_dataset()")
    return dataset.store._inner
