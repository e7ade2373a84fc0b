"""The SPARQL 1.1 Service Description of the endpoint, with VoID counts of its dataset."""

from __future__ import annotations

from collections.abc import Mapping

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from api import formats, results

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")
PREFIXES = {"sd": SD, "void": VOID, "formats": "http://www.w3.org/ns/formats/"}
#: W3C format IRIs of the result formats the endpoint writes.
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)
#: Types the description is offered in; Turtle is the default.
OFFERED = tuple(formats.GRAPHS)


def _sd(name: str) -> NamedNode:
    return NamedNode(SD + name)


def _count(n: int) -> Literal:
    return Literal(str(n), datatype=XSD_INTEGER)


def describe(endpoint: str, stats: Mapping, allow_service: bool) -> list[Triple]:
    """Triples describing the endpoint at ``endpoint`` and the dataset counted in ``stats``."""
    service, dataset, default = BlankNode(), BlankNode(), BlankNode()
    triples = [
        Triple(service, RDF_TYPE, _sd("Service")),
        Triple(service, _sd("endpoint"), NamedNode(endpoint)),
        Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        *(
            Triple(service, _sd("resultFormat"), NamedNode(PREFIXES["formats"] + name))
            for name in RESULT_FORMATS
        ),
        Triple(service, _sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, _sd("Dataset")),
        Triple(dataset, RDF_TYPE, NamedNode(VOID + "Dataset")),
        Triple(dataset, NamedNode(VOID + "triples"), _count(stats["triples"])),
        Triple(dataset, _sd("defaultGraph"), default),
        Triple(default, RDF_TYPE, _sd("Graph")),
        Triple(default, NamedNode(VOID + "triples"), _count(stats["default_graph_triples"])),
    ]
    if allow_service:
        triples.append(Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    for name, count in stats["graphs"].items():
        named, graph = BlankNode(), BlankNode()
        triples += [
            Triple(dataset, _sd("namedGraph"), named),
            Triple(named, RDF_TYPE, _sd("NamedGraph")),
            Triple(named, _sd("name"), NamedNode(name)),
            Triple(named, _sd("graph"), graph),
            Triple(graph, RDF_TYPE, _sd("Graph")),
            Triple(graph, NamedNode(VOID + "triples"), _count(count)),
        ]
    return triples


def serialize(triples: list[Triple], media_type: str) -> bytes:
    """The description in one of the OFFERED media types, written by Oxigraph."""
    return results.triples(triples, media_type, PREFIXES)
