"""What every engine does around evaluation: checks, refusals, concurrency limit, statistics."""

from __future__ import annotations

import asyncio
import json
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from pyoxigraph import NamedNode

from api.analysis import Analysis, analyze
from api.engine import EngineResult
from api.errors import Overloaded, QueryRejected
from api.formats import SPARQL_JSON, fits
from api.settings import Settings

SERVICE_REFUSED = "SERVICE (federated query) is not allowed on this endpoint"
#: Seconds suggested to a client refused for overload.
RETRY_AFTER = 1
_GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
_UNION_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset given with the protocol's default-graph-uri and named-graph-uri."""

    default: tuple[str, ...]
    named: tuple[str, ...]


def protocol_dataset(default: Sequence[str], named: Sequence[str]) -> Dataset | None:
    """The dataset the request names, or None; raises QueryRejected for a malformed IRI."""
    if not default and not named:
        return None
    for iri in (*default, *named):
        try:
            NamedNode(iri)
        except ValueError as err:
            raise QueryRejected(f"invalid graph IRI {iri!r}: {err}", 400) from None
    return Dataset(tuple(default), tuple(named))


class BaseEngine(ABC):
    """Refusals and limits common to the embedded and the remote engine."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._running = 0

    def _analyze(self, query: str) -> Analysis:
        """The analysis of an allowed query; raises QueryRejected otherwise."""
        analysis = analyze(query)
        if analysis.uses_service and not self.settings.allow_service:
            raise QueryRejected(SERVICE_REFUSED, 403)
        return analysis

    def query_form(self, query: str) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE; raises QueryRejected for a refused query."""
        return self._analyze(query).form

    async def run(
        self,
        query: str,
        media_type: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
    ) -> EngineResult:
        """Check, then evaluate ``query`` unless too many queries are already running."""
        if self._running >= self.settings.max_concurrent:
            raise Overloaded(RETRY_AFTER)
        self._running += 1
        try:
            analysis = await asyncio.to_thread(self._analyze, query)
            if not fits(analysis.form, media_type):
                raise ValueError(f"{analysis.form} results cannot be written as {media_type}")
            dataset = protocol_dataset(default_graph_uris, named_graph_uris)
            return await self._evaluate(analysis, media_type, dataset)
        finally:
            self._running -= 1

    async def _count(self, query: str) -> list[dict]:
        """The JSON bindings of an internal counting query."""
        result = await self._evaluate(analyze(query), SPARQL_JSON, None)
        return json.loads(result.body)["results"]["bindings"]

    async def _collect_stats(self) -> dict:
        """Triples per named graph, their total, and the size of the union default graph."""
        rows = await self._count(_GRAPH_COUNTS)
        graphs = {row["g"]["value"]: int(row["n"]["value"]) for row in rows if "g" in row}
        union = await self._count(_UNION_COUNT)
        return {
            "triples": sum(graphs.values()),
            "graphs": dict(sorted(graphs.items())),
            "default_graph_triples": int(union[0]["n"]["value"]) if union else 0,
        }

    @abstractmethod
    async def _evaluate(
        self, analysis: Analysis, media_type: str, dataset: Dataset | None
    ) -> EngineResult:
        """Evaluate a checked query within the time limit and the row cap."""
