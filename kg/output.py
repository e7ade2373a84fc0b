"""Formatters for query results: rich table, SPARQL CSV and SPARQL JSON."""

from __future__ import annotations

import csv
import io
import json
import re

from rich.table import Table

from kg.namespaces import compact
from kg.queries import QueryResult

FORMATS = ("table", "csv", "json")

_NT_LITERAL = re.compile(r'^"(?P<lex>(?:[^"\\]|\\.)*)"(?:@(?P<lang>[^ ]+)|\^\^<(?P<dt>[^>]*)>)?$')
_UNESCAPE = {"\\\\": "\\", '\\"': '"', "\\n": "\n", "\\r": "\r"}


def parse_term(nt: str) -> dict[str, str]:
    """A term in the SPARQL JSON results shape from its N-Triples form."""
    if nt.startswith("<") and nt.endswith(">"):
        return {"type": "uri", "value": nt[1:-1]}
    if nt.startswith("_:"):
        return {"type": "bnode", "value": nt[2:]}
    match = _NT_LITERAL.match(nt)
    if not match:
        return {"type": "literal", "value": nt}
    lexical = re.sub(r"\\[\\\"nr]", lambda m: _UNESCAPE[m.group(0)], match.group("lex"))
    term = {"type": "literal", "value": lexical}
    if match.group("lang"):
        term["xml:lang"] = match.group("lang")
    elif match.group("dt"):
        term["datatype"] = match.group("dt")
    return term


def _plain(nt: str | None) -> str:
    """The value of a term without markup (CSV form)."""
    if nt is None:
        return ""
    term = parse_term(nt)
    return "_:" + term["value"] if term["type"] == "bnode" else term["value"]


def _readable(nt: str | None) -> str:
    """A short display form: prefixed IRIs and bare literal values."""
    if nt is None:
        return ""
    term = parse_term(nt)
    if term["type"] == "uri":
        return compact(term["value"])
    return _plain(nt)


def to_json(result: QueryResult) -> str:
    """The SPARQL 1.1 Query Results JSON document."""
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=2)
    bindings = [
        {
            var: parse_term(value)
            for var, value in zip(result.variables, row, strict=True)
            if value is not None
        }
        for row in result.rows
    ]
    doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, indent=2, ensure_ascii=False)


def to_csv(result: QueryResult) -> str:
    """The SPARQL 1.1 Query Results CSV document (CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.boolean is not None:
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return out.getvalue()
    writer.writerow(result.variables)
    writer.writerows([_plain(v) for v in row] for row in result.rows)
    return out.getvalue()


def to_table(result: QueryResult, title: str | None = None) -> Table:
    """A rich Table of the results with prefixed names."""
    table = Table(title=title)
    if result.boolean is not None:
        table.add_column("answer")
        table.add_row("yes" if result.boolean else "no")
        return table
    for var in result.variables:
        table.add_column(var, overflow="fold")
    for row in result.rows:
        table.add_row(*(_readable(v) for v in row))
    table.caption = f"{len(result.rows)} row(s)"
    return table
