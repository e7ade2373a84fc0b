"""The named queries over HTTP: ``/queries`` lists them, ``/queries/{name}`` runs one."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response

from api.formats import GRAPH_FORMS, GRAPHS, RESULTS
from api.routes.choice import HTML, choose, varied
from api.routes.engine_calls import (
    SPARQL_JSON,
    parse_results,
    query_form,
    run,
    truncation_headers,
)
from api.routes.params import bad_param, single_values
from api.routes.rendering import render
from kg.errors import ParamError, QueryError
from kg.queries import NamedQuery, get_query, list_queries

router = APIRouter()


def describe(query: NamedQuery) -> dict[str, object]:
    """The JSON description of a named query."""
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "path": f"/queries/{query.name}",
        "parameters": [
            {
                "name": p.name,
                "type": p.type,
                "default": p.default,
                "description": p.description,
            }
            for p in query.params
        ],
    }


@router.get("/queries", summary="List the named queries")
async def queries(request: Request) -> Response:
    """Every named query with its title, description and typed parameters."""
    media_type = choose(request, ["application/json", HTML])
    named = list_queries()
    if media_type == HTML:
        return varied(render("queries.html", queries=named))
    return varied(JSONResponse({"queries": [describe(q) for q in named]}))


@router.get("/queries/{name}", summary="Run a named query")
async def run_named_query(request: Request, name: str) -> Response:
    """Run a named query with the request's parameters; an empty value counts as not given."""
    try:
        query = get_query(name)
    except QueryError as err:
        raise HTTPException(404, detail={"error": str(err)}) from err
    values = {k: v for k, v in single_values(request).items() if v != ""}
    try:
        text = query.render(values)
    except ParamError as err:
        raise bad_param(err) from err
    graph_form = await query_form(request, text) in GRAPH_FORMS
    media_type = choose(request, list(GRAPHS) if graph_form else [*RESULTS, HTML])
    result = await run(request, text, SPARQL_JSON if media_type == HTML else media_type)
    headers = truncation_headers(request, result.truncated)
    if media_type == HTML:
        response = render(
            "query_results.html",
            query=query,
            values=values,
            results=parse_results(result.body),
            truncated=result.truncated,
        )
        response.headers.update(headers)
    else:
        response = Response(result.body, media_type=result.media_type, headers=headers)
    return varied(response)
