"""The OWL 2 RL rules for the constructs the ontology uses, evaluated over a pyoxigraph store.

Class and property hierarchies (cax-sco, prp-spo1, scm-sco, scm-spo), domains and ranges
(prp-dom, prp-rng, scm-dom1/2, scm-rng1/2), inverse (prp-inv1/2), symmetric (prp-symp) and
transitive (prp-trp) properties. ``supports`` tells whether a schema uses nothing else; for such
a schema ``entailments`` equals what owlrl entails, without the noise that kg.reason filters
(a test checks this on the real graph).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator

from pyoxigraph import BlankNode, Literal, NamedNode, Store
from rdflib.namespace import OWL, RDF, RDFS, XSD

Term = NamedNode | BlankNode | Literal
Triple = tuple[Term, NamedNode, Term]

_RDF, _RDFS, _OWL = str(RDF), str(RDFS), str(OWL)
#: Namespaces of the built-in vocabularies, whose terms inferences are not about.
BUILTIN = (_RDF, _RDFS, _OWL, str(XSD))

TYPE = NamedNode(_RDF + "type")
SUB_CLASS = NamedNode(_RDFS + "subClassOf")
SUB_PROPERTY = NamedNode(_RDFS + "subPropertyOf")
DOMAIN = NamedNode(_RDFS + "domain")
RANGE = NamedNode(_RDFS + "range")
INVERSE = NamedNode(_OWL + "inverseOf")
SYMMETRIC = NamedNode(_OWL + "SymmetricProperty")
TRANSITIVE = NamedNode(_OWL + "TransitiveProperty")
_TRIVIAL_CLASSES = {NamedNode(_OWL + "Thing"), NamedNode(_RDFS + "Resource")}

#: OWL terms a schema may use, as predicate or as class of a resource, within these rules.
SUPPORTED_OWL = {
    INVERSE,
    SYMMETRIC,
    TRANSITIVE,
    *(
        NamedNode(_OWL + name)
        for name in (
            "Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "Ontology",
            "versionInfo", "NamedIndividual", "Thing",
        )
    ),
}


_VOCABULARY = (
    "SELECT DISTINCT ?term WHERE {"
    " { GRAPH ?g { ?s ?term ?o } } UNION { GRAPH ?g { ?s a ?term } }"
    f' FILTER (STRSTARTS(STR(?term), "{_OWL}")) }}'
)


def supports(store: Store) -> bool:
    """Whether the graphs of ``store`` use no OWL term beyond ``SUPPORTED_OWL`` (as a predicate
    or as the class of a resource): then ``entailments`` is the whole OWL 2 RL closure."""
    return all(row["term"] in SUPPORTED_OWL for row in store.query(_VOCABULARY))


def _closure(pairs: Iterable[tuple[Term, Term]]) -> dict[Term, set[Term]]:
    """Reflexive-transitive closure: each node mapped to itself and all it reaches."""
    edges: dict[Term, set[Term]] = defaultdict(set)
    for a, b in pairs:
        edges[a].add(b)
    closed: dict[Term, set[Term]] = {}
    for start in list(edges):
        seen, todo = {start}, [start]
        while todo:
            for nxt in edges.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        closed[start] = seen
    return closed


class Schema:
    """The closed class and property hierarchies and property characteristics."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        sub_class, sub_property = [], []
        domains: dict[Term, set[Term]] = defaultdict(set)
        ranges: dict[Term, set[Term]] = defaultdict(set)
        self.inverse: dict[Term, set[Term]] = defaultdict(set)
        self.symmetric: set[Term] = set()
        self.transitive: set[Term] = set()
        for s, p, o in triples:
            if p == SUB_CLASS:
                sub_class.append((s, o))
            elif p == SUB_PROPERTY:
                sub_property.append((s, o))
            elif p == DOMAIN:
                domains[s].add(o)
            elif p == RANGE:
                ranges[s].add(o)
            elif p == INVERSE:
                self.inverse[s].add(o)
                self.inverse[o].add(s)
            elif p == TYPE and o == SYMMETRIC:
                self.symmetric.add(s)
            elif p == TYPE and o == TRANSITIVE:
                self.transitive.add(s)
        self.supers = _closure(sub_class)
        self.super_properties = _closure(sub_property)
        self.domains = self._lift(domains)
        self.ranges = self._lift(ranges)

    def classes_of(self, cls: Term) -> set[Term]:
        """``cls`` and every class it is a subclass of."""
        return self.supers.get(cls) or {cls}

    def properties_of(self, prop: Term) -> set[Term]:
        """``prop`` and every property it is a subproperty of."""
        return self.super_properties.get(prop) or {prop}

    def _lift(self, declared: dict[Term, set[Term]]) -> dict[Term, set[Term]]:
        """Domains (or ranges) of each property: inherited from superproperties, then widened
        to superclasses (scm-dom1/2, scm-rng1/2)."""
        props = set(declared) | set(self.super_properties)
        lifted = {}
        for prop in props:
            classes = {
                wider
                for sup in self.properties_of(prop)
                for cls in declared.get(sup, ())
                for wider in self.classes_of(cls)
            }
            if classes:
                lifted[prop] = classes
        return lifted

    def schema_triples(self) -> Iterator[Triple]:
        """The entailed hierarchy, domain and range triples (asserted ones included)."""
        for cls, wider in self.supers.items():
            yield from ((cls, SUB_CLASS, w) for w in wider if w != cls)
        for prop, wider in self.super_properties.items():
            yield from ((prop, SUB_PROPERTY, w) for w in wider if w != prop)
        for prop, classes in self.domains.items():
            yield from ((prop, DOMAIN, c) for c in classes)
        for prop, classes in self.ranges.items():
            yield from ((prop, RANGE, c) for c in classes)

    def rule_properties(self) -> set[Term]:
        """Properties whose triples entail something."""
        return (
            {p for p, wider in self.super_properties.items() if len(wider) > 1}
            | set(self.inverse)
            | self.symmetric
            | self.transitive
            | set(self.domains)
            | set(self.ranges)
        )


