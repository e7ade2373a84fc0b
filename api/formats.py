"""Media types the service answers in, their short names, and their Oxigraph formats."""

from __future__ import annotations

from pyoxigraph import QueryResultsFormat, RdfFormat

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
JSON_LD = "application/ld+json"
RDF_XML = "application/rdf+xml"

#: Formats of SELECT and ASK results, the first being the default.
RESULTS: dict[str, QueryResultsFormat] = {
    SPARQL_JSON: QueryResultsFormat.JSON,
    SPARQL_XML: QueryResultsFormat.XML,
    CSV: QueryResultsFormat.CSV,
    TSV: QueryResultsFormat.TSV,
}
#: Formats of CONSTRUCT and DESCRIBE results (and of the service description).
GRAPHS: dict[str, RdfFormat] = {
    TURTLE: RdfFormat.TURTLE,
    N_TRIPLES: RdfFormat.N_TRIPLES,
    JSON_LD: RdfFormat.JSON_LD,
    RDF_XML: RdfFormat.RDF_XML,
}
#: Values of the ``format`` request parameter.
SHORT_NAMES = {
    "json": SPARQL_JSON,
    "xml": SPARQL_XML,
    "csv": CSV,
    "tsv": TSV,
    "turtle": TURTLE,
    "ntriples": N_TRIPLES,
    "jsonld": JSON_LD,
    "rdfxml": RDF_XML,
}
#: Other media types clients ask for, answered in the canonical type.
RESULTS_ALIASES = {
    "application/json": SPARQL_JSON,
    "application/xml": SPARQL_XML,
    "text/xml": SPARQL_XML,
}
GRAPH_ALIASES = {
    "application/x-turtle": TURTLE,
    "text/plain": N_TRIPLES,
    "application/json": JSON_LD,
    "application/xml": RDF_XML,
    "text/xml": RDF_XML,
}
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


def offered(form: str) -> dict[str, str]:
    """Acceptable media types for a query form, each mapped to the canonical type answered."""
    if form in GRAPH_FORMS:
        return {**{t: t for t in GRAPHS}, **GRAPH_ALIASES}
    return {**{t: t for t in RESULTS}, **RESULTS_ALIASES}


def fits(form: str, media_type: str) -> bool:
    """Whether results of a query form can be written in ``media_type``."""
    return media_type in (GRAPHS if form in GRAPH_FORMS else RESULTS)
