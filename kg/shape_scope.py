"""Which triples SHACL shapes can read, so that validation gets only those.

A shape reads the triples of its property paths, of its SPARQL constraints and of its
targets, plus rdf:type and rdfs:subClassOf (class targets and sh:class). Validating only these
triples gives the same results as validating everything, at a fraction of the memory and time.
Where the shapes could read any predicate (a closed shape, a SPARQL pattern with a variable
predicate), the scope is everything.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef, Variable
from rdflib.namespace import RDF, RDFS, SH
from rdflib.paths import Path
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

from kg.namespaces import sparql_prologue

_PATH_LINKS = (
    SH.inversePath,
    SH.alternativePath,
    SH.zeroOrMorePath,
    SH.oneOrMorePath,
    SH.zeroOrOnePath,
    RDF.first,
    RDF.rest,
)


def _path_predicates(shapes: Graph, node: Node) -> set[URIRef]:
    """The predicate IRIs a SHACL property path walks."""
    if isinstance(node, URIRef):
        return set() if node == RDF.nil else {node}
    found: set[URIRef] = set()
    for link in _PATH_LINKS:
        for inner in shapes.objects(node, link):
            found |= _path_predicates(shapes, inner)
    return found


def _sparql_path_predicates(path: object) -> set[URIRef] | None:
    """The IRIs of a predicate in a SPARQL triple pattern, or None for a variable."""
    if isinstance(path, Variable):
        return None
    if isinstance(path, URIRef):
        return {path}
    if isinstance(path, Path):
        found: set[URIRef] = set()
        for part in [*getattr(path, "args", []), getattr(path, "arg", None),
                     getattr(path, "path", None)]:
            if part is None:
                continue
            inner = _sparql_path_predicates(part)
            if inner is None:
                return None
            found |= inner
        return found
    return None


def _query_predicates(node: object) -> set[URIRef] | None:
    """Predicates of every triple pattern in a query's algebra; None if one is a variable."""
    found: set[URIRef] = set()
    if isinstance(node, CompValue):
        if node.name == "BGP":
            for _, predicate, _ in node.triples:
                inner = _sparql_path_predicates(predicate)
                if inner is None:
                    return None
                found |= inner
        children = list(node.values())
    elif isinstance(node, list | tuple):
        children = list(node)
    else:
        return found
    for child in children:
        inner = _query_predicates(child)
        if inner is None:
            return None
        found |= inner
    return found


def predicates_read(shapes: Graph) -> set[URIRef] | None:
    """Every predicate the shapes can read, or None when they may read any."""
    if (None, SH.closed, Literal(True)) in shapes:
        return None
    found: set[URIRef] = {RDF.type, RDFS.subClassOf}
    for path in shapes.objects(None, SH.path):
        found |= _path_predicates(shapes, path)
    for target in (SH.targetSubjectsOf, SH.targetObjectsOf):
        found |= {p for p in shapes.objects(None, target) if isinstance(p, URIRef)}
    for kind in (SH.select, SH.ask):
        for text in shapes.objects(None, kind):
            query = prepareQuery(sparql_prologue() + str(text))
            inner = _query_predicates(query.algebra)
            if inner is None:
                return None
            found |= inner
    return found