def _property_closure(schema: Schema, seeds: Iterable[Triple]) -> set[Triple]:
    """All property triples entailed by ``seeds`` under prp-spo1, prp-inv, prp-symp, prp-trp."""
    known: set[Triple] = set()
    forward: dict[tuple[Term, Term], set[Term]] = defaultdict(set)
    backward: dict[tuple[Term, Term], set[Term]] = defaultdict(set)
    todo = list(seeds)
    while todo:
        triple = todo.pop()
        if triple in known:
            continue
        known.add(triple)
        s, p, o = triple
        todo.extend((s, q, o) for q in schema.properties_of(p) if q != p)
        if isinstance(o, Literal):
            continue
        todo.extend((o, q, s) for q in schema.inverse.get(p, ()))
        if p in schema.symmetric:
            todo.append((o, p, s))
        if p in schema.transitive:
            forward[(s, p)].add(o)
            backward[(o, p)].add(s)
            todo.extend((s, p, far) for far in forward.get((o, p), ()))
            todo.extend((near, p, o) for near in backward.get((s, p), ()))
    return known


def entailments(
    store: Store, graphs: list[NamedNode], fact_graphs: list[NamedNode]
) -> Iterator[Triple]:
    """Every triple the rules entail from the union of ``graphs`` that is not asserted there
    and is knowledge rather than bookkeeping: no built-in, literal or trivial class, and no
    blank node subject that is not part of ``fact_graphs``."""
    names = set(graphs)

    def asserted(predicate: Term | None = None, obj: Term | None = None) -> Iterator[Triple]:
        for quad in store.quads_for_pattern(None, predicate, obj, None):
            if quad.graph_name in names:
                yield quad.subject, quad.predicate, quad.object

    def is_asserted(triple: Triple) -> bool:
        return any(q.graph_name in names for q in store.quads_for_pattern(*triple, None))

    schema = Schema(
        t for p in (SUB_CLASS, SUB_PROPERTY, DOMAIN, RANGE, INVERSE, TYPE)
        for t in (asserted(p) if p != TYPE else [*asserted(p, SYMMETRIC), *asserted(p, TRANSITIVE)])
    )
    rule_props = schema.rule_properties()
    stated = {t for p in rule_props for t in asserted(p)}
    properties = _property_closure(schema, stated)
    types: set[tuple[Term, Term]] = set()
    for s, p, o in properties:
        types.update((s, c) for c in schema.domains.get(p, ()))
        if not isinstance(o, Literal):
            types.update((o, c) for c in schema.ranges.get(p, ()))
    for cls in schema.supers:
        types.update((s, o) for s, _, o in asserted(TYPE, cls))
    types = {(s, wider) for s, cls in types for wider in schema.classes_of(cls)}
    stated_types = {
        (s, o) for cls in {c for _, c in types} for s, _, o in asserted(TYPE, cls)
    }
    facts = set(fact_graphs)
    schema_bnodes = {
        node
        for name in names - facts
        for quad in store.quads_for_pattern(None, None, None, name)
        for node in (quad.subject, quad.object)
        if isinstance(node, BlankNode)
    }
    candidates = itertools.chain(
        (t for t in properties - stated if t[1] in rule_props or not is_asserted(t)),
        ((s, TYPE, c) for s, c in types - stated_types),
        (t for t in schema.schema_triples() if not is_asserted(t)),
    )
    for s, p, o in candidates:
        if isinstance(s, Literal) or s in schema_bnodes:
            continue
        if isinstance(s, NamedNode) and s.value.startswith(BUILTIN):
            continue
        if p == TYPE and o in _TRIVIAL_CLASSES:
            continue
        yield s, p, o
