"""Linked Data look-ups of entity IRIs over HTTP: 303 to documents in four formats."""

from __future__ import annotations

import json
import socket

import httpx
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from api.routes.jsonld import compacted
from kg.namespaces import CF, ID

PLACE = Namespace(ID + "place/")
ACTOR = Namespace(ID + "actor/")
TIME = Namespace("http://www.w3.org/2006/time#")
XSD_DATETIME = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
STRIKE = "/id/event/2020-10-17-ganja-missile-strike"
DENIAL = "/id/claim/2020-10-17-armenia-denies-ganja-strike"
ACCUSATION = "/id/claim/2020-10-17-azerbaijan-accuses-armenia-of-ganja-strike"


@pytest.fixture(scope="module")
def site(sparql_server):
    """A client of the real server of the whole app; it does not follow redirects."""
    with httpx.Client(base_url=sparql_server.url, timeout=30) as client:
        yield client


@pytest.mark.parametrize(
    ("accept", "extension"),
    [
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"),
        ("text/turtle", "ttl"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "jsonld"),
        ("text/turtle;q=0.5, application/ld+json", "jsonld"),
        ("*/*", "html"),
    ],
)
def test_entity_iri_answers_303_to_the_negotiated_document(site, accept, extension):
    response = site.get("/id/place/ganja", headers={"Accept": accept})
    assert response.status_code == 303
    assert response.headers["location"] == f"/id/place/ganja.{extension}"
    assert "accept" in response.headers["vary"].lower()


def test_the_iri_depends_on_the_path_not_the_host(site):
    response = site.get("/id/place/ganja.ttl", headers={"Host": "example.org"})
    graph = Graph().parse(data=response.text, format="turtle")
    assert (PLACE.ganja, CF.locatedIn, PLACE.azerbaijan) in graph


def test_turtle_describes_the_entity_both_ways_with_its_blank_nodes(site):
    response = site.get("/id/place/ganja.ttl")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert "cf:locatedIn" in response.text
    graph = Graph().parse(data=response.text, format="turtle")
    assert (PLACE.ganja, CF.locatedIn, PLACE.azerbaijan) in graph
    strike = URIRef(ID + "event/2020-10-17-ganja-missile-strike")
    assert (strike, CF.target, PLACE.ganja) in graph  # an incoming triple
    citations = set(graph.objects(PLACE.ganja, CF.citation))
    quotations = {str(graph.value(c, CF.quotation)): graph.value(c, CF.saidBy) for c in citations}
    assert quotations["in the city of Ganja, Azerbaijan"] == ACTOR["agence-france-presse"]


def test_time_instants_hang_off_the_entity(site):
    graph = Graph().parse(data=site.get(STRIKE + ".ttl").text, format="turtle")
    instant = graph.value(URIRef(ID + STRIKE.removeprefix("/id/")), CF.occurredAt)
    moment = Literal("2020-10-17T00:00:00+04:00", datatype=XSD_DATETIME)
    assert graph.value(instant, TIME.inXSDDateTime) == moment
    assert graph.value(instant, CF.precision) == TIME.unitDay


def test_n_triples_and_json_ld_say_the_same_as_turtle(site):
    turtle = Graph().parse(data=site.get("/id/place/ganja.ttl").text, format="turtle")
    response = site.get("/id/place/ganja.nt")
    assert response.headers["content-type"].startswith("application/n-triples")
    assert isomorphic(Graph().parse(data=response.text, format="nt"), turtle)

    response = site.get("/id/place/ganja.jsonld")
    assert response.headers["content-type"].startswith("application/ld+json")
    document = response.json()
    context_url = document["@context"]
    assert context_url.endswith("/context.jsonld")
    context = site.get("/context.jsonld")
    assert context.status_code == 200
    assert context.headers["content-type"].startswith("application/ld+json")
    assert context.json()["@context"]["place"] == str(PLACE)
    nodes = {node["@id"]: node for node in document["@graph"]}
    assert nodes["place:ganja"]["cf:locatedIn"]  # compacted: prefixed names
    document["@context"] = context.json()["@context"]
    assert isomorphic(Graph().parse(data=json.dumps(document), format="json-ld"), turtle)


