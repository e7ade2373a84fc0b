"""The named queries over HTTP: listing, running with content negotiation, parameter errors."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ElementTree

import httpx
import pytest

from tests.server import start_service

MEMBERS = {
    "https://w3id.org/ceasefire-kg/id/actor/france",
    "https://w3id.org/ceasefire-kg/id/actor/russia",
    "https://w3id.org/ceasefire-kg/id/actor/united-states",
}


@pytest.fixture(scope="module")
def site(sparql_server):
    """A client of the real server of the whole app; it does not follow redirects."""
    with httpx.Client(base_url=sparql_server.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def capped_site(built, service_logs):
    """A client of a real server whose row cap is 20 rows."""
    server = start_service(built.path.parent, service_logs, "--max-rows", "20")
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client
    server.stop()


def test_the_list_describes_every_query_and_its_parameters(site):
    response = site.get("/queries")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    queries = {q["name"]: q for q in response.json()["queries"]}
    assert {"timeline", "entity", "group-members", "contested-claims"} <= set(queries)
    timeline = queries["timeline"]
    assert timeline["title"] == "Timeline"
    assert timeline["description"].startswith("Events, agreements and claims in time order")
    params = {p["name"]: p for p in timeline["parameters"]}
    assert params["from"]["type"] == "dateTime"
    assert params["actor"]["type"] == "iri"
    assert params["from"]["default"] is None
    assert params["from"]["description"].startswith("Earliest time, inclusive")
    group = queries["group-members"]["parameters"][0]
    assert (group["name"], group["type"], group["default"]) == (
        "group",
        "iri",
        "actor:osce-minsk-group",
    )


def test_the_list_as_html_has_a_form_per_query(site):
    response = site.get("/queries", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<form method="get" action="/queries/timeline">' in response.text
    assert '<input name="actor"' in response.text


def test_a_query_runs_with_json_results_by_default(site):
    response = site.get("/queries/group-members")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    rows = response.json()["results"]["bindings"]
    assert {row["member"]["value"] for row in rows} == MEMBERS


def test_a_parameter_value_is_used(site):
    response = site.get("/queries/group-members", params={"group": "actor:armenia"})
    assert response.json()["results"]["bindings"] == []
    response = site.get("/queries/frayed-within-days", params={"days": "0"})
    agreements = {r["agreement"]["value"] for r in response.json()["results"]["bindings"]}
    assert agreements == {"https://w3id.org/ceasefire-kg/id/agreement/2020-10-10-moscow-ceasefire"}


def test_results_come_in_the_negotiated_format(site):
    csv_response = site.get("/queries/group-members", headers={"Accept": "text/csv"})
    assert csv_response.headers["content-type"].startswith("text/csv")
    assert {row["member"] for row in csv.DictReader(io.StringIO(csv_response.text))} == MEMBERS
    tsv = site.get("/queries/group-members", headers={"Accept": "text/tab-separated-values"})
    assert tsv.headers["content-type"].startswith("text/tab-separated-values")
    assert "<https://w3id.org/ceasefire-kg/id/actor/russia>" in tsv.text
    xml = site.get("/queries/group-members", headers={"Accept": "application/sparql-results+xml"})
    assert xml.headers["content-type"].startswith("application/sparql-results+xml")
    uris = {e.text for e in ElementTree.fromstring(xml.content).iter() if e.tag.endswith("uri")}
    assert uris == MEMBERS
    assert "accept" in xml.headers["vary"].lower()


def test_browsers_get_an_html_table_with_local_links(site):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = site.get("/queries/group-members", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<th>member</th>" in response.text
    assert '<a href="/id/actor/russia">' in response.text


def test_an_unknown_query_is_404(site):
    assert site.get("/queries/no-such-query").status_code == 404
    assert site.get("/queries/..%2Fpyproject").status_code == 404


def test_an_unacceptable_type_is_406(site):
    assert site.get("/queries/group-members", headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize(
    ("name", "params", "param", "reason"),
    [
        ("frayed-within-days", {"days": "seven"}, "days", "not a valid integer"),
        ("timeline", {"from": "2020-10-17"}, "from", "not a valid dateTime"),
        ("timeline", {"from": "2020-10-17T00:00:00"}, "from", "time zone is required"),
        ("timeline", {"colour": "red"}, "colour", "unknown parameter"),
        ("group-members", {"group": "not an iri"}, "group", "not a valid iri"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it_and_why(site, name, params, param, reason):
    response = site.get(f"/queries/{name}", params=params)
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail["param"] == param
    assert reason in detail["reason"]


def test_a_repeated_parameter_is_400(site):
    response = site.get("/queries/frayed-within-days?days=1&days=2")
    assert response.status_code == 400
    assert response.json()["detail"]["param"] == "days"


@pytest.mark.parametrize(
    ("name", "param", "value"),
    [
        ("group-members", "group", "actor:russia> } ; DROP ALL ; #"),
        ("group-members", "group", 'actor:russia" } #'),
        ("timeline", "to", '2020-10-17T00:00:00Z" ) } DROP ALL #'),
        ("frayed-within-days", "days", "7 } ; DROP ALL ; #"),
    ],
)
def test_an_injection_is_refused_and_changes_nothing(site, name, param, value):
    before = site.get("/queries/timeline").json()["results"]["bindings"]
    response = site.get(f"/queries/{name}", params={param: value})
    assert response.status_code == 400
    assert response.json()["detail"]["param"] == param
    assert site.get("/queries/timeline").json()["results"]["bindings"] == before


def test_results_cut_by_the_row_cap_say_so(site, capped_site):
    assert "x-results-truncated" not in site.get("/queries/timeline").headers
    response = capped_site.get("/queries/timeline")
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 20
    assert response.headers["x-results-truncated"] == "true"
    assert response.headers["x-results-limit"] == "20"
    html = capped_site.get("/queries/timeline", headers={"Accept": "text/html"})
    assert html.headers["x-results-truncated"] == "true"
    assert "truncated by the row cap" in html.text
    timeline = capped_site.get("/timeline")
    assert timeline.headers["x-results-truncated"] == "true"
    assert timeline.json()["truncated"] is True


def test_the_routes_own_queries_page_past_the_row_cap(site, capped_site):
    everything = site.get("/entities", params={"limit": "1000"}).json()["results"]
    assert capped_site.get("/entities", params={"limit": "1000"}).json()["results"] == everything
    page = capped_site.get("/id/event/2020-10-17-ganja-missile-strike.html").text
    assert page == site.get("/id/event/2020-10-17-ganja-missile-strike.html").text
    document = capped_site.get("/id/place/ganja.ttl")
    assert document.headers["x-results-truncated"] == "true"
