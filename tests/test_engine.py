"""The engine contract, in process: the embedded engine, query checks and result capping."""

from __future__ import annotations

import asyncio
import json

import pytest

from api.analysis import analyze, relocate
from api.embedded import EmbeddedEngine
from api.engine import Overloaded, QueryRejected, QueryTimeout
from api.errors import StoreError
from api.remote import recap
from api.settings import Settings
from kg.namespaces import ONTOLOGY_GRAPH

JSON = "application/sparql-results+json"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def settings(built) -> Settings:
    return Settings(dataset=built.path, workers=1, max_rows=10, query_timeout=2, max_concurrent=1)


def with_engine(settings: Settings, use) -> object:
    """Run ``await use(engine)`` on a started engine, closing it afterwards."""

    async def main() -> object:
        engine = EmbeddedEngine(settings)
        await engine.start()
        try:
            return await use(engine)
        finally:
            await engine.close()

    return asyncio.run(main())


def test_run_select_construct_and_stats(settings, built):
    async def use(engine):
        select = await engine.run("SELECT ?a WHERE { ?a a cf:Agreement }", JSON)
        graph = await engine.run("CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle")
        counted = await engine.run(
            "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", JSON, default_graph_uris=[ONTOLOGY_GRAPH]
        )
        return select, graph, counted, await engine.stats()

    select, graph, counted, stats = with_engine(settings, use)
    assert select.media_type == JSON
    assert not select.truncated
    assert json.loads(select.body)["results"]["bindings"]
    assert graph.truncated
    assert graph.body.startswith(b"@prefix")
    assert json.loads(counted.body)["results"]["bindings"][0]["n"]["value"] == str(
        built.counts[ONTOLOGY_GRAPH]
    )
    assert stats["graphs"] == built.counts
    assert stats["triples"] == sum(built.counts.values())
    assert 0 < stats["default_graph_triples"] <= stats["triples"]


def test_timeout_and_overload(settings):
    async def use(engine):
        runaway = asyncio.create_task(engine.run(RUNAWAY, JSON))
        await asyncio.sleep(0.2)
        with pytest.raises(Overloaded) as refused:
            await engine.run("ASK {}", JSON)
        with pytest.raises(QueryTimeout):
            await runaway
        return refused.value.retry_after, await engine.run("ASK {}", JSON)

    retry_after, after = with_engine(settings, use)
    assert retry_after >= 1
    assert json.loads(after.body)["boolean"] is True


def test_query_form_and_refusals(settings):
    engine = EmbeddedEngine(settings)
    assert engine.query_form("select * { ?s ?p ?o }") == "SELECT"
    assert engine.query_form("ASK {}") == "ASK"
    assert engine.query_form("CONSTRUCT WHERE { ?s ?p ?o }") == "CONSTRUCT"
    assert engine.query_form("DESCRIBE agreement:x") == "DESCRIBE"
    refusals = {
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }": 403,
        "DROP ALL": 403,
        "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }": 403,
        "SELECT * WHERE {": 400,
        "SELECT * { ?s undeclared:p ?o }": 400,
    }
    for query, status in refusals.items():
        with pytest.raises(QueryRejected) as rejected:
            engine.query_form(query)
        assert rejected.value.status == status, query
    allowed = EmbeddedEngine(Settings(dataset=settings.dataset, allow_service=True))
    assert allowed.query_form("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


def test_prologue_only_adds_undeclared_prefixes():
    analysis = analyze("PREFIX cf: <http://example.org/#>\nSELECT * { ?s cf:p ?o ; rdfs:label ?l }")
    assert analysis.offset == 1
    assert analysis.text.startswith("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
    assert analyze("SELECT * { ?s ?p ?o }").offset == 0


def test_relocate_moves_line_numbers_back():
    assert relocate("error at 5:7: expected x", 3) == "error at 2:7: expected x"
    assert relocate("Parse error (line:4, col:2)", 3) == "Parse error (line:1, col:2)"
    assert relocate("Encountered at line 6, column 1", 2) == "Encountered at line 4, column 1"
    assert relocate("error at 5:7", 0) == "error at 5:7"


def test_recap_passes_through_or_cuts():
    tsv = b"?n\n1\n2\n3\n"
    assert recap("SELECT", tsv, "text/tab-separated-values", "text/tab-separated-values", 5) == (
        tsv,
        False,
    )
    body, cut = recap("SELECT", tsv, "text/tab-separated-values", "text/csv", 2)
    assert cut
    assert body.decode().split() == ["n", "1", "2"]
    nt = b"<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> <urn:d> .\n"
    body, cut = recap("CONSTRUCT", nt, "application/n-triples", "application/n-triples", 1)
    assert cut
    assert body.count(b"\n") == 1


def test_recap_refuses_xml_with_a_doctype():
    xml = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><sparql/>'
    with pytest.raises(StoreError):
        recap("SELECT", xml, "application/sparql-results+xml", "application/sparql-results+xml", 5)
