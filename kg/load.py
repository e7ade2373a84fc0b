"""Parse the project's Turtle files into named graphs of an rdflib Dataset."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph
from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.errors import InputError
from kg.namespaces import BASE, ONTOLOGY_GRAPH, SOURCE_GRAPH_PREFIX
from kg.oxstore import PlainLiteralStore
from kg.paths import Layout, default_layout

log = logging.getLogger(__name__)


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of character ``offset`` in ``text``."""
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _syntax_error(path: Path, err: BadSyntax) -> InputError:
    """An InputError locating a notation3/Turtle parser error.

    ``BadSyntax`` keeps the parsed text (UTF-8 encoded) in ``_str`` and the character offset
    of the error in ``_i``; ``lines`` is a 0-based line count kept by the parser.
    """
    text_bytes: bytes | None = getattr(err, "_str", None)
    offset: int | None = getattr(err, "_i", None)
    reason = str(getattr(err, "_why", "")) or "bad syntax"
    if text_bytes is None or offset is None:
        return InputError(path, reason, line=getattr(err, "lines", 0) + 1)
    line, column = _position(text_bytes.decode("utf-8", errors="replace"), offset)
    return InputError(path, reason, line=line, column=column)


def _parse_with_rdflib(path: Path, data: bytes, graph: Graph, base: str) -> None:
    """Parse with rdflib's Turtle parser, whose errors locate the problem."""
    try:
        graph.parse(data=data, format="turtle", publicID=base)
    except BadSyntax as err:
        raise _syntax_error(path, err) from err
    except (SyntaxError, ValueError) as err:
        raise InputError(path, f"invalid Turtle: {err}") from err


def parse_turtle(path: Path, graph: Graph) -> None:
    """Parse the Turtle file ``path`` into ``graph``, raising InputError on any problem.

    Relative IRIs resolve against the graph's name (or the project base), never the file path.
    A graph of an Oxigraph-backed dataset is loaded by Oxigraph's parser; if that fails, rdflib
    parses the file again to report the error as it always has.
    """
    base = str(graph.identifier) if isinstance(graph.identifier, URIRef) else BASE
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(path, f"cannot read file: {err.strerror or err}") from err
    if isinstance(graph.store, PlainLiteralStore) and isinstance(graph.identifier, URIRef):
        try:
            graph.store._inner.load(
                data,
                format=pyoxigraph.RdfFormat.TURTLE,
                base_iri=base,
                to_graph=pyoxigraph.NamedNode(str(graph.identifier)),
            )
        except (SyntaxError, ValueError) as err:
            _parse_with_rdflib(path, data, Graph(), base)
            raise InputError(path, f"invalid Turtle: {err}") from err
    else:
        _parse_with_rdflib(path, data, graph, base)
    log.debug("parsed %s into %s", path.name, graph.identifier)


def source_graph(path: Path) -> URIRef:
    """The named graph holding the source document stored in ``path``."""
    return URIRef(SOURCE_GRAPH_PREFIX + path.stem)


def new_dataset() -> Dataset:
    """An empty in-memory Oxigraph-backed Dataset whose default graph is the union of its
    named graphs."""
    return Dataset(store=PlainLiteralStore(), default_union=True)


def load_ontology(dataset: Dataset, layout: Layout | None = None) -> None:
    """Parse every ontology file (not the shapes) into the ontology graph."""
    layout = layout or default_layout()
    graph = dataset.graph(URIRef(ONTOLOGY_GRAPH))
    for path in layout.ontology_files():
        parse_turtle(path, graph)


def load_files(paths: Iterable[Path], dataset: Dataset | None = None) -> Dataset:
    """Parse each Turtle file into its own source graph (named after the file stem)."""
    dataset = dataset if dataset is not None else new_dataset()
    seen: dict[URIRef, Path] = {}
    for path in map(Path, paths):
        name = source_graph(path)
        if name in seen:
            raise InputError(path, f"same source graph {name} as {seen[name]}")
        seen[name] = path
        parse_turtle(path, dataset.graph(name))
    return dataset


def load_project(layout: Layout | None = None) -> Dataset:
    """The ontology graph plus one named graph per facts file."""
    layout = layout or default_layout()
    dataset = new_dataset()
    load_ontology(dataset, layout)
    load_files(layout.fact_files(), dataset)
    return dataset
