"""The remote engine: the same checks and limits, evaluation by a SPARQL 1.1 server.

Queries are sent with the SPARQL 1.1 Protocol (POST, form encoded) asking for the media type
the client wants (TSV in place of CSV, which cannot be read back). The answer is read with
Oxigraph to apply the row cap; it is passed on unchanged when the cap did not cut it and the
format is the one wanted, otherwise written again by Oxigraph. The server should evaluate
with the union of its named graphs as default graph (``oxigraph serve --union-default-graph``,
Fuseki's ``unionDefaultGraph``). Nothing is kept between requests.
"""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlencode

import httpx
from pyoxigraph import QueryBoolean, parse, parse_query_results

from api import results
from api.analysis import Analysis, relocate
from api.base import BaseEngine, Dataset
from api.engine import EngineResult
from api.errors import QueryRejected, QueryTimeout, StoreError
from api.formats import CSV, GRAPH_FORMS, GRAPHS, RDF_XML, RESULTS, SPARQL_XML, TSV
from api.settings import Settings
from kg.namespaces import PREFIXES

log = logging.getLogger(__name__)


def _refuse_doctype(body: bytes, media_type: str) -> None:
    """Refuse XML with a DOCTYPE (entity expansion) before Oxigraph reads it."""
    if media_type in (SPARQL_XML, RDF_XML) and b"<!DOCTYPE" in body:
        raise StoreError("the store answered with an XML document type declaration; refused")


def recap(form: str, body: bytes, fetched: str, wanted: str, max_rows: int) -> tuple[bytes, bool]:
    """The store's answer in ``wanted`` with at most ``max_rows`` rows, and whether it was cut."""
    _refuse_doctype(body, fetched)
    try:
        if form in GRAPH_FORMS:
            quads = parse(body, format=GRAPHS[fetched])
            triples, truncated = results.capped((q.triple for q in quads), max_rows)
            if not truncated and fetched == wanted:
                return body, False
            return results.triples(triples, wanted, PREFIXES), truncated
        answer = parse_query_results(body, format=RESULTS[fetched])
        if isinstance(answer, QueryBoolean):
            return answer.serialize(format=RESULTS[wanted]), False
        variables = [v.value for v in answer.variables]
        rows, truncated = results.capped(answer, max_rows)
    except SyntaxError as err:
        raise StoreError(f"the store's answer could not be read: {err}") from err
    if not truncated and fetched == wanted:
        return body, False
    return results.solutions(variables, rows, wanted), truncated


class RemoteEngine(BaseEngine):
    """Queries over a SPARQL 1.1 Protocol endpoint such as ``oxigraph serve``."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        endpoint = settings.remote_endpoint
        if endpoint is None:
            raise ValueError("the remote engine needs a sparql+http(s):// store")
        self.endpoint = endpoint
        self._client = httpx.AsyncClient(timeout=settings.query_timeout, trust_env=False)

    async def start(self) -> None:
        """Check that the server answers, and log the size of its dataset."""
        stats = await self.stats()
        log.info("serving %s with %s triples", self.endpoint, stats["triples"])

    async def _post(self, analysis: Analysis, accept: str, dataset: Dataset | None) -> bytes:
        """Send the query; return the body of a successful answer."""
        form = [("query", analysis.text)]
        if dataset:
            form += [("default-graph-uri", g) for g in dataset.default]
            form += [("named-graph-uri", g) for g in dataset.named]
        headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
        try:
            response = await asyncio.wait_for(
                self._client.post(self.endpoint, content=urlencode(form), headers=headers),
                self.settings.query_timeout,
            )
        except (TimeoutError, httpx.TimeoutException) as err:
            limit = self.settings.query_timeout
            raise QueryTimeout(f"the query did not finish within {limit:g} s") from err
        except httpx.HTTPError as err:
            raise StoreError(f"the store at {self.endpoint} is unreachable: {err}") from err
        if response.status_code == 400:
            raise QueryRejected(relocate(response.text, analysis.offset), 400)
        if not response.is_success:
            raise StoreError(f"the store answered {response.status_code}: {response.text[:500]}")
        return response.content

    async def _evaluate(
        self, analysis: Analysis, media_type: str, dataset: Dataset | None
    ) -> EngineResult:
        fetched = TSV if media_type == CSV else media_type
        body = await self._post(analysis, fetched, dataset)
        capped, truncated = await asyncio.to_thread(
            recap, analysis.form, body, fetched, media_type, self.settings.max_rows
        )
        return EngineResult(capped, media_type, truncated)

    async def stats(self) -> dict:
        """Counts asked of the server each time (the service keeps no state)."""
        return await self._collect_stats()

    async def close(self) -> None:
        """Close the HTTP connections."""
        await self._client.aclose()
