"""What the benchmark asks: every named query with its defaults, an entity look-up, ASK {}."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pyoxigraph

# The description the service builds for /id/<kind>/<slug>.nt, sent to peers as CONSTRUCT.
from api.routes.describe import _DESCRIPTION
from kg.namespaces import ID, sparql_prologue
from kg.queries import list_queries

JSON = "application/sparql-results+json"
NT = "application/n-triples"
_FIRST_AGREEMENT = f"""
SELECT ?a WHERE {{ ?a a <https://w3id.org/ceasefire-kg/ontology#Agreement>
  FILTER STRSTARTS(STR(?a), "{ID}agreement/") }} ORDER BY ?a LIMIT 1
"""


@dataclass(frozen=True)
class Workload:
    """One request: its path on our service, its SPARQL text for the peers, its media type."""

    name: str
    kind: str
    ours: str
    query: str
    accept: str

    def peer_url(self, endpoint: str) -> str:
        """The GET URL of this query on a peer's SPARQL endpoint."""
        return f"{endpoint}?query={quote(self.query)}"


def entity_iri(store: pyoxigraph.Store) -> str:
    """The first agreement of the dataset: every dataset has one."""
    rows = list(store.query(_FIRST_AGREEMENT, use_default_graph_as_union=True))
    return rows[0]["a"].value


def workloads(store: pyoxigraph.Store) -> list[Workload]:
    """The named queries, one entity look-up (CONSTRUCT) and ``ASK {}``."""
    found = [
        Workload(q.name, "named query", f"/queries/{q.name}", q.render(), JSON)
        for q in list_queries()
    ]
    iri = entity_iri(store)
    construct = sparql_prologue() + _DESCRIPTION.replace("$e", f"<{iri}>")
    path = "/id/" + iri.removeprefix(ID) + ".nt"
    found.append(Workload("entity look-up", "entity", path, construct, NT))
    ask = "ASK {}"
    found.append(Workload("ASK {}", "ask", "/sparql?query=" + quote(ask), ask, JSON))
    return found


def load_store(dataset: Path) -> pyoxigraph.Store:
    """The dataset in an in-memory pyoxigraph store (the in-process floor)."""
    store = pyoxigraph.Store()
    store.load(path=dataset, format=pyoxigraph.RdfFormat.N_QUADS)
    return store
