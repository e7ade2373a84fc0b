"""Finding entities by label over HTTP: case- and accent-insensitive word prefixes."""

from __future__ import annotations

import httpx
import pytest

from api.routes.label_index import Entity, LabelIndex, normalize
from api.routes.rendering import render
from api.routes.terms import Term

GANJA = "https://w3id.org/ceasefire-kg/id/place/ganja"
KILIC = "https://w3id.org/ceasefire-kg/id/person/bulent-kilic"


@pytest.fixture(scope="module")
def site(sparql_server):
    """A client of the real server of the whole app; it does not follow redirects."""
    with httpx.Client(base_url=sparql_server.url, timeout=30) as client:
        yield client


def iris(site, **params) -> list[str]:
    response = site.get("/entities", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    return [hit["iri"] for hit in response.json()["results"]]


def test_a_prefix_in_any_case_finds_the_entity(site):
    body = site.get("/entities", params={"q": "GANJ"}).json()
    assert body["results"][0] == {
        "iri": GANJA,
        "path": "/id/place/ganja",
        "label": "Ganja",
        "altLabels": [],
        "types": ["cf:City", "cf:Place", "cf:Settlement", "prov:Location"],
    }


def test_any_word_of_a_label_or_alternative_label_matches(site):
    assert "https://w3id.org/ceasefire-kg/id/event/2020-10-17-ganja-missile-strike" in iris(
        site, q="missile str"
    )
    assert "https://w3id.org/ceasefire-kg/id/actor/agence-france-presse" in iris(site, q="afp")
    assert "https://w3id.org/ceasefire-kg/id/actor/osce-minsk-group" in iris(site, q="minsk gr")
    assert iris(site, q="anja") == []  # a prefix of a word, not any substring


def test_normalization_drops_accents_and_case():
    assert normalize("Bülent KILIÇ") == "bulent kilic"
    assert normalize("Gəncə, Ganjá!") == "gəncə ganja"
    assert normalize("  Stepanakert   (Khankendi) ") == "stepanakert khankendi"


def test_accents_in_the_query_are_ignored(site):
    # the data has no accented label; the query side shows the same normalization
    assert iris(site, q="Bülent") == [KILIC]
    assert iris(site, q="gánj")[0] == GANJA


def test_accents_in_a_label_are_ignored():
    index = LabelIndex(
        [
            {
                "entity": Term("uri", "urn:x"),
                "label": Term("literal", "Bülent Kılıç"),
                "labelKind": Term("literal", "label"),
            },
        ]
    )
    assert [e.iri for e in index.search("bulent")] == ["urn:x"]
    assert [e.iri for e in index.search("BÜL")] == ["urn:x"]


def test_type_filters_by_class_including_subclasses(site):
    assert iris(site, q="gan", type="cf:Place") == [GANJA]
    assert iris(site, q="gan", type="cf:Settlement") == [GANJA]  # stated as a cf:City
    assert iris(site, q="gan", type="https://w3id.org/ceasefire-kg/ontology#City") == [GANJA]
    events = iris(site, q="gan", type="cf:Event")
    assert GANJA not in events
    assert "https://w3id.org/ceasefire-kg/id/event/2020-10-17-ganja-missile-strike" in events


def test_limit_caps_the_results(site):
    assert len(iris(site, q="a", limit="2")) == 2
    assert len(iris(site)) == 20
    assert len(iris(site, limit="1000")) > 100


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"type": "Place"}, "type"),
        ({"type": "cf:Place Event"}, "type"),
        ({"type": "cf:Place> } DROP ALL"}, "type"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_parameters_are_400(site, params, param):
    response = site.get("/entities", params=params)
    assert response.status_code == 400
    assert response.json()["detail"]["param"] == param


def test_the_html_index_lists_entities_with_local_links(site):
    response = site.get("/entities", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<a href="/id/place/ganja">Ganja</a>' in response.text
    assert 'href="/id/actor/armenian-defence-ministry"' in response.text


def test_html_search_escapes_the_query(site):
    response = site.get(
        "/entities", params={"q": "<script>alert(1)</script>"}, headers={"Accept": "text/html"}
    )
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "<script>" not in response.text


def test_labels_are_escaped_in_html():
    hit = Entity("https://w3id.org/ceasefire-kg/id/place/x", label='<script>"x"</script>')
    html = render("entities.html", query="x", type_name="", hits=[hit]).body.decode()
    assert "&lt;script&gt;&#34;x&#34;&lt;/script&gt;" in html
    assert "<script>" not in html
