"""Checking a query before it reaches a store, and adding the project's PREFIX declarations.

The query is parsed with rdflib's SPARQL 1.1 parser, which yields a parse tree: from it come
the query form, whether the query has FROM/FROM NAMED clauses, whether it uses SERVICE
(federation, i.e. an outbound request made by the store), and the prefixes it declares and
uses. Nothing is evaluated here. A text rdflib cannot parse as a query is refused, with a
clearer refusal when it parses as a SPARQL Update.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from api.errors import QueryRejected
from kg.namespaces import PREFIXES, sparql_prologue

FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
#: pyparsing grammars are not thread-safe: concurrent parses corrupt them for good.
_PARSER = threading.Lock()
READ_ONLY = "SPARQL Update is not allowed: this endpoint is read-only"
# Positions in store messages: Oxigraph "at 3:16", rdflib "(line:3, col:16)", Jena "line 3,".
_OXIGRAPH_POSITION = re.compile(r"\bat (\d+):(\d+)")
_LINE_POSITION = re.compile(r"\b(line:?\s*)(\d+)")


@dataclass(frozen=True)
class Analysis:
    """What the service needs to know about a query before running it."""

    form: str
    #: Whether the query names its own dataset with FROM or FROM NAMED.
    has_dataset: bool
    uses_service: bool
    #: The text to evaluate: PREFIX lines for project prefixes used but not declared, then
    #: the user's text unchanged.
    text: str
    #: How many lines precede the user's text in ``text``.
    offset: int


def _nodes(node: object) -> Iterator[CompValue]:
    """Every CompValue of a parse tree, depth first."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, CompValue):
            yield current
            stack.extend(current.values())
        elif isinstance(current, ParseResults | list | tuple):
            stack.extend(current)


def _syntax_error(query: str, err: ParseBaseException) -> QueryRejected:
    """A 400 refusal naming the line and column of the user's text where parsing failed."""
    try:
        with _PARSER:
            parseUpdate(query)
    except (ParseBaseException, RecursionError):
        found = f", found {err.found}" if getattr(err, "found", "") else ""
        where = f"line {err.lineno}, column {err.col}"
        return QueryRejected(f"syntax error at {where}: {err.msg}{found}", 400)
    return QueryRejected(READ_ONLY, 403)


@lru_cache(maxsize=512)
def analyze(query: str) -> Analysis:
    """Parse ``query`` and describe it; raise QueryRejected when it is not a valid query."""
    try:
        with _PARSER:
            tree = parseQuery(query)
    except ParseBaseException as err:
        raise _syntax_error(query, err) from None
    except RecursionError:
        raise QueryRejected("the query is nested too deeply to be checked", 400) from None
    prologue, body = tree[0], tree[1]
    declared = {decl.prefix or "" for decl in _nodes(prologue) if decl.name == "PrefixDecl"}
    nodes = list(_nodes(body))
    used = {node.prefix or "" for node in nodes if node.name == "pname"}
    unknown = sorted(used - declared - set(PREFIXES))
    if unknown:
        names = ", ".join(f"{p}:" for p in unknown)
        raise QueryRejected(f"undeclared prefix {names} (declare it with PREFIX)", 400)
    prologue_text = sparql_prologue(used - declared)
    return Analysis(
        form=FORMS[body.name],
        has_dataset="datasetClause" in body,
        uses_service=any(node.name == "ServiceGraphPattern" for node in nodes),
        text=prologue_text + query,
        offset=prologue_text.count("\n"),
    )


def relocate(message: str, offset: int) -> str:
    """A store's error message with line numbers moved back to the user's own text."""
    if not offset:
        return message

    def oxigraph(match: re.Match[str]) -> str:
        return f"at {max(int(match.group(1)) - offset, 1)}:{match.group(2)}"

    def line(match: re.Match[str]) -> str:
        return f"{match.group(1)}{max(int(match.group(2)) - offset, 1)}"

    return _LINE_POSITION.sub(line, _OXIGRAPH_POSITION.sub(oxigraph, message))
