"""The analysts' questions: each named query, run on the built graph by both engines,
gives the answer that the report gives."""

import pytest

from kg.namespaces import compact
from kg.output import parse_term
from kg.queries import get_query, run_oxigraph, run_rdflib


@pytest.fixture(params=["rdflib", "oxigraph"])
def answer(request, built, oxstore):
    """Run a named query with parameters on one engine; rows as dicts of readable values."""

    def run(name: str, **params: str) -> list[dict[str, str | None]]:
        text = get_query(name).render(params)
        if request.param == "rdflib":
            result = run_rdflib(built.dataset, text)
        else:
            result = run_oxigraph(oxstore, text)
        rows = []
        for row in result.rows:
            values = {}
            for var, value in zip(result.variables, row, strict=True):
                if value is None:
                    values[var] = None
                    continue
                term = parse_term(value)
                values[var] = compact(term["value"]) if term["type"] == "uri" else term["value"]
            rows.append(values)
        return rows

    return run


def test_which_truces_frayed_within_a_week(answer):
    rows = answer("frayed-within-days")
    assert {(r["agreement"], r["effective"], r["violation"], r["daysBetween"], r["reporter"])
            for r in rows} == {
        ("agreement:2020-10-10-moscow-ceasefire", "2020-10-10T00:00:00+04:00",
         "event:2020-10-10-moscow-ceasefire-breach", "0", reporter)
        for reporter in ("actor:armenia", "actor:azerbaijan")
    }


def test_days_parameter_is_applied(answer):
    assert answer("frayed-within-days", days="0")
    assert answer("frayed-within-days", days="-1") == []


def test_who_mediated_each_agreement(answer):
    rows = answer("mediators")
    assert {(r["agreement"], r["mediator"], r["role"]) for r in rows} == {
        ("agreement:2020-10-10-moscow-ceasefire", "actor:russia", "broker"),
        ("agreement:2020-10-18-ceasefire", "person:sergey-lavrov", "mediator"),
    }


def test_which_claims_were_denied_and_by_whom(answer):
    rows = answer("contested-claims")
    assert {(r["claimant"], r["about"], r["denier"], r["denialKind"]) for r in rows} == {
        ("actor:azerbaijan", "event:2020-10-17-ganja-missile-strike",
         "actor:armenian-defence-ministry", "denial"),
        ("actor:azerbaijani-armed-forces", "event:2020-10-17-su-25-downing",
         "actor:armenian-defence-ministry", "dismissal"),
        ("actor:armenian-armed-forces", "event:2020-10-17-drone-downing-over-armenia",
         "actor:azerbaijan", "denial"),
    }


def test_casualty_figures_by_reporter_as_of_when(answer):
    rows = answer("casualty-reports")
    figures = {(r["reporter"], r["qualifier"], r["count"], r["kind"], r["category"], r["asOf"])
               for r in rows}
    as_of = "2020-10-17T00:00:00+04:00"
    assert figures == {
        ("actor:azerbaijan", "at least", "13", "killed", "civilians", as_of),
        ("actor:azerbaijan", "exactly", "50", "wounded", "civilians", as_of),
        ("actor:azerbaijani-government", "exactly", "60", "killed", "civilians", as_of),
        ("actor:azerbaijani-government", "exactly", "270", "wounded", "civilians", as_of),
        ("actor:nagorno-karabakh-separatist-authorities", "more than", "600", "killed",
         "military personnel", as_of),
        ("actor:nagorno-karabakh-separatist-authorities", "more than", "30", "killed",
         "civilians", as_of),
        ("actor:nagorno-karabakh-separatist-authorities", "exactly", "3", "wounded",
         "civilians", as_of),
        ("actor:2020-10-17-report-newsroom", "at least", "200", "killed", "unspecified", as_of),
    }
    since = {r["count"]: r["periodStart"] for r in rows}
    assert since["60"] == since["270"] == "2020-09-27T00:00:00+04:00"
    assert since["600"] is None


def test_casualty_figures_of_one_reporter(answer):
    rows = answer("casualty-reports", reporter="actor:azerbaijani-government")
    assert sorted(r["count"] for r in rows) == ["270", "60"]


def test_what_happened_on_a_day_in_order(answer):
    rows = answer("timeline", **{"from": "2020-10-17T00:00:00+04:00",
                                 "to": "2020-10-17T23:59:59+04:00"})
    items = [r["item"] for r in rows]
    assert "event:2020-10-17-ganja-missile-strike" in items
    assert "claim:2020-10-17-armenia-denies-ganja-strike" in items
    assert "agreement:2020-10-10-moscow-ceasefire" not in items
    assert all(r["time"].startswith("2020-10-17") for r in rows)


def test_timeline_is_in_time_order_and_marks_contested(answer):
    rows = answer("timeline")
    firsts = [(r["item"], r["what"]) for r in rows]
    moscow = firsts.index(("agreement:2020-10-10-moscow-ceasefire", "took effect"))
    new = firsts.index(("agreement:2020-10-18-ceasefire", "took effect"))
    war = firsts.index(("event:nagorno-karabakh-war-ended-1994", "ended"))
    assert war < moscow < new == len(rows) - 1
    contested = {r["item"] for r in rows if r["contested"] == "true"}
    assert "event:2020-10-17-ganja-missile-strike" in contested
    assert "event:2020-10-17-stepanakert-shelling" not in contested


def test_timeline_by_actor_and_type(answer):
    rows = answer("timeline", actor="actor:armenian-defence-ministry")
    assert {r["item"] for r in rows} == {
        "claim:2020-10-17-armenia-denies-ganja-strike",
        "claim:2020-10-17-armenia-dismisses-su-25-claim",
    }
    denials = answer("timeline", type="concept:denial")
    assert len({r["item"] for r in denials}) == 5
    assert {r["type"] for r in denials} == {"concept:denial"}


def test_weapons_and_their_suppliers(answer):
    rows = answer("weapons-and-suppliers")
    supplied = {(r["weapon"], r["supplierLabel"], r["recipientLabel"]) for r in rows
                if r["supplierLabel"]}
    assert supplied == {
        ("weapon:turkish-supplied-drones", "Turkey", "Azerbaijani military"),
        ("weapon:turkish-supplied-rocket-systems", "Turkey", "Azerbaijani military"),
    }
    made = {r["weapon"] for r in rows if r["madeInLabel"] == "Soviet Union"}
    assert made == {"weapon:scud", "weapon:soviet-era-weapons"}


def test_members_of_the_minsk_group(answer):
    rows = answer("group-members")
    assert [r["member"] for r in rows] == ["actor:france", "actor:russia", "actor:united-states"]


def test_everything_about_one_entity(answer):
    rows = answer("entity", entity="place:ganja")
    stated = {(r["property"], r["value"]) for r in rows
              if "source/2020-10-17-new-ceasefire-attempt" in r["graph"]}
    inferred = {(r["property"], r["value"]) for r in rows if "graph/inferred" in r["graph"]}
    assert ("cf:locatedIn", "place:azerbaijan") in stated
    assert ("cf:quotation", "in the city of Ganja, Azerbaijan") in stated
    assert ("cf:locatedIn", "place:south-caucasus") in inferred
    assert ("cf:locatedIn", "place:south-caucasus") not in stated
    incoming = {r["value"] for r in rows if r["direction"] == "in"}
    assert "event:2020-10-17-ganja-missile-strike" in incoming
