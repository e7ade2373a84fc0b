"""What the service says about one entity: its RDF description and the view of its HTML page."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from api.routes.engine_calls import Row, ask, construct, select
from api.routes.terms import Term, unit_name
from kg.namespaces import CF, DERIVED_GRAPH, ID, INFERRED_GRAPH, ONTOLOGY_GRAPH, SOURCE_GRAPH_PREFIX

# The entity, its triples both ways, and the blank nodes hanging off it (citations, time
# instants) to two levels; for incoming triples from a blank node, what that node hangs off.
_DESCRIPTION = """
CONSTRUCT {
  $e ?p ?o . ?o ?p2 ?o2 . ?o2 ?p3 ?o3 .
  ?s ?q $e . ?s2 ?q2 ?s .
}
WHERE {
  {
    $e ?p ?o .
    OPTIONAL { ?o ?p2 ?o2 FILTER (isBlank(?o)) OPTIONAL { ?o2 ?p3 ?o3 FILTER (isBlank(?o2)) } }
  } UNION {
    ?s ?q $e .
    OPTIONAL { ?s2 ?q2 ?s FILTER (isBlank(?s)) }
  }
}
"""

_EXISTS = "ASK { { $e ?p ?o } UNION { ?s ?p $e } }"

_STATEMENTS = """
SELECT ?direction ?property ?value ?graph ?propertyLabel ?valueLabel
WHERE {
  {
    GRAPH ?graph { $e ?property ?value }
    BIND ("out" AS ?direction)
  } UNION {
    GRAPH ?graph { ?value ?property $e }
    BIND ("in" AS ?direction)
  }
  FILTER (!isBlank(?value))
  OPTIONAL { ?property rdfs:label ?propertyLabel }
  OPTIONAL { ?value rdfs:label|skos:prefLabel ?valueLabel }
}
ORDER BY ?direction ?property STR(?value) ?value ?graph ?propertyLabel ?valueLabel
"""

_TIMES = """
SELECT ?property ?propertyLabel ?time ?precision ?precisionLabel ?statedAs ?graph
WHERE {
  GRAPH ?graph { $e ?property ?instant . ?instant time:inXSDDateTime ?time }
  FILTER (isBlank(?instant))
  OPTIONAL { ?instant cf:precision ?precision OPTIONAL { ?precision rdfs:label ?precisionLabel } }
  OPTIONAL { ?instant cf:statedAs ?statedAs }
  OPTIONAL { ?property rdfs:label ?propertyLabel }
}
ORDER BY ?time ?property ?graph ?precision ?precisionLabel ?statedAs ?propertyLabel
"""

_CITATIONS = """
SELECT ?role ?subject ?subjectLabel ?quotation ?source ?sourceLabel ?saidBy ?saidByLabel
WHERE {
  {
    $e cf:citation ?citation .
    BIND ($e AS ?subject)
    BIND ("of" AS ?role)
  } UNION {
    ?subject cf:citation ?citation .
    ?citation cf:saidBy $e .
    BIND ("by" AS ?role)
  }
  ?citation cf:quotation ?quotation .
  OPTIONAL { ?citation dcterms:source ?source OPTIONAL { ?source rdfs:label ?sourceLabel } }
  OPTIONAL { ?citation cf:saidBy ?saidBy OPTIONAL { ?saidBy rdfs:label ?saidByLabel } }
  OPTIONAL { ?subject rdfs:label ?subjectLabel }
}
ORDER BY ?role ?subjectLabel ?subject ?quotation ?source ?sourceLabel ?saidBy ?saidByLabel
"""

_CLAIMS = """
SELECT ?claim ?claimLabel ?kindLabel ?content ?contested ?claimant ?claimantLabel
       ?perpetrator ?perpetratorLabel ?denies ?deniesLabel ?quotation ?saidBy ?saidByLabel
