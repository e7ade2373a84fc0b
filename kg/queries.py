"""Named SPARQL queries: header metadata, typed parameters, and engine-neutral results.

A query file starts with comment lines::

    # title: Truces that frayed within N days
    # description: One or more lines; repeat "# description:" or continue the
    #   previous field with a "#" followed by at least two spaces.
    # param: days integer = 7 -- Maximum number of days between start and violation
    # param: from dateTime -- Earliest time (optional, no default)

Parameter types are integer, decimal, boolean, string, date, dateTime and iri. In the body
a parameter is the SPARQL variable ``$name``; rendering replaces it by the value as an RDF
term, or leaves it unbound when the parameter has neither value nor default. The body has
no PREFIX lines: the project prologue is prepended.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import ParamError, QueryError
from kg.namespaces import resolve_iri, sparql_prologue
from kg.paths import Layout, default_layout

PARAM_TYPES = ("integer", "decimal", "boolean", "string", "date", "dateTime", "iri")

_HEADER_FIELD = re.compile(r"^#\s?(?P<key>title|description|param):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(?P<value>\S.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>\w+)"
    r"(?:\s*=\s*(?P<default>.*?))?(?:\s+--\s*(?P<description>.*))?$"
)
# Tokens that may contain a "$": strings, IRIs and comments are skipped, variables replaced.
_TOKENS = re.compile(
    r'(?P<skip>"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*)"
    r"|\$(?P<var>[A-Za-z_][A-Za-z0-9_]*)"
)
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?")


@dataclass(frozen=True)
class Param:
    """A declared query parameter."""

    name: str
    type: str
    default: str | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A query file with its header metadata."""

    name: str
    path: Path
    title: str
    description: str
    params: tuple[Param, ...]
    body: str

    def render(self, values: Mapping[str, str] | None = None) -> str:
        """The runnable query text: prologue plus body with parameter values substituted."""
        values = dict(values or {})
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            known = ", ".join(declared) or "none"
            why = f"unknown parameter of query {self.name!r} (known: {known})"
            raise ParamError(unknown[0], why)
        terms: dict[str, str] = {}
        for param in self.params:
            raw = values.get(param.name, param.default)
            if raw is not None:
                terms[param.name] = to_term(param, raw)

        def substitute(match: re.Match[str]) -> str:
            var = match.group("var")
            return terms.get(var, match.group(0)) if var else match.group(0)

        return sparql_prologue() + _TOKENS.sub(substitute, self.body)


def _bad(param: Param, raw: str, why: str) -> ParamError:
    """A ParamError for a value that does not fit the parameter's type."""
    return ParamError(param.name, f"{raw!r} is not a valid {param.type}: {why}")


def _iri(param: Param, raw: str) -> str:
    """An absolute IRI or an expanded prefixed name of the project."""
    try:
        return URIRef(resolve_iri(raw)).n3()
    except ValueError as err:
        raise _bad(param, raw, str(err)) from err


def to_term(param: Param, raw: str) -> str:
    """Serialize the string ``raw`` as the SPARQL term of ``param``'s type, checking it strictly."""
    kind = param.type
    if kind == "string":
        return Literal(raw).n3()
    if kind == "iri":
        return _iri(param, raw)
    if kind == "integer":
        if not _INTEGER.fullmatch(raw):
            raise _bad(param, raw, "expected digits with an optional sign")
        return Literal(int(raw)).n3()
    if kind == "decimal":
        if not _DECIMAL.fullmatch(raw):
            raise _bad(param, raw, "expected a decimal number such as 2.5")
        try:
            return Literal(Decimal(raw), datatype=XSD.decimal).n3()
        except InvalidOperation as err:
            raise _bad(param, raw, str(err)) from err
    if kind == "boolean":
        if raw.lower() not in ("true", "false"):
            raise _bad(param, raw, "expected true or false")
        return Literal(raw.lower() == "true").n3()
    if kind == "date":
        try:
            if not _DATE.fullmatch(raw):
                raise ValueError("expected YYYY-MM-DD")
            return Literal(date.fromisoformat(raw).isoformat(), datatype=XSD.date).n3()
        except ValueError as err:
            raise _bad(param, raw, str(err)) from err
    if kind == "dateTime":
        try:
            if not _DATETIME.fullmatch(raw):
                raise ValueError("expected YYYY-MM-DDThh:mm[:ss] with a time zone (Z or +hh:mm)")
            value = datetime.fromisoformat(raw)
        except ValueError as err:
            raise _bad(param, raw, str(err)) from err
        if value.tzinfo is None:
            raise _bad(param, raw, "a time zone is required, e.g. 2020-10-10T12:00:00Z")
        return Literal(value.isoformat(), datatype=XSD.dateTime).n3()
    raise ParamError(param.name, f"unknown type {kind!r} (use one of {', '.join(PARAM_TYPES)})")


def _parse_param(path: Path, text: str) -> Param:
    """One ``# param:`` declaration."""
    match = _PARAM.match(text.strip())
    if not match:
        raise QueryError(f"{path.name}: cannot read param declaration {text!r}")
    default = match.group("default")
    if default is not None:
        default = default.strip()
        if len(default) >= 2 and default[0] == default[-1] == '"':
            default = default[1:-1]
    param = Param(
        name=match.group("name"),
        type=match.group("type"),
        default=default,
        description=(match.group("description") or "").strip(),
    )
    if param.type not in PARAM_TYPES:
        raise QueryError(
            f"{path.name}: param {param.name!r} has unknown type {param.type!r} "
            f"(use one of {', '.join(PARAM_TYPES)})"
        )
    if param.default is not None:
        try:
            to_term(param, param.default)
        except ParamError as err:
            raise QueryError(f"{path.name}: bad default of {err}") from err
    return param


