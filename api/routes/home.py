"""The home page: links to the entities, named queries, timeline and SPARQL endpoint."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from api.routes.rendering import render
from kg.queries import list_queries

router = APIRouter()

EXAMPLE_QUERY = """SELECT ?event ?label ?contested
WHERE {
  ?event a cf:Event ;
         rdfs:label ?label .
  BIND (EXISTS { ?event cf:contested true } AS ?contested)
}
ORDER BY ?label
LIMIT 20"""


@router.get("/", summary="Home page")
async def home() -> Response:
    """An HTML page linking every part of the service, with a form to run a SPARQL query."""
    return render("home.html", queries=list_queries(), example=EXAMPLE_QUERY)
