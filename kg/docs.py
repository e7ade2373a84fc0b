"""Generated reference documentation of the ontology: a Markdown page with a class diagram."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.load import load_ontology, new_dataset
from kg.namespaces import CF, ONTOLOGY_GRAPH, compact
from kg.paths import Layout, default_layout

_CHARACTERISTICS = {
    OWL.TransitiveProperty: "transitive",
    OWL.SymmetricProperty: "symmetric",
}
_KINDS = (
    ("Object properties", OWL.ObjectProperty),
    ("Datatype properties", OWL.DatatypeProperty),
    ("Annotation properties", OWL.AnnotationProperty),
)


def ontology_graph(layout: Layout | None = None) -> Graph:
    """The ontology (with its controlled vocabularies) as one graph."""
    dataset = new_dataset()
    load_ontology(dataset, layout or default_layout())
    return dataset.graph(URIRef(ONTOLOGY_GRAPH))


def _ours(graph: Graph, kind: URIRef) -> list[URIRef]:
    """Terms of the project's namespace declared with rdf:type ``kind``, sorted."""
    return sorted(
        t for t in graph.subjects(RDF.type, kind) if isinstance(t, URIRef) and t.startswith(CF)
    )


def _text(graph: Graph, term: URIRef, predicate: URIRef) -> str:
    """The English value of an annotation, or an empty string."""
    values = [v for v in graph.objects(term, predicate) if getattr(v, "language", None) == "en"]
    return str(values[0]) if values else ""


def _names(terms: Iterable[object]) -> str:
    """Comma-separated compact names, or a dash."""
    names = sorted(compact(str(t)) for t in terms)
    return ", ".join(f"`{n}`" for n in names) or "–"


def _mermaid_id(term: URIRef) -> str:
    """A Mermaid class identifier for a term."""
    return compact(str(term)).replace(":", "_").replace("-", "_")


def _diagram(graph: Graph, classes: list[URIRef]) -> list[str]:
    """A Mermaid class diagram: subclass edges and object properties between our classes."""
    ours = set(classes)
    lines = ["```mermaid", "classDiagram"]
    for cls in classes:
        for parent in sorted(graph.objects(cls, RDFS.subClassOf)):
            if parent in ours:
                lines.append(f"    {_mermaid_id(parent)} <|-- {_mermaid_id(cls)}")
    for prop in _ours(graph, OWL.ObjectProperty):
        for domain in graph.objects(prop, RDFS.domain):
            for range_ in graph.objects(prop, RDFS.range):
                if domain in ours and range_ in ours:
                    label = compact(str(prop))
                    lines.append(
                        f"    {_mermaid_id(domain)} --> {_mermaid_id(range_)} : {label}"
                    )
    lines.append("```")
    return lines


def _class_rows(graph: Graph, classes: list[URIRef]) -> list[str]:
    """One table row per class."""
    rows = ["| class | label | subclass of | definition |", "|---|---|---|---|"]
    for cls in classes:
        rows.append(
            f"| `{compact(str(cls))}` | {_text(graph, cls, RDFS.label)} "
            f"| {_names(graph.objects(cls, RDFS.subClassOf))} "
            f"| {_text(graph, cls, SKOS.definition)} |"
        )
    return rows


def _property_rows(graph: Graph, kind: URIRef) -> list[str]:
    """One table row per property of ``kind``."""
    rows = [
        "| property | label | domain | range | characteristics | definition |",
        "|---|---|---|---|---|---|",
    ]
    for prop in _ours(graph, kind):
        traits = [name for t, name in _CHARACTERISTICS.items() if (prop, RDF.type, t) in graph]
        parents = graph.objects(prop, RDFS.subPropertyOf)
        traits += [f"sub-property of {_names([p])}" for p in parents]
        traits += [f"inverse of {_names([p])}" for p in graph.objects(prop, OWL.inverseOf)]
        rows.append(
            f"| `{compact(str(prop))}` | {_text(graph, prop, RDFS.label)} "
            f"| {_names(graph.objects(prop, RDFS.domain))} "
            f"| {_names(graph.objects(prop, RDFS.range))} "
            f"| {'; '.join(traits) or '–'} | {_text(graph, prop, SKOS.definition)} |"
        )
    return rows


def _scheme_sections(graph: Graph) -> list[str]:
    """One table per SKOS concept scheme, with each concept's mappings."""
    lines: list[str] = []
    for scheme in sorted(graph.subjects(RDF.type, SKOS.ConceptScheme)):
        lines += ["", f"### {_text(graph, scheme, RDFS.label)} (`{compact(str(scheme))}`)", ""]
        lines += ["| concept | label | notation | mappings |", "|---|---|---|---|"]
        for concept in sorted(graph.subjects(SKOS.inScheme, scheme)):
            mappings = [
                f"{compact(str(p)).removeprefix('skos:')} {_names([o])}"
                for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.broader)
                for o in graph.objects(concept, p)
            ]
            notation = graph.value(concept, SKOS.notation)
            lines.append(
                f"| `{compact(str(concept))}` | {_text(graph, concept, SKOS.prefLabel)} "
                f"| {notation or '–'} | {'; '.join(sorted(mappings)) or '–'} |"
            )
    return lines


def render(graph: Graph) -> str:
    """The whole reference page as Markdown."""
    classes = _ours(graph, OWL.Class)
    lines = [
        "# ceasefire-kg ontology reference",
        "",
        "Generated from `ontology/*.ttl` by `ceasefire-kg docs`; do not edit by hand.",
        "",
        f"Namespace: `{CF}` (prefix `cf:`).",
        "",
        "## Class diagram",
        "",
        *_diagram(graph, classes),
        "",
        "## Classes",
        "",
        *_class_rows(graph, classes),
    ]
    for title, kind in _KINDS:
        lines += ["", f"## {title}", "", *_property_rows(graph, kind)]
    lines += ["", "## Controlled vocabularies", *_scheme_sections(graph)]
    return "\n".join(lines) + "\n"
