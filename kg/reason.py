"""OWL 2 RL reasoning: materialise what the ontology entails about the facts."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import owlrl
import pyoxigraph
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg import rules
from kg.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, SOURCE_GRAPH_PREFIX
from kg.oxstore import inner

log = logging.getLogger(__name__)

Triple = tuple[object, object, object]

_TRIVIAL_TYPES = {OWL.Thing, RDFS.Resource}
_THING_NOISE = {RDFS.subClassOf, RDFS.domain, RDFS.range}
_REFLEXIVE_NOISE = {
    OWL.sameAs,
    OWL.equivalentClass,
    OWL.equivalentProperty,
    RDFS.subClassOf,
    RDFS.subPropertyOf,
}


def asserted_graph_names(dataset: Dataset) -> list[URIRef]:
    """The ontology graph and every source graph of ``dataset``."""
    names = (g.identifier for g in dataset.graphs() if isinstance(g.identifier, URIRef))
    return sorted(
        name
        for name in names
        if str(name) == ONTOLOGY_GRAPH or str(name).startswith(SOURCE_GRAPH_PREFIX)
    )


def union(dataset: Dataset, names: list[URIRef]) -> Graph:
    """A fresh Graph holding every triple of the named graphs ``names``."""
    merged = Graph()
    for name in names:
        for triple in dataset.graph(name):
            merged.add(triple)
    return merged


def is_noise(triple: Triple, fact_bnodes: set[BNode]) -> bool:
    """Whether an entailed triple is bookkeeping of the reasoner rather than knowledge.

    Noise is a triple whose subject is a literal; whose subject is a blank node that is not
    part of the facts (ontology axioms, reasoner internals); whose subject is an RDF, RDFS,
    OWL or XSD built-in term; a reflexive ``owl:sameAs``, ``owl:equivalentClass``,
    ``owl:equivalentProperty``, ``rdfs:subClassOf`` or ``rdfs:subPropertyOf``; a type
    ``owl:Thing`` or ``rdfs:Resource``; an ``rdfs:subClassOf``, ``rdfs:domain`` or
    ``rdfs:range`` of ``owl:Thing``; or any
    ``owl:differentFrom`` (pairwise expansions of ``owl:AllDifferent``).
    """
    s, p, o = triple
    if isinstance(s, Literal):
        return True
    if isinstance(s, BNode) and s not in fact_bnodes:
        return True
    if isinstance(s, URIRef) and str(s).startswith(rules.BUILTIN):
        return True
    if p in _REFLEXIVE_NOISE and s == o:
        return True
    if p == RDF.type and o in _TRIVIAL_TYPES:
        return True
    if p in _THING_NOISE and o == OWL.Thing:
        return True
    return p == OWL.differentFrom


def owlrl_entailments(dataset: Dataset) -> Iterator[Triple]:
    """The OWL 2 RL closure by owlrl minus what is asserted, without noise (see ``is_noise``).

    The reference semantics, and the reasoner for schemas beyond what kg.rules supports.
    """
    asserted = union(dataset, asserted_graph_names(dataset))
    closure = Graph()
    for triple in asserted:
        closure.add(triple)
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(closure)
    fact_bnodes = {
        node
        for name in asserted_graph_names(dataset)
        if str(name).startswith(SOURCE_GRAPH_PREFIX)
        for triple in dataset.graph(name)
        for node in triple
        if isinstance(node, BNode)
    }
    for triple in closure:
        if triple not in asserted and not is_noise(triple, fact_bnodes):
            yield triple


def infer(dataset: Dataset) -> Graph:
    """Compute the OWL 2 RL entailments of the asserted graphs into the inferred graph.

    The entailed triples that are not asserted, without noise, replace the content of the
    inferred graph, so asserted and inferred statements stay apart. kg.rules computes them
    when the schema uses only the constructs it implements, owlrl otherwise.
    """
    names = asserted_graph_names(dataset)
    inferred = dataset.graph(URIRef(INFERRED_GRAPH))
    inferred.remove((None, None, None))
    store = inner(dataset)
    graphs = [pyoxigraph.NamedNode(str(name)) for name in names]
    if rules.supports(store):
        facts = [g for g in graphs if g.value.startswith(SOURCE_GRAPH_PREFIX)]
        target = pyoxigraph.NamedNode(INFERRED_GRAPH)
        store.extend(
            pyoxigraph.Quad(s, p, o, target) for s, p, o in rules.entailments(store, graphs, facts)
        )
    else:
        for triple in owlrl_entailments(dataset):
            inferred.add(triple)
    log.info("inferred %d triples", len(inferred))
    return inferred
