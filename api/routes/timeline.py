"""``/timeline``: events, agreements and claims in time order with their actors and sources.

It runs the named query ``timeline`` and one more query for the actors, event-type labels
and citations of all the items it returned.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from rdflib import URIRef

from api.routes.engine_calls import SPARQL_JSON, Row, parse_results, run, select, truncation_headers
from api.routes.params import bad_param, single_values
from api.routes.terms import Term, unit_name
from kg.errors import ParamError
from kg.queries import get_query

router = APIRouter()

PARAMS = {"from", "to", "actor", "type"}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_DETAILS = """
SELECT ?item ?kind ?value ?valueLabel ?quotation ?source ?sourceLabel ?saidBy ?saidByLabel
WHERE {
  VALUES ?item { $items }
  {
    ?item cf:involves ?value .
    BIND ("actor" AS ?kind)
    OPTIONAL { ?value rdfs:label ?valueLabel }
  } UNION {
    ?item cf:eventType ?value .
    BIND ("type" AS ?kind)
    OPTIONAL { ?value skos:prefLabel ?valueLabel }
  } UNION {
    ?item cf:citation ?citation .
    ?citation cf:quotation ?quotation .
    BIND ("source" AS ?kind)
    OPTIONAL { ?citation dcterms:source ?source OPTIONAL { ?source rdfs:label ?sourceLabel } }
    OPTIONAL { ?citation cf:saidBy ?saidBy OPTIONAL { ?saidBy rdfs:label ?saidByLabel } }
  }
}
ORDER BY ?item ?kind ?valueLabel ?value ?quotation ?source ?sourceLabel ?saidBy ?saidByLabel
"""


def local_day(name: str, raw: str) -> date | None:
    """The calendar day of a plain-date ``from``/``to``, or None for a dateTime."""
    if not _DATE.fullmatch(raw):
        return None  # checked as a dateTime by the named query
    try:
        return date.fromisoformat(raw)
    except ValueError as err:
        raise bad_param(ParamError(name, f"{raw!r} is not a valid date: {err}")) from err


def day_bound(name: str, day: date) -> str:
    """The widest instant of a local day: its start at UTC+14 or its end at UTC-12.

    A plain date means the calendar day as each item records it in its own time zone, so the
    query fetches every instant that could fall on that day anywhere and ``on_local_days``
    keeps the items whose local date matches.
    """
    if name == "from":
        return f"{day.isoformat()}T00:00:00+14:00"
    return f"{day.isoformat()}T23:59:59.999999-12:00"


def on_local_days(rows: list[Row], first: date | None, last: date | None) -> list[Row]:
    """The rows whose local date (the date written in their time) is within the bounds."""
    def keep(row: Row) -> bool:
        local = date.fromisoformat(row["time"].value[:10])
        return (first is None or local >= first) and (last is None or local <= last)

    return [row for row in rows if keep(row)]


def entity(term: Term | None, label: Term | None = None) -> dict[str, str | None] | None:
    """An IRI with its local path and label, for JSON."""
    if term is None:
        return None
    return {"iri": term.value, "path": term.path, "label": label.value if label else None}


@dataclass
class Details:
    """Actors and sources of the timeline's items, and the labels of their event types."""

    actors: dict[str, list[dict[str, object]]] = field(default_factory=lambda: defaultdict(list))
    sources: dict[str, list[dict[str, object]]] = field(default_factory=lambda: defaultdict(list))
    type_labels: dict[str, str] = field(default_factory=dict)

    def add(self, row: Row) -> None:
        """Take in one row of the details query."""
        item, kind = row["item"].value, row["kind"].value
        if kind == "type":
            if "valueLabel" in row:
                self.type_labels[row["value"].value] = row["valueLabel"].value
            return
        if kind == "actor":
            value: dict[str, object] = dict(entity(row["value"], row.get("valueLabel")) or {})
            listed = self.actors[item]
        else:
            value = {
                "quotation": row["quotation"].value,
                "source": entity(row.get("source"), row.get("sourceLabel")),
                "saidBy": entity(row.get("saidBy"), row.get("saidByLabel")),
            }
            listed = self.sources[item]
        if value not in listed:
            listed.append(value)

    def item(self, row: Row) -> dict[str, object]:
        """One timeline entry as JSON."""
        iri = row["item"].value
        precision = row.get("precision")
        event_type = entity(row.get("type"))
        if event_type is not None:
            event_type["label"] = self.type_labels.get(row["type"].value)
        return {
            "time": row["time"].value,
            "precision": {"iri": precision.value, "name": unit_name(precision.value)}
            if precision
            else None,
            "what": row["what"].value,
            "iri": iri,
            "path": row["item"].path,
            "label": row["label"].value,
            "type": event_type,
            "contested": row["contested"].value == "true",
            "actors": self.actors.get(iri, []),
            "sources": self.sources.get(iri, []),
        }


async def details(request: Request, items: set[str]) -> Details:
    """The details of ``items``, from one query."""
    found = Details()
    if items:
        values = " ".join(URIRef(iri).n3() for iri in sorted(items))
        for row in await select(request, _DETAILS.replace("$items", values)):
            found.add(row)
    return found


@router.get("/timeline", summary="Timeline of events, agreements and claims")
async def timeline(request: Request) -> Response:
    """Items in time order, optionally within from/to, involving an actor, of an event type.

    ``from`` and ``to`` are dateTimes with a time zone, or plain dates meaning that calendar
    day as each item records it locally; ``actor`` and ``type`` are IRIs or prefixed names.
    """
    values = {k: v for k, v in single_values(request, PARAMS).items() if v != ""}
    given = dict(values)
    days = {name: local_day(name, values[name]) if name in values else None
            for name in ("from", "to")}
    for name, day in days.items():
        if day is not None:
            values[name] = day_bound(name, day)
    try:
        text = get_query("timeline").render(values)
    except ParamError as err:
        raise bad_param(err) from err
    result = await run(request, text, SPARQL_JSON)
    rows = on_local_days(parse_results(result.body).rows, days["from"], days["to"])
    found = await details(request, {row["item"].value for row in rows})
    body = {
        "parameters": given,
        "count": len(rows),
        "truncated": result.truncated,
        "items": [found.item(row) for row in rows],
    }
    headers = truncation_headers(request, result.truncated)
    return JSONResponse(body, headers=headers)