WHERE {
  ?claim cf:about $e ;
         a cf:Claim ;
         rdfs:label ?claimLabel .
  OPTIONAL { ?claim cf:eventType/skos:prefLabel ?kindLabel }
  OPTIONAL { ?claim cf:content ?content }
  OPTIONAL { ?claim cf:claimant ?claimant . ?claimant rdfs:label ?claimantLabel }
  OPTIONAL { ?claim cf:allegedPerpetrator ?perpetrator . ?perpetrator rdfs:label ?perpetratorLabel }
  OPTIONAL { ?claim cf:denies ?denies . ?denies rdfs:label ?deniesLabel }
  OPTIONAL {
    ?claim cf:citation ?citation .
    ?citation cf:quotation ?quotation .
    OPTIONAL { ?citation cf:saidBy ?saidBy . ?saidBy rdfs:label ?saidByLabel }
  }
  BIND (EXISTS { ?claim cf:contested true } AS ?contested)
}
ORDER BY ?claimLabel ?claim ?kindLabel ?content ?claimant ?claimantLabel ?perpetrator
         ?perpetratorLabel ?denies ?deniesLabel ?quotation ?saidBy ?saidByLabel
"""


def _bind(query: str, iri: str) -> str:
    """``query`` with ``$e`` replaced by the IRI of the entity (already checked by the caller)."""
    return query.replace("$e", URIRef(iri).n3())


async def exists(request: Request, iri: str) -> bool:
    """Whether the graph has any triple with the entity ``iri``."""
    return await ask(request, _bind(_EXISTS, iri))


async def description(request: Request, iri: str) -> tuple[Graph, bool]:
    """The symmetric concise bounded description of the entity ``iri`` (empty if unknown),
    and whether the row cap cut it."""
    return await construct(request, _bind(_DESCRIPTION, iri))


@dataclass(frozen=True)
class Provenance:
    """Which named graph holds a statement: a source's statement, or inferred or derived."""

    kind: str  # "stated", "inferred", "derived" or "ontology"
    source: Term | None = None

    @property
    def source_path(self) -> str | None:
        """The local page of the source that states the statement."""
        return self.source.path if self.source else None


def provenance(graph: str) -> Provenance:
    """The provenance of a statement held in the named graph ``graph``."""
    if graph.startswith(SOURCE_GRAPH_PREFIX):
        source = ID + "source/" + graph[len(SOURCE_GRAPH_PREFIX) :]
        return Provenance("stated", Term("uri", source))
    return {
        INFERRED_GRAPH: Provenance("inferred"),
        DERIVED_GRAPH: Provenance("derived"),
        ONTOLOGY_GRAPH: Provenance("ontology"),
    }.get(graph, Provenance("other", Term("uri", graph)))


@dataclass
class Statement:
    """One triple about the entity with the graphs that hold it."""

    direction: str
    property: Term
    property_label: str | None
    value: Term
    value_label: str | None
    graphs: list[Provenance] = field(default_factory=list)


@dataclass(frozen=True)
class Time:
    """A time of the entity with its precision and the words the source used."""

    property: Term
    property_label: str | None
    time: str
    precision: str | None
    stated_as: str | None
    graph: Provenance


@dataclass(frozen=True)
class Citation:
    """A quotation from a source and who said it; ``subject`` is what it supports."""

    role: str  # "of": a citation of this entity, "by": a quotation this entity said
    subject: Term
    subject_label: str | None
    quotation: str
    source: Term | None
    source_label: str | None
    said_by: Term | None
    said_by_label: str | None


@dataclass
class Claim:
    """A claim about the entity, with its claimant, what it denies and its quotations."""

    iri: Term
    label: str
    kind: str | None
    content: str | None
    contested: bool
    claimants: dict[Term, str] = field(default_factory=dict)
    perpetrators: dict[Term, str] = field(default_factory=dict)
    denies: dict[Term, str] = field(default_factory=dict)
    quotations: dict[str, tuple[Term | None, str | None]] = field(default_factory=dict)

    @property
    def is_denial(self) -> bool:
        """Whether the claim denies another claim."""
        return bool(self.denies)


@dataclass
class EntityView:
    """Everything the HTML page of an entity shows."""

    iri: str
    label: str
    types: list[Statement]
    statements: list[Statement]
    times: list[Time]
    citations: list[Citation]
    quoted: list[Citation]
    claims: list[Claim]

    @property
    def contested(self) -> bool:
        """Whether the entity is derived to be contested."""
        return any(
            s.property.value == str(CF.contested) and s.value.value == "true"
            for s in self.statements
        )

    @property
    def denied(self) -> list[Statement]:
        """The claims this entity denies."""
        return [s for s in self.statements if s.property.value == str(CF.denies)]


