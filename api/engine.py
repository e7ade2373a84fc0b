"""The engine contract: how the HTTP layer runs a query on the configured store.

An engine takes the user's query text, checks it (read-only, no SERVICE unless allowed,
well-formed SPARQL 1.1), adds PREFIX declarations for the project prefixes the query uses
without declaring, evaluates it within the time limit, and returns the results serialized
by the store, cut at the row cap. With no dataset given, the default graph is the union of
all named graphs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from api.errors import Overloaded, QueryRejected, QueryTimeout, StoreError

__all__ = [
    "Engine",
    "EngineResult",
    "Overloaded",
    "QueryRejected",
    "QueryTimeout",
    "StoreError",
]


@dataclass(frozen=True)
class EngineResult:
    """Results serialized by the store."""

    body: bytes
    media_type: str
    #: True when the row cap cut the results.
    truncated: bool


class Engine(Protocol):
    """A read-only SPARQL query engine."""

    async def run(
        self,
        query: str,
        media_type: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
    ) -> EngineResult:
        """Evaluate ``query`` and serialize its results in ``media_type``.

        Raises QueryRejected, QueryTimeout, Overloaded, or StoreError when the store fails.
        """
        ...

    def query_form(self, query: str) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE; raises QueryRejected for a refused query."""
        ...

    async def stats(self) -> dict:
        """``triples`` (all named graphs), ``graphs`` (triples per named graph) and
        ``default_graph_triples`` (distinct triples of the union default graph)."""
        ...

    async def close(self) -> None:
        """Release the store."""
        ...
