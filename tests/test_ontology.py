"""The ontology: every term documented, only OWL 2 RL constructs, generated docs up to date."""

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.docs import ontology_graph, render
from kg.namespaces import CF

GRAPH = ontology_graph()
TERMS = sorted(
    {t for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
     for t in GRAPH.subjects(RDF.type, kind) if isinstance(t, URIRef) and t.startswith(CF)}
)

# The axioms the ontology may use: class and property hierarchies, domains and ranges, and
# property characteristics that OWL 2 RL supports; plus annotations.
ALLOWED_PREDICATES = {
    RDF.type, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf,
    RDFS.label, RDFS.comment, SKOS.definition, SKOS.altLabel, SKOS.prefLabel, SKOS.inScheme,
    SKOS.topConceptOf, SKOS.notation, SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch,
    SKOS.broader, OWL.versionInfo, CF.memberEventType,
    URIRef("http://purl.org/dc/terms/title"), URIRef("http://purl.org/dc/terms/description"),
    URIRef("http://www.w3.org/2006/time#years"),
}
ALLOWED_TYPES = {
    OWL.Ontology, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
    OWL.TransitiveProperty, OWL.SymmetricProperty, SKOS.ConceptScheme, SKOS.Concept,
    CF.QuantityQualifier, CF.CasualtyKind, CF.PopulationCategory, CF.OfficeKind,
    URIRef("http://www.w3.org/2006/time#TemporalUnit"),
}


def test_there_are_terms():
    assert len(TERMS) > 100


@pytest.mark.parametrize("term", TERMS, ids=[t.removeprefix(str(CF)) for t in TERMS])
def test_every_term_has_a_label_and_a_definition(term):
    assert GRAPH.value(term, RDFS.label) is not None
    assert GRAPH.value(term, SKOS.definition) is not None


def test_only_owl2rl_constructs():
    predicates = set(GRAPH.predicates())
    assert predicates <= ALLOWED_PREDICATES, predicates - ALLOWED_PREDICATES
    types = set(GRAPH.objects(None, RDF.type))
    assert types <= ALLOWED_TYPES, types - ALLOWED_TYPES


def test_generated_reference_is_up_to_date():
    committed = Path(__file__).parents[1] / "docs" / "ontology.md"
    assert committed.read_text() == render(GRAPH), "run `ceasefire-kg docs` and commit"