def parse_query_file(path: Path) -> NamedQuery:
    """Read a query file and its header."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise QueryError(f"cannot read query file {path}: {err.strerror or err}") from err
    fields: dict[str, list[str]] = {"title": [], "description": []}
    params: list[list[str]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        if match := _HEADER_FIELD.match(stripped):
            key = match.group("key")
            current = [match.group("value").strip()]
            if key == "param":
                params.append(current)
            else:
                fields[key].extend(current)
                current = fields[key]
        elif (match := _CONTINUATION.match(stripped)) and current is not None:
            current.append(match.group("value").strip())
        else:
            current = None
    parsed = tuple(_parse_param(path, " ".join(p)) for p in params)
    names = [p.name for p in parsed]
    if len(set(names)) != len(names):
        raise QueryError(f"{path.name}: a parameter is declared twice")
    used = {m.group("var") for m in _TOKENS.finditer(text) if m.group("var")}
    for param in parsed:
        if param.name not in used:
            raise QueryError(f"{path.name}: param {param.name!r} is never used as ${param.name}")
    return NamedQuery(
        name=path.stem,
        path=path,
        title=" ".join(fields["title"]) or path.stem,
        description=" ".join(fields["description"]),
        params=parsed,
        body=text,
    )


def list_queries(layout: Layout | None = None) -> list[NamedQuery]:
    """Every named query of the queries folder, by name."""
    layout = layout or default_layout()
    return [parse_query_file(p) for p in layout.query_files()]


def get_query(name: str, layout: Layout | None = None) -> NamedQuery:
    """The named query ``name`` of the queries folder."""
    layout = layout or default_layout()
    path = layout.queries_dir / f"{name}.rq"
    if not _NAME.fullmatch(name) or not path.is_file():
        names = ", ".join(p.stem for p in layout.query_files()) or "(none)"
        raise QueryError(f"unknown query {name!r}; available queries: {names}")
    return parse_query_file(path)


@dataclass(frozen=True)
class QueryResult:
    """Engine-neutral results: N-Triples terms (None when unbound), or a boolean for ASK."""

    variables: list[str]
    rows: list[tuple[str | None, ...]]
    boolean: bool | None = None


def _escape(text: str) -> str:
    """Escape a lexical form for an N-Triples string."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def nt_literal(lexical: str, datatype: str | None, language: str | None) -> str:
    """The N-Triples form of a literal (xsd:string datatype left implicit)."""
    text = f'"{_escape(lexical)}"'
    if language:
        return f"{text}@{language.lower()}"
    if datatype and datatype != str(XSD.string):
        return f"{text}^^<{datatype}>"
    return text


def _rdflib_term(node: Node | None) -> str | None:
    """N-Triples form of an rdflib term."""
    if node is None:
        return None
    if isinstance(node, Literal):
        datatype = str(node.datatype) if node.datatype else None
        return nt_literal(str(node), datatype, node.language)
    if isinstance(node, BNode):
        return f"_:{node}"
    return f"<{node}>"


def _oxigraph_term(node: object) -> str | None:
    """N-Triples form of a pyoxigraph term."""
    if node is None:
        return None
    if isinstance(node, pyoxigraph.Literal):
        return nt_literal(node.value, node.datatype.value, node.language)
    if isinstance(node, pyoxigraph.BlankNode):
        return f"_:{node.value}"
    if isinstance(node, pyoxigraph.NamedNode):
        return f"<{node.value}>"
    return str(node)


def run_rdflib(dataset: Dataset, query_text: str) -> QueryResult:
    """Run a SELECT or ASK query with rdflib; the default graph is the union of all graphs."""
    if not dataset.default_union:
        raise QueryError("the rdflib Dataset must have default_union=True")
    try:
        result = dataset.query(query_text, use_store_provided=False)
        if result.type == "ASK":
            return QueryResult(variables=[], rows=[], boolean=bool(result.askAnswer))
        if result.type != "SELECT":
            raise QueryError("only SELECT and ASK queries can be run")
        variables = [str(v) for v in result.vars or []]
        rows = [tuple(_rdflib_term(row[v]) for v in variables) for row in result]
    except QueryError:
        raise
    except Exception as err:  # pyparsing and evaluation errors come in many classes
        raise QueryError(f"query failed (rdflib): {err}") from err
    return QueryResult(variables=variables, rows=rows)


def run_oxigraph(store: pyoxigraph.Store, query_text: str) -> QueryResult:
    """Run a SELECT or ASK query with pyoxigraph over the union of all graphs."""
    try:
        result = store.query(query_text, use_default_graph_as_union=True)
        if isinstance(result, pyoxigraph.QueryBoolean):
            return QueryResult(variables=[], rows=[], boolean=bool(result))
        if not isinstance(result, pyoxigraph.QuerySolutions):
            raise QueryError("only SELECT and ASK queries can be run")
        variables = [v.value for v in result.variables]
        rows = [tuple(_oxigraph_term(s[v]) for v in variables) for s in result]
    except QueryError:
        raise
    except (SyntaxError, OSError, ValueError) as err:
        raise QueryError(f"query failed (oxigraph): {err}") from err
    return QueryResult(variables=variables, rows=rows)
