"""Writing query results with Oxigraph, cut at a row cap.

Oxigraph serializes a whole results iterator, so a capped SELECT result is collected as rows,
written as SPARQL JSON results, read back by Oxigraph and serialized in the requested format.
Graphs (CONSTRUCT, DESCRIBE) are serialized from the list of triples directly.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryResultsFormat,
    QuerySolution,
    Triple,
    parse_query_results,
    serialize,
)

from api.formats import GRAPHS, RESULTS

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
T = TypeVar("T")


def capped(items: Iterable[T], limit: int) -> tuple[list[T], bool]:
    """At most ``limit`` items, and whether there were more."""
    head = list(itertools.islice(items, limit + 1))
    return head[:limit], len(head) > limit


def term_json(term: object) -> dict[str, Any]:
    """A term in the SPARQL 1.1 (and 1.2 triple term) JSON results form."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        value: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
            if term.direction:
                value["its:dir"] = term.direction
        elif term.datatype.value != XSD_STRING:
            value["datatype"] = term.datatype.value
        return value
    if isinstance(term, Triple):
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {p: term_json(getattr(term, p)) for p in parts}}
    raise TypeError(f"not an RDF term: {term!r}")


def solutions(variables: Sequence[str], rows: Iterable[QuerySolution], media_type: str) -> bytes:
    """SELECT results in ``media_type``, serialized by Oxigraph."""
    bindings = []
    for row in rows:
        values = {v: row[v] for v in variables}
        bindings.append({v: term_json(t) for v, t in values.items() if t is not None})
    document = json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}})
    parsed = parse_query_results(document, QueryResultsFormat.JSON)
    return parsed.serialize(format=RESULTS[media_type])


def triples(items: Iterable[Triple], media_type: str, prefixes: Mapping[str, str]) -> bytes:
    """A graph in ``media_type``, serialized by Oxigraph with the project prefixes."""
    return serialize(items, format=GRAPHS[media_type], prefixes=dict(prefixes))
