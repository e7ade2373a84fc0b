"""The SPARQL 1.1 Protocol at ``/sparql`` (query operation only; the endpoint is read-only).

* ``GET /sparql?query=...``, ``POST`` form encoded (``query=...``) or ``POST`` with
  ``Content-Type: application/sparql-query``; ``default-graph-uri`` and ``named-graph-uri``
  may be repeated and replace the query's FROM / FROM NAMED.
* The results format follows ``Accept`` (with q-values) or a ``format`` parameter
  (json, xml, csv, tsv for SELECT/ASK; turtle, ntriples, jsonld, rdfxml for
  CONSTRUCT/DESCRIBE); answers carry ``Vary: Accept``.
* When the row cap cut the results the answer has ``X-Results-Truncated: true`` and
  ``X-Results-Limit: N`` (rows for SELECT, triples for CONSTRUCT/DESCRIBE).
* ``GET /sparql`` without a query returns the service description (Turtle by default).

Status codes: 400 malformed query (with line and column) or request, 403 SPARQL Update or
SERVICE (as Oxigraph's read-only server answers updates), 405 other methods, 406 no
acceptable format, 413 body too large, 415 unsupported content type, 503 overload (with
Retry-After) or a query stopped at the time limit, 502 when the store fails. Error bodies
are plain text.
"""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse

from api import formats, service_description
from api.analysis import READ_ONLY
from api.engine import Engine, Overloaded, QueryRejected, QueryTimeout, StoreError
from api.negotiation import negotiate

log = logging.getLogger(__name__)
router = APIRouter(tags=["SPARQL"])

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
TRUNCATED_HEADER = "X-Results-Truncated"
LIMIT_HEADER = "X-Results-Limit"


class ProtocolError(Exception):
    """A request the protocol answers with an error status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


Params = list[tuple[str, str]]


def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ProtocolError(400, f"the request body is not UTF-8: {err}") from None


async def _params(request: Request) -> tuple[Params, str | None]:
    """The request's parameters, and the query sent as the body of a direct POST."""
    params: Params = list(request.query_params.multi_items())
    if request.method != "POST":
        return params, None
    kind = _content_type(request)
    if kind == UPDATE:
        raise ProtocolError(403, READ_ONLY)
    if kind == QUERY:
        return params, _decode(await request.body())
    if kind == FORM:
        body = _decode(await request.body())
        return params + parse_qsl(body, keep_blank_values=True), None
    given = kind or "(none)"
    raise ProtocolError(415, f"unsupported content type {given!r}; use {FORM} or {QUERY}")


def _values(params: Params, name: str) -> list[str]:
    return [value for key, value in params if key == name]


def _single(params: Params, name: str) -> str | None:
    values = _values(params, name)
    if len(values) > 1:
        raise ProtocolError(400, f"the {name!r} parameter must be given at most once")
    return values[0] if values else None


def _media_type(request: Request, params: Params, offered: dict[str, str]) -> str:
    """The media type to answer in, from the ``format`` parameter or else ``Accept``."""
    name = _single(params, "format")
    if name is not None:
        wanted = formats.SHORT_NAMES.get(name.lower(), name.lower())
        if wanted not in offered:
            known = ", ".join(formats.SHORT_NAMES)
            raise ProtocolError(406, f"format {name!r} is not available here (formats: {known})")
        return offered[wanted]
    chosen = negotiate(request.headers.get("accept"), list(offered))
    if chosen is None:
        available = ", ".join(dict.fromkeys(offered.values()))
        raise ProtocolError(406, f"no acceptable format; available: {available}")
    return offered[chosen]


async def _describe_service(request: Request, params: Params) -> Response:
    """The service description, content negotiated among RDF formats."""
    offered = {t: t for t in service_description.OFFERED} | formats.GRAPH_ALIASES
    media_type = _media_type(request, params, offered)
    engine: Engine = request.app.state.engine
    endpoint = str(request.url.replace(query="", fragment=""))
    triples = service_description.describe(
        endpoint, await engine.stats(), request.app.state.settings.allow_service
    )
    body = service_description.serialize(triples, media_type)
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})


async def _answer(request: Request) -> Response:
    params, direct = await _params(request)
    if _values(params, "update"):
        raise ProtocolError(403, READ_ONLY)
    query = direct if direct is not None else _single(params, "query")
    if query is None:
        if request.method == "POST":
            raise ProtocolError(400, "no query given")
        return await _describe_service(request, params)
    engine: Engine = request.app.state.engine
    form = await asyncio.to_thread(engine.query_form, query)
    media_type = _media_type(request, params, formats.offered(form))
    result = await engine.run(
        query,
        media_type,
        default_graph_uris=_values(params, "default-graph-uri"),
        named_graph_uris=_values(params, "named-graph-uri"),
    )
    headers = {"Vary": "Accept"}
    if result.truncated:
        headers[TRUNCATED_HEADER] = "true"
        headers[LIMIT_HEADER] = str(request.app.state.settings.max_rows)
    return Response(result.body, media_type=result.media_type, headers=headers)


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


@router.api_route(
    "/sparql",
    methods=["GET", "HEAD", "POST"],
    summary="SPARQL 1.1 query endpoint",
    description=__doc__,
    response_class=Response,
)
async def sparql(request: Request) -> Response:
    """Answer one SPARQL Protocol request."""
    try:
        return await _answer(request)
    except ProtocolError as err:
        return _error(err.status, err.message)
    except QueryRejected as err:
        return _error(err.status, err.message)
    except QueryTimeout as err:
        return _error(503, str(err))
    except Overloaded as err:
        return _error(503, str(err), {"Retry-After": str(err.retry_after)})
    except StoreError as err:
        log.error("store failure: %s", err)
        return _error(502, f"the store failed: {err}")
