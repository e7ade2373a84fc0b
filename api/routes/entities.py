"""Finding entities by label: ``/entities?q=&type=&limit=`` as JSON or HTML."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from api.routes.choice import HTML, choose
from api.routes.label_index import Entity, label_index
from api.routes.params import bounded_int, class_iri, single_values
from api.routes.rendering import render
from kg.namespaces import compact

router = APIRouter()

DEFAULT_LIMIT = 20
MAX_LIMIT = 1000


def entity_json(entity: Entity) -> dict[str, object]:
    """The JSON description of a search hit."""
    return {
        "iri": entity.iri,
        "path": entity.path,
        "label": entity.label,
        "altLabels": entity.alt_labels,
        "types": sorted(compact(t) for t in entity.types),
    }


@router.get("/entities", summary="Find entities by label")
async def find_entities(request: Request) -> Response:
    """Entities whose label or alternative label has a word starting with ``q``.

    Without ``q`` every entity is listed (up to the limit), which makes the HTML page an index.
    """
    values = single_values(request, {"q", "type", "limit"})
    query = values.get("q", "")
    type_iri = class_iri("type", values["type"]) if values.get("type") else None
    media_type = choose(request, ["application/json", HTML])
    default_limit = MAX_LIMIT if media_type == HTML and not query else DEFAULT_LIMIT
    limit = bounded_int("limit", values["limit"], 1, MAX_LIMIT) if "limit" in values else None
    hits = (await label_index(request)).search(query, type_iri, limit or default_limit)
    if media_type == HTML:
        return render("entities.html", query=query, type_name=values.get("type", ""), hits=hits)
    return JSONResponse(
        {
            "q": query,
            "type": type_iri,
            "limit": limit or default_limit,
            "count": len(hits),
            "results": [entity_json(e) for e in hits],
        }
    )
