"""Running queries on the app's engine from a route, with engine errors mapped to HTTP errors."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from fastapi import HTTPException, Request
from rdflib import Graph

from api.engine import Engine, EngineResult, Overloaded, QueryRejected, QueryTimeout, StoreError
from api.routes.terms import Term, term_from_binding
from api.sparql import LIMIT_HEADER, TRUNCATED_HEADER

log = logging.getLogger(__name__)

SPARQL_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"

Row = dict[str, Term]


def engine_of(request: Request) -> Engine:
    """The engine the app was started with."""
    return request.app.state.engine


@contextmanager
def _http_errors() -> Iterator[None]:
    """Engine refusals, timeouts, overload and store failures as HTTP errors."""
    try:
        yield
    except QueryRejected as err:
        raise HTTPException(err.status, detail={"error": err.message}) from err
    except QueryTimeout as err:
        raise HTTPException(503, detail={"error": "the query timed out"}) from err
    except Overloaded as err:
        raise HTTPException(
            503,
            detail={"error": "the server is busy, try again later"},
            headers={"Retry-After": str(err.retry_after)},
        ) from err
    except StoreError as err:
        log.error("store failure: %s", err)
        raise HTTPException(502, detail={"error": f"the store failed: {err}"}) from err


async def run(request: Request, query: str, media_type: str) -> EngineResult:
    """Run ``query`` on the engine."""
    with _http_errors():
        return await engine_of(request).run(query, media_type)


async def query_form(request: Request, query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (the check parses the query, so off the event loop)."""
    with _http_errors():
        return await asyncio.to_thread(engine_of(request).query_form, query)


@dataclass(frozen=True)
class Results:
    """Parsed SPARQL results: variables and rows of a SELECT, or the boolean of an ASK."""

    variables: list[str]
    rows: list[Row]
    boolean: bool | None = None


def parse_results(body: bytes) -> Results:
    """SPARQL JSON results; unbound variables are left out of a row."""
    document = json.loads(body)
    rows = [
        {name: term_from_binding(value) for name, value in binding.items()}
        for binding in document.get("results", {}).get("bindings", [])
    ]
    return Results(document.get("head", {}).get("vars", []), rows, document.get("boolean"))


async def select(request: Request, query: str) -> list[Row]:
    """All rows of a SELECT run for a route's own use, page by page under the row cap.

    The query must end with an ORDER BY that orders its rows totally, so pages do not overlap.
    """
    page = request.app.state.settings.max_rows
    rows: list[Row] = []
    while True:
        paged = f"{query}\nLIMIT {page} OFFSET {len(rows)}"
        batch = parse_results((await run(request, paged, SPARQL_JSON)).body).rows
        rows.extend(batch)
        if len(batch) < page:
            return rows


async def ask(request: Request, query: str) -> bool:
    """The answer of an ASK query run for a route's own use."""
    result = await run(request, query, SPARQL_JSON)
    return bool(parse_results(result.body).boolean)


async def construct(request: Request, query: str) -> tuple[Graph, bool]:
    """The graph a CONSTRUCT query builds, read back from N-Triples, and whether it was cut."""
    result = await run(request, query, N_TRIPLES)
    graph = Graph()
    graph.parse(data=result.body.decode("utf-8"), format="nt")
    return graph, result.truncated


def truncation_headers(request: Request, truncated: bool) -> dict[str, str]:
    """The headers that tell a client the row cap cut the results, as the endpoint sends them."""
    if not truncated:
        return {}
    return {TRUNCATED_HEADER: "true", LIMIT_HEADER: str(request.app.state.settings.max_rows)}
