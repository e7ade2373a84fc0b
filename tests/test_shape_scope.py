"""Validation reads only the triples the shapes can read, and that changes no result."""

import pytest
from rdflib import Graph

from kg.load import load_files, load_ontology, new_dataset
from kg.namespaces import CF
from kg.paths import SHAPES_FILE
from kg.reason import infer
from kg.shape_scope import predicates_read
from kg.validate import data_graph, load_shapes, validate_graph
from tests.support import FIXTURES

SHAPES = load_shapes(SHAPES_FILE)
PREFIXES = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .\n"


def test_paths_and_sparql_constraints_are_read():
    read = predicates_read(SHAPES)
    assert {CF.effectiveAt, CF.quotation, CF.occurredAt, CF.endedAt} <= read  # paths, sh:or
    assert {CF.perpetrator, CF.about, CF.denies} <= read  # the SPARQL constraint
    assert CF.place not in read and CF.weapon not in read


@pytest.mark.parametrize("shapes", [
    "ex:S a sh:NodeShape ; sh:closed true .",
    'ex:S a sh:NodeShape ; sh:sparql [ sh:select "SELECT $this WHERE { $this ?p ?o }" ] .',
])
def test_shapes_that_may_read_anything_get_everything(shapes):
    assert predicates_read(Graph().parse(data=PREFIXES + shapes, format="turtle")) is None


def _same_results_both_ways(dataset):
    full = validate_graph(data_graph(dataset), SHAPES)
    scoped = validate_graph(data_graph(dataset, predicates_read(SHAPES)), SHAPES)
    assert scoped == full
    return full


def test_the_real_graph_gives_the_same_report(built):
    assert _same_results_both_ways(built.dataset).conforms


@pytest.mark.parametrize("name", ["agreement", "citation", "contested-perpetrator", "event-time"])
def test_failing_fixtures_give_the_same_report(name):
    dataset = new_dataset()
    load_ontology(dataset)
    load_files([FIXTURES / "shapes" / "base.ttl", FIXTURES / "shapes" / f"{name}.ttl"], dataset)
    infer(dataset)
    assert not _same_results_both_ways(dataset).conforms
