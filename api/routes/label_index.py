"""An in-memory index of the entities' labels for case- and accent-insensitive search.

The graph is immutable while the service runs, so the index is built once, from one query.
"""

from __future__ import annotations

import asyncio
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from fastapi import Request

from api.routes.engine_calls import Row, select
from api.routes.terms import local_path
from kg.namespaces import ID

_WORD = re.compile(r"\w+")

INDEX_QUERY = f"""
SELECT ?entity ?label ?labelKind ?type
WHERE {{
  {{ ?entity rdfs:label ?label . BIND ("label" AS ?labelKind) }}
  UNION {{ ?entity skos:prefLabel ?label . BIND ("label" AS ?labelKind) }}
  UNION {{ ?entity skos:altLabel ?label . BIND ("alt" AS ?labelKind) }}
  UNION {{ ?entity a ?type }}
  FILTER (isIRI(?entity) && STRSTARTS(STR(?entity), "{ID}"))
}}
ORDER BY ?entity ?labelKind ?label ?type
"""


def normalize(text: str) -> str:
    """``text`` without accents, case-folded, its words joined by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(plain.casefold()))


def _starts(words: str) -> list[str]:
    """Every tail of a normalized text that begins at a word."""
    return [words[m.start() :] for m in re.finditer(r"\S+", words)]


@dataclass
class Entity:
    """An entity with its labels and classes."""

    iri: str
    label: str = ""
    alt_labels: list[str] = field(default_factory=list)
    types: set[str] = field(default_factory=set)

    @property
    def path(self) -> str:
        """Where the entity dereferences on this server."""
        return local_path(self.iri) or ""

    def rank(self, query: str) -> int | None:
        """0 when a label starts with ``query``, 1 when a later word does, None for no match."""
        ranks = [
            0 if position == 0 else 1
            for text in (self.label, *self.alt_labels)
            for position, tail in enumerate(_starts(normalize(text)))
            if tail.startswith(query)
        ]
        return min(ranks, default=None)


class LabelIndex:
    """Entities by label; query words match word prefixes of a label, in order."""

    def __init__(self, rows: Iterable[Row]) -> None:
        entities: dict[str, Entity] = {}
        for row in rows:
            entity = entities.setdefault(row["entity"].value, Entity(row["entity"].value))
            if "type" in row:
                entity.types.add(row["type"].value)
            elif row["labelKind"].value == "label" and not entity.label:
                entity.label = row["label"].value
            else:
                entity.alt_labels.append(row["label"].value)
        for entity in entities.values():
            entity.label = entity.label or entity.iri
            entity.alt_labels.sort()
        self._entities = sorted(entities.values(), key=lambda e: (normalize(e.label), e.iri))

    def search(self, query: str = "", type_iri: str | None = None, limit: int = 20) -> list[Entity]:
        """Entities whose label or alternative label matches ``query`` (all when it is empty)."""
        wanted = normalize(query)
        if query.strip() and not wanted:
            return []
        ranked: list[tuple[int, Entity]] = []
        for entity in self._entities:
            if type_iri is not None and type_iri not in entity.types:
                continue
            rank = entity.rank(wanted) if wanted else 0
            if rank is not None:
                ranked.append((rank, entity))
        ranked.sort(key=lambda pair: pair[0])  # stable: label order within a rank
        return [entity for _, entity in ranked[:limit]]


async def label_index(request: Request) -> LabelIndex:
    """The app's label index, built on first use."""
    state = request.app.state
    if getattr(state, "label_index_lock", None) is None:
        state.label_index_lock = asyncio.Lock()
    async with state.label_index_lock:
        if getattr(state, "label_index", None) is None:
            state.label_index = LabelIndex(await select(request, INDEX_QUERY))
    return state.label_index
