"""Linked Data look-ups of the entity IRIs, after "Cool URIs for the Semantic Web".

An entity IRI ``BASE + "id/<kind>/<slug>"`` names a thing, not a document: at its path this
server answers 303 See Other to the document in the negotiated format, ``<path>.html``,
``.ttl``, ``.nt`` or ``.jsonld``, which answer 200. The IRI depends only on the path, never
on the host the request was sent to.
"""

from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from api.routes.choice import HTML, choose, varied
from api.routes.describe import description, entity_view, exists
from api.routes.engine_calls import truncation_headers
from api.routes.jsonld import CONTEXT, CONTEXT_PATH, compacted
from api.routes.rendering import render
from kg.namespaces import ENTITY_KINDS, ID, PREFIXES

router = APIRouter()

#: Document extension -> media type; the first is the default for clients without a preference.
DOCUMENTS: dict[str, str] = {
    "html": HTML,
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}
_EXTENSION = {media_type: ext for ext, media_type in DOCUMENTS.items()}
_PATH = re.compile(r"(?P<kind>[a-z]+)/(?P<slug>[A-Za-z0-9][A-Za-z0-9_-]*)(?:\.(?P<ext>[a-z]+))?")


def _not_found(iri: str) -> HTTPException:
    """The 404 of an IRI the graph says nothing about."""
    return HTTPException(404, detail={"error": "unknown entity", "iri": iri})


@router.api_route(
    CONTEXT_PATH, methods=["GET", "HEAD"], name="jsonld_context", summary="The JSON-LD context"
)
async def jsonld_context() -> Response:
    """The JSON-LD context that the entity documents reference: the project's prefixes."""
    return JSONResponse(CONTEXT, media_type="application/ld+json")


@router.get("/id/", summary="Index of entities")
async def entity_index() -> Response:
    """The entity index is the search page without a query."""
    return RedirectResponse("/entities", status_code=303)


@router.api_route("/id/{path:path}", methods=["GET", "HEAD"], summary="Look up an entity")
async def look_up(request: Request, path: str) -> Response:
    """303 from an entity IRI to its description; the description as HTML or RDF."""
    match = _PATH.fullmatch(path)
    if match is None:
        raise HTTPException(
            400,
            detail={
                "error": "malformed entity path",
                "expected": "/id/<kind>/<slug>[.html|.ttl|.nt|.jsonld]",
            },
        )
    kind, slug, ext = match.group("kind", "slug", "ext")
    iri = f"{ID}{kind}/{slug}"
    if kind not in ENTITY_KINDS or (ext is not None and ext not in DOCUMENTS):
        raise _not_found(iri if ext is None else f"{iri}.{ext}")
    if ext is None:
        return await _see_other(request, iri, f"/id/{kind}/{slug}")
    if ext == "html":
        view = await entity_view(request, iri)
        if view is None:
            raise _not_found(iri)
        return render("entity.html", view=view, documents=DOCUMENTS, path=f"/id/{kind}/{slug}")
    graph, truncated = await description(request, iri)
    if not len(graph):
        raise _not_found(iri)
    media_type = DOCUMENTS[ext]
    if ext == "jsonld":
        body = compacted(graph, str(request.url_for("jsonld_context")))
    else:
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        body = graph.serialize(format="turtle" if ext == "ttl" else "nt", encoding="utf-8")
    return Response(body, media_type=media_type, headers=truncation_headers(request, truncated))


async def _see_other(request: Request, iri: str, path: str) -> Response:
    """303 See Other to the document of ``iri`` in the negotiated format."""
    media_type = choose(request, list(DOCUMENTS.values()))
    if not await exists(request, iri):
        raise _not_found(iri)
    response = RedirectResponse(f"{path}.{_EXTENSION[media_type]}", status_code=303)
    return varied(response)
