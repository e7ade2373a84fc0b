"""Compacted JSON-LD with the service's own context; nothing is ever fetched."""

from __future__ import annotations

import json

from rdflib import Graph

from kg.namespaces import PREFIXES

CONTEXT_PATH = "/context.jsonld"

#: The context document served at CONTEXT_PATH: the project's prefixes as JSON-LD terms.
CONTEXT: dict[str, dict[str, str]] = {"@context": dict(sorted(PREFIXES.items()))}


def compacted(graph: Graph, context_url: str) -> bytes:
    """``graph`` as JSON-LD compacted against CONTEXT, which the document references by URL."""
    text = graph.serialize(format="json-ld", context=CONTEXT["@context"], auto_compact=True)
    document = json.loads(text)
    document["@context"] = context_url
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")
