"""SHACL validation of the knowledge graph and a readable report of its violations."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
from oxrdflib import OxigraphStore
from pyoxigraph import NamedNode
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from kg.derive import derive
from kg.load import load_files, load_ontology, new_dataset, parse_turtle
from kg.namespaces import compact
from kg.oxstore import inner, plain
from kg.paths import Layout, default_layout
from kg.reason import infer
from kg.shape_scope import predicates_read

log = logging.getLogger(__name__)

_PATH_SUFFIX = {
    SH.zeroOrMorePath: "*",
    SH.oneOrMorePath: "+",
    SH.zeroOrOnePath: "?",
}


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result, every term rendered with the project's prefixes."""

    focus: str
    path: str | None
    shape: str
    component: str
    severity: str
    message: str
    value: str | None

    def render(self) -> str:
        """A block of ``label: value`` lines."""
        lines = [
            f"{self.severity}: {self.message}",
            f"  focus node: {self.focus}",
            f"  path:       {self.path or '-'}",
            f"  value:      {self.value or '-'}",
            f"  shape:      {self.shape}",
            f"  constraint: {self.component}",
        ]
        return "\n".join(lines)


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a validation: conforms unless a result has severity Violation."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def render(self) -> str:
        """The whole report as text: a summary line then one block per result."""
        if not self.violations:
            return "Conforms: no SHACL results."
        head = "Conforms" if self.conforms else "Does not conform"
        blocks = [f"{head}: {len(self.violations)} SHACL result(s)."]
        blocks += [v.render() for v in self.violations]
        return "\n\n".join(blocks)


def term(node: Node | None) -> str | None:
    """A short readable form of an RDF term."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return compact(str(node))
    if isinstance(node, Literal):
        text = f'"{node}"'
        if node.language:
            return f"{text}@{node.language}"
        return f"{text}^^{compact(str(node.datatype))}" if node.datatype else text
    return f"_:{node}"


def path_text(graph: Graph, node: Node) -> str:
    """A SHACL property path in SPARQL property path syntax."""
    if isinstance(node, URIRef):
        return compact(str(node))
    if (node, RDF.first, None) in graph:
        return "/".join(path_text(graph, item) for item in Collection(graph, node))
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + path_text(graph, inverse)
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(path_text(graph, i) for i in Collection(graph, alternatives)) + ")"
    for predicate, suffix in _PATH_SUFFIX.items():
        inner = graph.value(node, predicate)
        if inner is not None:
            return f"({path_text(graph, inner)}){suffix}"
    return term(node) or "?"


def shape_text(shapes: Graph, shape: Node) -> str:
    """The IRI of a shape, or a description of a blank shape via its parent and path."""
    if not isinstance(shape, BNode):
        return term(shape) or "?"
    parts = []
    path = shapes.value(shape, SH.path)
    if path is not None:
        parts.append(f"property shape on {path_text(shapes, path)}")
    else:
        parts.append("anonymous shape")
    parent = shapes.value(None, SH.property, shape) or shapes.value(None, SH.node, shape)
    if parent is not None:
        parts.append(f"of {shape_text(shapes, parent)}")
    return " ".join(parts)


def _component_text(component: Node | None) -> str:
    """A constraint component such as ``sh:MinCountConstraintComponent``."""
    if component is None:
        return "?"
    if str(component).startswith(str(SH)):
        return "sh:" + str(component)[len(str(SH)) :]
    return term(component) or "?"


def _violation(results: Graph, shapes: Graph, result: Node) -> Violation:
    """Read one sh:ValidationResult node of a results graph."""
    path = results.value(result, SH.resultPath)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    component = results.value(result, SH.sourceConstraintComponent)
    severity = results.value(result, SH.resultSeverity)
    return Violation(
        focus=term(results.value(result, SH.focusNode)) or "?",
        path=path_text(results, path) if path is not None else None,
        shape=shape_text(shapes, results.value(result, SH.sourceShape)),
        component=_component_text(component),
        severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        message="; ".join(messages) or f"{_component_text(component)} not satisfied",
        value=term(results.value(result, SH.value)),
    )


def load_shapes(path: Path) -> Graph:
    """Parse the SHACL shapes file."""
    shapes = Graph()
    parse_turtle(path, shapes)
    return shapes


@functools.lru_cache(maxsize=64)
def _prepared(text: str) -> Query:
    """The parsed form of a SPARQL query text."""
    return prepareQuery(text)


class _PreparedQueryGraph(Graph):
    """A Graph that parses each distinct SPARQL text once: pyshacl sends the text of a SPARQL
    constraint again for every focus node, and parsing costs far more than evaluating."""

    def query(self, query_object: str | Query, *args: object, **kwargs: object) -> Result:  # type: ignore[override]  # noqa: E501
        """Evaluate a query as Graph.query does, parsing a text only the first time."""
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def validate_graph(data: Graph, shapes: Graph) -> ValidationReport:
    """Validate ``data`` against ``shapes``; no inference (reasoning already ran)."""
    _, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        allow_warnings=True,
        allow_infos=True,
    )
    violations = sorted(
        (_violation(results, shapes, r) for r in results.subjects(RDF.type, SH.ValidationResult)),
        key=lambda v: (v.severity != "Violation", v.focus, v.path or "", v.shape, v.message),
    )
    conforms = not any(v.severity == "Violation" for v in violations)
    log.info("validation: %d result(s), conforms=%s", len(violations), conforms)
    return ValidationReport(conforms=conforms, violations=violations)


def data_graph(dataset: Dataset, predicates: set[URIRef] | None = None) -> Graph:
    """The triples of every named graph of ``dataset`` as one Graph: all of them, or only
    those with one of ``predicates``. Read straight from Oxigraph when the dataset is
    Oxigraph-backed, converting each distinct term once."""
    merged = _PreparedQueryGraph()
    if not isinstance(dataset.store, OxigraphStore):
        for predicate in [None] if predicates is None else sorted(predicates):
            for quad in dataset.quads((None, predicate, None, None)):
                merged.add(quad[:3])
        return merged
    store = inner(dataset)
    converted: dict[object, Node] = {}

    def term(value: object) -> Node:
        found = converted.get(value)
        if found is None:
            found = converted[value] = plain(value)  # type: ignore[arg-type]
        return found

    patterns = [None] if predicates is None else [NamedNode(str(p)) for p in sorted(predicates)]
    for predicate in patterns:
        for quad in store.quads_for_pattern(None, predicate, None, None):
            merged.store.add((term(quad.subject), term(quad.predicate), term(quad.object)), merged)
    return merged


def validate_dataset(dataset: Dataset, layout: Layout | None = None) -> ValidationReport:
    """Validate the union of all graphs of ``dataset`` against the project's shapes,
    giving pyshacl only the triples the shapes can read (see kg.shape_scope)."""
    layout = layout or default_layout()
    shapes = load_shapes(layout.shapes_file)
    return validate_graph(data_graph(dataset, predicates_read(shapes)), shapes)


def validate_files(paths: Iterable[Path], layout: Layout | None = None) -> ValidationReport:
    """Check new source files on their own: load with the ontology, reason, derive, validate."""
    layout = layout or default_layout()
    dataset = new_dataset()
    load_ontology(dataset, layout)
    load_files(paths, dataset)
    infer(dataset)
    derive(dataset, layout)
    return validate_dataset(dataset, layout)
