"""RDF terms of SPARQL JSON results, and how the pages name and link them."""

from __future__ import annotations

from dataclasses import dataclass

from kg.namespaces import BASE, ID, compact


@dataclass(frozen=True)
class Term:
    """One RDF term: kind is "uri", "literal" or "bnode"."""

    kind: str
    value: str
    datatype: str | None = None
    language: str | None = None

    @property
    def is_iri(self) -> bool:
        """Whether the term is an IRI."""
        return self.kind == "uri"

    @property
    def path(self) -> str | None:
        """The local path of an entity IRI of the graph, else None."""
        return local_path(self.value) if self.is_iri else None

    @property
    def short(self) -> str:
        """A prefixed name for an IRI, the lexical form for other terms."""
        return compact(self.value) if self.is_iri else self.value


def term_from_binding(binding: dict[str, str]) -> Term:
    """A Term from one value of SPARQL 1.1 JSON results."""
    kind = binding["type"]
    if kind == "typed-literal":  # the SPARQL 1.0 JSON spelling
        kind = "literal"
    return Term(kind, binding["value"], binding.get("datatype"), binding.get("xml:lang"))


def local_path(iri: str) -> str | None:
    """The path on this server at which an entity IRI dereferences, or None if it is not one."""
    return "/" + iri[len(BASE) :] if iri.startswith(ID) else None


def unit_name(iri: str) -> str:
    """A readable name of a temporal unit such as time:unitDay: "day"."""
    local = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return local.removeprefix("unit").lower() or local