def test_json_ld_compaction_never_opens_a_connection(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    graph = Graph()
    graph.add((PLACE.ganja, CF.locatedIn, PLACE.azerbaijan))
    document = json.loads(compacted(graph, "https://example.org/context.jsonld"))
    assert document["@context"] == "https://example.org/context.jsonld"
    assert document["@id"] == "place:ganja"


def test_html_of_a_contested_event_shows_claims_denials_sources_and_provenance(site):
    response = site.get(STRIKE + ".html")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "<h1>Missile strike on Ganja" in html
    assert 'class="badge contested"' in html
    # the Armenian Defence Ministry's denial, its quotation, and what it denies
    assert f'href="{DENIAL}"' in html
    assert 'href="/id/actor/armenian-defence-ministry"' in html
    assert "The Armenian Defence Ministry denied launching the strike" in html
    assert f'href="{ACCUSATION}"' in html
    # the event's own sources: quotation and who said it
    assert (
        "the Soviet-made Scud missile destroyed or damaged about 20 residential buildings" in html
    )
    assert 'href="/id/actor/azerbaijani-government"' in html
    # its time with precision, and links to related entities as local links
    assert "2020-10-17T00:00:00+04:00" in html
    assert "<td>day</td>" in html
    assert 'href="/id/place/ganja"' in html
    # stated vs inferred vs derived
    assert "stated in" in html
    assert 'class="badge inferred"' in html
    assert 'class="badge derived"' in html
    assert "https://" not in html.replace("https://w3id.org/ceasefire-kg/", "")


def test_html_of_a_denial_links_what_it_denies(site):
    html = site.get(DENIAL + ".html").text
    assert "Denies:" in html
    assert f'href="{ACCUSATION}"' in html
    accusation = site.get(ACCUSATION + ".html").text
    assert 'class="badge contested"' in accusation
    assert f'href="{DENIAL}"' in accusation  # denied by, as an incoming statement


def test_html_of_a_place_lists_its_citations(site):
    html = site.get("/id/place/ganja.html").text
    assert "<h1>Ganja" in html
    assert "in the city of Ganja, Azerbaijan" in html
    assert 'href="/id/actor/agence-france-presse"' in html
    assert "City" in html or "city" in html


@pytest.mark.parametrize(
    "path",
    ["/id/place/nowhere", "/id/place/nowhere.ttl", "/id/place/nowhere.html", "/id/planet/earth"],
)
def test_unknown_entities_are_404(site, path):
    assert site.get(path, headers={"Accept": "text/turtle"}).status_code == 404


@pytest.mark.parametrize(
    "path", ["/id/place/bad%20slug", "/id/place", "/id/place/ganja/more", "/id/place/%3Cscript%3E"]
)
def test_malformed_paths_are_400(site, path):
    assert site.get(path).status_code == 400


def test_an_unknown_extension_is_404_and_an_unacceptable_type_406(site):
    assert site.get("/id/place/ganja.xyz").status_code == 404
    assert site.get("/id/place/ganja", headers={"Accept": "image/png"}).status_code == 406


def test_the_id_folder_leads_to_the_entity_index(site):
    response = site.get("/id/")
    assert response.status_code == 303
    assert response.headers["location"] == "/entities"


def test_every_entity_iri_dereferences(site):
    entities = site.get("/entities", params={"limit": "1000"}).json()["results"]
    assert len(entities) > 100
    for entity in entities:
        assert entity["path"] == "/" + entity["iri"].removeprefix("https://w3id.org/ceasefire-kg/")
        response = site.get(entity["path"], headers={"Accept": "text/turtle"})
        assert response.status_code == 303, entity["iri"]
        assert response.headers["location"] == entity["path"] + ".ttl"
