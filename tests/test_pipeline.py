from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.build import STEPS, build
from kg.derive import derive
from kg.errors import InputError, ValidationFailed
from kg.load import load_project
from kg.namespaces import CF, DERIVED_GRAPH, ID, INFERRED_GRAPH, SOURCE_GRAPH_PREFIX
from kg.paths import Layout
from kg.reason import infer, is_noise
from kg.store import graph_counts, is_stale, load_built, to_oxigraph
from kg.validate import validate_dataset, validate_files
from tests.support import BAD

MOSCOW = URIRef(ID + "agreement/moscow")
SHELLING1 = URIRef(ID + "event/shelling1")


def test_inferred_triples_live_only_in_the_inferred_graph(mini_layout: Layout):
    dataset = load_project(mini_layout)
    inferred = infer(dataset)
    assert inferred.identifier == URIRef(INFERRED_GRAPH)
    expected = {
        (MOSCOW, RDF.type, CF.Agreement),
        (MOSCOW, CF.violatedBy, SHELLING1),
        (SHELLING1, RDF.type, CF.Violation),
        (SHELLING1, RDF.type, CF.Event),
    }
    assert expected <= set(inferred)
    for name in ("alpha", "beta"):
        source = set(dataset.graph(URIRef(SOURCE_GRAPH_PREFIX + name)))
        assert not expected & source
    assert (MOSCOW, RDF.type, CF.Truce) not in inferred  # asserted, so not inferred


def test_inferred_graph_has_no_noise(mini_layout: Layout):
    dataset = load_project(mini_layout)
    inferred = infer(dataset)
    for s, p, o in inferred:
        assert not isinstance(s, Literal | BNode)
        assert not str(s).startswith((str(RDF), str(RDFS), str(OWL)))
        assert o not in (OWL.Thing, RDFS.Resource)
        assert not (p == OWL.sameAs and s == o)


def test_noise_rule():
    assert is_noise((Literal(1), RDF.type, RDFS.Literal), set())
    assert is_noise((MOSCOW, OWL.sameAs, MOSCOW), set())
    assert is_noise((MOSCOW, RDF.type, OWL.Thing), set())
    assert is_noise((OWL.Thing, RDF.type, OWL.Class), set())
    assert is_noise((BNode("x"), RDF.type, CF.Event), set())
    assert not is_noise((BNode("x"), RDF.type, CF.Event), {BNode("x")})
    assert not is_noise((MOSCOW, RDF.type, CF.Agreement), set())


def test_derivations_go_into_the_derived_graph(mini_layout: Layout):
    dataset = load_project(mini_layout)
    infer(dataset)
    derived = derive(dataset, mini_layout)
    assert derived.identifier == URIRef(DERIVED_GRAPH)
    assert (MOSCOW, CF.firstViolation, SHELLING1) in derived


def test_no_derivations_folder_derives_nothing(mini_layout: Layout, tmp_path: Path):
    layout = Layout(
        ontology_dir=mini_layout.ontology_dir,
        facts_dir=mini_layout.facts_dir,
        derivations_dir=tmp_path / "missing",
    )
    dataset = load_project(layout)
    assert len(derive(dataset, layout)) == 0


def test_derivation_must_be_construct(mini_copy: Layout):
    (mini_copy.derivations_dir / "bad.rq").write_text("SELECT * WHERE { ?s ?p ?o }")
    dataset = load_project(mini_copy)
    with pytest.raises(InputError, match="CONSTRUCT"):
        derive(dataset, mini_copy)


def test_validation_report_names_focus_path_and_shape(mini_layout: Layout):
    report = validate_files([BAD / "violation.ttl"], mini_layout)
    assert not report.conforms
    [violation] = report.violations
    assert violation.focus == "agreement:broken"
    assert violation.path == "cf:effectiveFrom"
    assert violation.shape == "property shape on cf:effectiveFrom of cf:AgreementShape"
    assert violation.component == "sh:DatatypeConstraintComponent"
    assert violation.value == '"yesterday"'
    text = report.render()
    assert "agreement:broken" in text and "cf:AgreementShape" in text


def test_fixture_facts_conform(mini_layout: Layout):
    dataset = load_project(mini_layout)
    infer(dataset)
    derive(dataset, mini_layout)
    assert validate_dataset(dataset, mini_layout).conforms


def test_build_writes_store_and_round_trips(mini_layout: Layout):
    steps: list[str] = []
    result = build(steps.append, mini_layout)
    assert steps == list(STEPS)
    assert result.path == mini_layout.dataset_file
    assert mini_layout.manifest_file.is_file()
    again = load_built(result.path)
    assert graph_counts(again) == result.counts
    assert set(again.quads()) == set(result.dataset.quads())
    store = to_oxigraph(result.path)
    assert len(store) == sum(result.counts.values())
    assert len(to_oxigraph(result.dataset)) == len(store)


def test_build_fails_and_writes_nothing_on_violation(mini_copy: Layout):
    (mini_copy.facts_dir / "broken.ttl").write_bytes((BAD / "violation.ttl").read_bytes())
    with pytest.raises(ValidationFailed, match="agreement:broken"):
        build(layout=mini_copy)
    assert not mini_copy.dataset_file.exists()
    assert not mini_copy.manifest_file.exists()


def test_staleness(mini_copy: Layout):
    assert is_stale(mini_copy)
    build(layout=mini_copy)
    assert not is_stale(mini_copy)
    with (mini_copy.facts_dir / "alpha.ttl").open("a", encoding="utf-8") as out:
        out.write("\n# edited\n")
    assert is_stale(mini_copy)


def test_real_build(built):
    assert built.report.conforms
    assert any(name.startswith(SOURCE_GRAPH_PREFIX) for name in built.counts)
    assert INFERRED_GRAPH in built.counts