def _text(row: Row, name: str) -> str | None:
    """The lexical form of a bound variable, or None."""
    return row[name].value if name in row else None


def precision_name(row: Row) -> str | None:
    """A readable name of a time's precision: its label, else the name of its unit."""
    if "precisionLabel" in row:
        return row["precisionLabel"].value
    return unit_name(row["precision"].value) if "precision" in row else None


def _statements(rows: list[Row]) -> list[Statement]:
    """Triples grouped with every graph that holds them."""
    grouped: dict[tuple[str, Term, Term], Statement] = {}
    for row in rows:
        key = (row["direction"].value, row["property"], row["value"])
        statement = grouped.get(key)
        if statement is None:
            statement = grouped[key] = Statement(
                key[0], key[1], _text(row, "propertyLabel"), key[2], _text(row, "valueLabel")
            )
        graph = provenance(row["graph"].value)
        if graph not in statement.graphs:
            statement.graphs.append(graph)
    return list(grouped.values())


def _times(rows: list[Row]) -> list[Time]:
    """The times of the entity."""
    return [
        Time(
            row["property"],
            _text(row, "propertyLabel"),
            row["time"].value,
            precision_name(row),
            _text(row, "statedAs"),
            provenance(row["graph"].value),
        )
        for row in rows
    ]


def _citations(rows: list[Row]) -> list[Citation]:
    """Distinct citations of the entity and quotations it said."""
    seen: dict[tuple[str, Term, str], Citation] = {}
    for row in rows:
        citation = Citation(
            row["role"].value,
            row["subject"],
            _text(row, "subjectLabel"),
            row["quotation"].value,
            row.get("source"),
            _text(row, "sourceLabel"),
            row.get("saidBy"),
            _text(row, "saidByLabel"),
        )
        seen.setdefault((citation.role, citation.subject, citation.quotation), citation)
    return list(seen.values())


def _claims(rows: list[Row]) -> list[Claim]:
    """Claims about the entity, one per claim."""
    claims: dict[Term, Claim] = {}
    for row in rows:
        claim = claims.get(row["claim"])
        if claim is None:
            claim = claims[row["claim"]] = Claim(
                row["claim"],
                row["claimLabel"].value,
                _text(row, "kindLabel"),
                _text(row, "content"),
                _text(row, "contested") == "true",
            )
        for term, label, target in (
            ("claimant", "claimantLabel", claim.claimants),
            ("perpetrator", "perpetratorLabel", claim.perpetrators),
            ("denies", "deniesLabel", claim.denies),
        ):
            if term in row:
                target[row[term]] = _text(row, label) or row[term].short
        if "quotation" in row:
            claim.quotations[row["quotation"].value] = (
                row.get("saidBy"),
                _text(row, "saidByLabel"),
            )
    return list(claims.values())


async def entity_view(request: Request, iri: str) -> EntityView | None:
    """The view of the entity's page, or None if the graph says nothing about it."""
    # One after the other: the engine admits only a few queries at once.
    statement_rows, time_rows, citation_rows, claim_rows = [
        await select(request, _bind(q, iri)) for q in (_STATEMENTS, _TIMES, _CITATIONS, _CLAIMS)
    ]
    if not (statement_rows or time_rows or citation_rows):
        return None
    statements = _statements(statement_rows)
    outgoing = [s for s in statements if s.direction == "out"]
    label_properties = (str(RDFS.label), str(SKOS.prefLabel))
    labels = [s.value.value for s in outgoing if s.property.value in label_properties]
    citations = _citations(citation_rows)
    return EntityView(
        iri=iri,
        label=labels[0] if labels else Term("uri", iri).short,
        types=[s for s in outgoing if s.property.value == str(RDF.type)],
        statements=statements,
        times=_times(time_rows),
        citations=[c for c in citations if c.role == "of"],
        quoted=[c for c in citations if c.role == "by"],
        claims=_claims(claim_rows),
    )
