"""The project's one namespace and prefix map."""

from __future__ import annotations

import re
from collections.abc import Collection

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

BASE = "https://w3id.org/ceasefire-kg/"
CF = Namespace(BASE + "ontology#")
ID = BASE + "id/"
GRAPH = BASE + "graph/"

ONTOLOGY_GRAPH = GRAPH + "ontology"
INFERRED_GRAPH = GRAPH + "inferred"
DERIVED_GRAPH = GRAPH + "derived"
SOURCE_GRAPH_PREFIX = GRAPH + "source/"

#: Entity kinds; each is a path segment under ``ID`` and a Turtle/SPARQL prefix.
ENTITY_KINDS = (
    "actor",
    "person",
    "office",
    "agreement",
    "event",
    "claim",
    "report",
    "place",
    "weapon",
    "source",
    "relationship",
    "concept",
    "scheme",
)

PREFIXES: dict[str, str] = {
    "cf": str(CF),
    **{kind: f"{ID}{kind}/" for kind in ENTITY_KINDS},
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "time": str(TIME),
    "dcterms": str(DCTERMS),
}


def sparql_prologue(only: Collection[str] | None = None) -> str:
    """PREFIX declarations for every prefix of the project, or for those in ``only``."""
    return "".join(
        f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if only is None or p in only
    )


def expand_prefixed(name: str) -> str | None:
    """The full IRI of a prefixed name such as ``place:ganja``, or None if its prefix is unknown."""
    prefix, sep, local = name.partition(":")
    if not sep or prefix not in PREFIXES:
        return None
    return PREFIXES[prefix] + local


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_IRI_ILLEGAL = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def resolve_iri(text: str) -> str:
    """The absolute IRI that ``text`` names: itself, or an expanded prefixed name.

    Raises ValueError saying why when ``text`` is neither, or holds a character that IRIs forbid.
    """
    iri = expand_prefixed(text) or text
    if not _SCHEME.match(iri):
        raise ValueError("expected an absolute IRI with a scheme or a known prefixed name")
    bad = _IRI_ILLEGAL.search(iri)
    if bad:
        raise ValueError(f"character {bad.group(0)!r} is not allowed in an IRI")
    return iri


def compact(iri: str) -> str:
    """A prefixed name for ``iri`` when a prefix of the project covers it, else ``<iri>``."""
    best = max(
        (p for p, ns in PREFIXES.items() if iri.startswith(ns)),
        key=lambda p: len(PREFIXES[p]),
        default=None,
    )
    if best is not None:
        local = iri[len(PREFIXES[best]) :]
        if local and all(c.isalnum() or c in "_-." for c in local) and not local.endswith("."):
            return f"{best}:{local}"
    return f"<{iri}>"
