"""``/timeline`` over HTTP: items in time order with actors and sources, and its filters."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

ID = "https://w3id.org/ceasefire-kg/id/"


@pytest.fixture(scope="module")
def site(sparql_server):
    """A client of the real server of the whole app; it does not follow redirects."""
    with httpx.Client(base_url=sparql_server.url, timeout=30) as client:
        yield client


def timeline(site, **params) -> list[dict]:
    response = site.get("/timeline", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["count"] == len(body["items"])
    return body["items"]


def instants(items: list[dict]) -> list[datetime]:
    return [datetime.fromisoformat(item["time"]) for item in items]


def test_items_come_in_time_order_with_all_their_fields(site):
    items = timeline(site)
    assert len(items) > 40
    assert instants(items) == sorted(instants(items))
    strike = next(i for i in items if i["iri"] == ID + "event/2020-10-17-ganja-missile-strike")
    assert strike["label"] == "Missile strike on Ganja"
    assert strike["path"] == "/id/event/2020-10-17-ganja-missile-strike"
    assert strike["time"] == "2020-10-17T00:00:00+04:00"
    assert strike["precision"] == {"iri": "http://www.w3.org/2006/time#unitDay", "name": "day"}
    assert strike["what"] == "occurred"
    assert strike["type"]["iri"] == ID + "concept/missile-strike"
    assert strike["type"]["label"] == "missile strike"
    assert strike["contested"] is True
    sources = {s["quotation"]: s for s in strike["sources"]}
    caption = sources["People gather near a site hit by a rocket during fighting"]
    assert caption["saidBy"]["iri"] == ID + "actor/agence-france-presse"
    assert (
        caption["source"]["iri"] == ID + "source/2020-10-17-new-ceasefire-attempt-photo-ganja-site"
    )
    ceasefire = next(i for i in items if i["iri"] == ID + "agreement/2020-10-18-ceasefire")
    actors = {a["iri"]: a["label"] for a in ceasefire["actors"]}
    assert actors[ID + "actor/armenia"] == "Armenia"
    assert actors[ID + "person/sergey-lavrov"] == "Sergey Lavrov"


def test_a_plain_date_is_that_calendar_day_where_it_happened(site):
    items = timeline(site, **{"from": "2020-10-17", "to": "2020-10-17"})
    assert instants(items) == sorted(instants(items))
    assert {i["time"][:10] for i in items} == {"2020-10-17"}
    iris = {i["iri"] for i in items}
    assert ID + "event/2020-10-17-ganja-missile-strike" in iris  # 2020-10-17, UTC+4
    assert ID + "event/2020-10-17-lavrov-phone-calls" in iris  # 2020-10-17, UTC+3
    # midnight of 18 October in Baku is 20:00 UTC on the 17th, but locally the 18th
    moments = {(i["iri"], i["what"]) for i in items}
    assert (ID + "agreement/2020-10-18-ceasefire", "announced") in moments
    assert (ID + "agreement/2020-10-18-ceasefire", "took effect") not in moments
    assert timeline(site, **{"from": "2020-10-18"}) == [
        i for i in timeline(site) if i["time"].startswith("2020-10-18")
    ]


def test_a_local_day_is_a_range_of_datetimes_with_a_time_zone(site):
    items = timeline(
        site, **{"from": "2020-10-17T00:00:00+04:00", "to": "2020-10-17T23:59:59+04:00"}
    )
    assert len(items) > 30
    assert instants(items) == sorted(instants(items))
    day = datetime(2020, 10, 16, 20, tzinfo=UTC)
    assert all(day <= t.astimezone(UTC) < day.replace(day=17) for t in instants(items))
    assert ID + "event/2020-10-17-ganja-missile-strike" in {i["iri"] for i in items}


def test_actor_filter_gives_exactly_the_defence_ministrys_two_claims(site):
    items = timeline(site, actor="actor:armenian-defence-ministry")
    assert {i["iri"] for i in items} == {
        ID + "claim/2020-10-17-armenia-denies-ganja-strike",
        ID + "claim/2020-10-17-armenia-dismisses-su-25-claim",
    }
    assert len(items) == 2
    for item in items:
        assert item["what"] == "claimed"
        assert item["type"]["label"] == "denial"
        assert ID + "actor/armenian-defence-ministry" in {a["iri"] for a in item["actors"]}
        assert item["sources"][0]["saidBy"]["iri"] == ID + "actor/2020-10-17-report-newsroom"
    quotations = {s["quotation"] for i in items for s in i["sources"]}
    assert "The Armenian Defence Ministry denied launching the strike" in quotations


def test_type_filter(site):
    items = timeline(site, type="concept:denial")
    assert len(items) >= 2
    assert {i["type"]["iri"] for i in items} == {ID + "concept/denial"}


def test_filters_combine(site):
    items = timeline(site, **{"from": "2020-10-17T00:00:00+04:00", "actor": "actor:azerbaijan"})
    assert items
    assert all(
        datetime.fromisoformat(i["time"]) >= datetime.fromisoformat("2020-10-17T00:00:00+04:00")
        for i in items
    )
    assert all(ID + "actor/azerbaijan" in {a["iri"] for a in i["actors"]} for i in items)


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"from": "yesterday"}, "from"),
        ({"from": "2020-02-30"}, "from"),
        ({"to": "2020-10-17T12:00:00"}, "to"),
        ({"actor": "Armenia"}, "actor"),
        ({"type": "concept:denial> } #"}, "type"),
        ({"limit": "3"}, "limit"),
    ],
)
def test_bad_parameters_are_400(site, params, param):
    response = site.get("/timeline", params=params)
    assert response.status_code == 400
    assert response.json()["detail"]["param"] == param
