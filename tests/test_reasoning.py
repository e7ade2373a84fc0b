"""OWL 2 RL reasoning: each kind of entailment the ontology relies on is in the inferred graph."""

import pytest
from rdflib import Dataset, Namespace, URIRef
from rdflib.namespace import PROV, RDF

from kg.load import load_ontology, new_dataset, parse_turtle
from kg.namespaces import CF, ID, INFERRED_GRAPH, SOURCE_GRAPH_PREFIX
from kg.reason import infer

ACTOR = Namespace(ID + "actor/")
PLACE = Namespace(ID + "place/")
CLAIM = Namespace(ID + "claim/")
REPORT = Namespace(ID + "report/")
AGREEMENT = Namespace(ID + "agreement/")
SOURCE = URIRef(SOURCE_GRAPH_PREFIX + "2020-10-17-new-ceasefire-attempt")

ENTAILMENTS = {
    "subclass: an accusation is a claim": (
        CLAIM["2020-10-17-azerbaijan-accuses-armenia-of-ganja-strike"], RDF.type, CF.Claim),
    "subclass chain: a casualty report is a PROV entity": (
        REPORT["2020-10-17-ganja-strike-civilians-killed"], RDF.type, PROV.Entity),
    "subproperty: a reporter is a claimant": (
        REPORT["2020-10-17-ganja-strike-civilians-killed"], CF.claimant, ACTOR.azerbaijan),
    "subproperty: a broker is a mediator": (
        AGREEMENT["2020-10-10-moscow-ceasefire"], CF.mediatedBy, ACTOR.russia),
    "subproperty chain: a claimant is who a claim is attributed to": (
        CLAIM["2020-10-17-armenia-denies-ganja-strike"], PROV.wasAttributedTo,
        ACTOR["armenian-defence-ministry"]),
    "subproperty: a capital lies in its region": (
        PLACE.stepanakert, CF.locatedIn, PLACE["nagorno-karabakh"]),
    "inverse: members are members of their group": (
        ACTOR.france, CF.memberOf, ACTOR["osce-minsk-group"]),
    "inverse: a denied claim is denied by its denial": (
        CLAIM["2020-10-17-azerbaijan-accuses-armenia-of-ganja-strike"], CF.deniedBy,
        CLAIM["2020-10-17-armenia-denies-ganja-strike"]),
    "transitive containment: Shosh lies in Azerbaijan": (
        PLACE.shosh, CF.locatedIn, PLACE.azerbaijan),
    "transitive containment: Fizuli town lies in Azerbaijan": (
        PLACE.fizuli, CF.locatedIn, PLACE.azerbaijan),
    "transitive + inverse: Azerbaijan contains Stepanakert": (
        PLACE.azerbaijan, CF.contains, PLACE.stepanakert),
    "symmetric: Stepanakert is near Shosh": (PLACE.stepanakert, CF.near, PLACE.shosh),
}


@pytest.mark.parametrize("name", sorted(ENTAILMENTS))
def test_entailment_is_inferred_not_asserted(built, name):
    triple = ENTAILMENTS[name]
    dataset: Dataset = built.dataset
    assert triple in dataset.graph(URIRef(INFERRED_GRAPH))
    assert triple not in dataset.graph(SOURCE)


def test_domain_and_range_type_untyped_entities(tmp_path):
    facts = tmp_path / "snippet.ttl"
    facts.write_text(
        "@prefix cf: <https://w3id.org/ceasefire-kg/ontology#> .\n"
        "<urn:x:claim> cf:claimant <urn:x:speaker> ; cf:denies <urn:x:other> .\n"
    )
    dataset = new_dataset()
    load_ontology(dataset)
    parse_turtle(facts, dataset.graph(URIRef(SOURCE_GRAPH_PREFIX + "snippet")))
    inferred = infer(dataset)
    assert (URIRef("urn:x:claim"), RDF.type, CF.Denial) in inferred  # domain of cf:denies
    assert (URIRef("urn:x:speaker"), RDF.type, CF.Actor) in inferred  # range of cf:claimant
    assert (URIRef("urn:x:other"), RDF.type, CF.Claim) in inferred  # range of cf:denies


def test_inferred_graph_holds_nothing_asserted(built):
    dataset: Dataset = built.dataset
    inferred = dataset.graph(URIRef(INFERRED_GRAPH))
    asserted = dataset.graph(SOURCE)
    assert len(inferred) > 0
    assert not any(triple in asserted for triple in inferred)
