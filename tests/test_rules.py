"""The rule reasoner entails exactly what owlrl entails (after the noise filter)."""

import pyoxigraph
import pytest
from rdflib import URIRef

from kg import rules, synth
from kg.load import load_project
from kg.namespaces import CF, INFERRED_GRAPH, SOURCE_GRAPH_PREFIX
from kg.oxstore import inner, plain
from kg.paths import Layout
from kg.reason import asserted_graph_names, infer, owlrl_entailments


def _rule_entailments(dataset) -> set:
    graphs = [pyoxigraph.NamedNode(str(n)) for n in asserted_graph_names(dataset)]
    facts = [g for g in graphs if g.value.startswith(SOURCE_GRAPH_PREFIX)]
    return {tuple(map(plain, t)) for t in rules.entailments(inner(dataset), graphs, facts)}


def _layouts(tmp_path, mini_layout):
    synth.write(12, 3, tmp_path / "synth")
    return {
        "article": Layout(),
        "mini": mini_layout,
        "synthetic": Layout(facts_dir=tmp_path / "synth"),
    }


@pytest.mark.parametrize("name", ["article", "mini", "synthetic"])
def test_rules_entail_exactly_what_owlrl_entails(name, tmp_path, mini_layout):
    dataset = load_project(_layouts(tmp_path, mini_layout)[name])
    expected = set(owlrl_entailments(dataset))
    assert expected, "the reference entails something"
    assert _rule_entailments(dataset) == expected


def test_the_real_schema_is_supported():
    dataset = load_project(Layout())
    assert rules.supports(inner(dataset))


def test_unsupported_schema_falls_back_to_owlrl(tmp_path):
    schema = tmp_path / "schema.ttl"
    schema.write_text(
        "@prefix cf: <https://w3id.org/ceasefire-kg/ontology#> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "cf:capital a owl:FunctionalProperty .\n"
        "cf:Truce owl:equivalentClass cf:Ceasefire .\n"
    )
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "one.ttl").write_text(
        "@prefix cf: <https://w3id.org/ceasefire-kg/ontology#> .\n"
        "<urn:x:a> cf:capital <urn:x:b> , <urn:x:c> .\n<urn:x:t> a cf:Truce .\n"
    )
    dataset = load_project(Layout(ontology_dir=tmp_path, facts_dir=facts))
    assert not rules.supports(inner(dataset))
    inferred = infer(dataset)
    assert (URIRef("urn:x:t"), None, CF.Ceasefire) in inferred
    assert inferred.identifier == URIRef(INFERRED_GRAPH)
