import json

import pyoxigraph
import pytest
from rdflib.plugins.sparql import prepareQuery

from kg import output
from kg.build import build
from kg.errors import ParamError, QueryError
from kg.namespaces import ID
from kg.paths import Layout
from kg.queries import Param, get_query, list_queries, parse_query_file, run_oxigraph, run_rdflib
from kg.store import to_oxigraph

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture()
def mini_built(mini_layout: Layout):
    result = build(layout=mini_layout)
    return result.dataset, to_oxigraph(result.dataset)


def both(mini_built, text: str):
    dataset, store = mini_built
    a, b = run_rdflib(dataset, text), run_oxigraph(store, text)
    assert a == b
    return a


def test_header(mini_layout: Layout):
    query = get_query("frayed", mini_layout)
    assert query.title == "Truces violated within a week"
    assert query.description == (
        "Truces with a violation less than seven days after the truce took effect."
    )
    assert query.params == (
        Param("from", "dateTime", None, "Earliest start considered (optional, no default)"),
        Param("truce", "iri", None, "Only this truce (optional)"),
    )
    label = get_query("label", mini_layout)
    assert label.params[0] == Param("text", "string", "hello world", "Text to echo")
    assert [q.name for q in list_queries(mini_layout)] == ["any_truce", "frayed", "label"]


def test_defaults_and_types(mini_built, mini_layout: Layout):
    result = both(mini_built, get_query("label", mini_layout).render())
    assert result.rows == [
        (
            '"hello world"',
            f'"3"^^<{XSD}integer>',
            f'"true"^^<{XSD}boolean>',
            f'"0.5"^^<{XSD}decimal>',
            f'"2020-10-10"^^<{XSD}date>',
        )
    ]


def test_optional_params_stay_unbound(mini_built, mini_layout: Layout):
    query = get_query("frayed", mini_layout)
    assert "$from" in query.render() and "$truce" in query.render()
    assert len(both(mini_built, query.render()).rows) == 1
    late = query.render({"from": "2020-10-15T00:00:00Z"})
    assert both(mini_built, late).rows == []
    one = query.render({"truce": "agreement:paris"})
    assert f"<{ID}agreement/paris>" in one
    assert both(mini_built, one).rows == []


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("n", "3.5", "not a valid integer"),
        ("n", "1_000", "not a valid integer"),
        ("n", "", "not a valid integer"),
        ("ratio", "abc", "not a valid decimal"),
        ("flag", "yes", "true or false"),
        ("day", "2020-02-30", "not a valid date"),
        ("day", "10/10/2020", "YYYY-MM-DD"),
    ],
)
def test_bad_values(mini_layout: Layout, name: str, value: str, reason: str):
    with pytest.raises(ParamError, match=reason) as info:
        get_query("label", mini_layout).render({name: value})
    assert info.value.param == name


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2020-10-10T12:00:00", "time zone"),
        ("2020-10-10", "time zone"),
        ("yesterday", "not a valid dateTime"),
    ],
)
def test_datetime_needs_a_time_zone(mini_layout: Layout, value: str, reason: str):
    with pytest.raises(ParamError, match=reason):
        get_query("frayed", mini_layout).render({"from": value})


@pytest.mark.parametrize(
    "value",
    [
        "https://example.org/a> } ; DROP ALL ; <x",
        "https://example.org/a b",
        'https://example.org/"a',
        "relative/path",
        "",
    ],
)
def test_bad_iris_are_rejected(mini_layout: Layout, value: str):
    with pytest.raises(ParamError, match="truce"):
        get_query("frayed", mini_layout).render({"truce": value})


def test_absolute_iri_and_prefixed_name(mini_layout: Layout):
    query = get_query("frayed", mini_layout)
    assert "<urn:example:x>" in query.render({"truce": "urn:example:x"})
    assert f"<{ID}place/ganja>" in query.render({"truce": "place:ganja"})


def test_unknown_param_names_it(mini_layout: Layout):
    with pytest.raises(ParamError, match="unknown parameter") as info:
        get_query("label", mini_layout).render({"nope": "1"})
    assert info.value.param == "nope"


@pytest.mark.parametrize(
    "value", ['" } ; DROP ALL ; #', 'x""" } ; DROP ALL ; #\n', 'a\\" ) } #', "'''; <x>"]
)
def test_string_injection_stays_a_literal(mini_built, mini_layout: Layout, value: str):
    text = get_query("label", mini_layout).render({"text": value})
    prepareQuery(text)
    pyoxigraph.Store().query(text)
    result = both(mini_built, text)
    assert json.loads(output.to_json(result))["results"]["bindings"][0]["text"]["value"] == value


def test_dollar_inside_strings_iris_and_comments_is_left_alone(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text(
        "# param: x integer = 1 -- a number\n"
        'SELECT ?a WHERE { BIND("$x" AS ?a) FILTER(<urn:$x> != $x) } # $x\n',
        encoding="utf-8",
    )
    text = parse_query_file(path).render({"x": "5"})
    body = text.split("# param", 1)[1]
    assert '"$x"' in body and "<urn:$x>" in body and "# $x" in body
    assert "!= " + '"5"^^' in body


def test_header_errors(tmp_path):
    cases = {
        "type.rq": ("# param: x float\nSELECT * { BIND($x AS ?y) }", "unknown type"),
        "unused.rq": ("# param: x integer\nSELECT * { ?s ?p ?o }", "never used"),
        "default.rq": ("# param: x integer = ten\nSELECT * { BIND($x AS ?y) }", "bad default"),
    }
    for name, (text, reason) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(QueryError, match=reason):
            parse_query_file(path)


def test_unknown_query_lists_names(mini_layout: Layout):
    with pytest.raises(QueryError, match="available queries: any_truce, frayed, label"):
        get_query("nope", mini_layout)


def test_ask_and_formatters(mini_built, mini_layout: Layout):
    ask = both(mini_built, get_query("any_truce", mini_layout).render())
    assert ask.boolean is True
    assert json.loads(output.to_json(ask)) == {"head": {}, "boolean": True}
    result = both(mini_built, get_query("label", mini_layout).render({"text": 'a "b"\nc'}))
    doc = json.loads(output.to_json(result))
    assert doc["head"]["vars"] == ["text", "n", "flag", "ratio", "day"]
    binding = doc["results"]["bindings"][0]
    assert binding["text"] == {"type": "literal", "value": 'a "b"\nc'}
    assert binding["n"] == {"type": "literal", "value": "3", "datatype": XSD + "integer"}
    csv_text = output.to_csv(result)
    assert csv_text.startswith("text,n,flag,ratio,day\r\n")
    assert '"a ""b""\nc",3,true,0.5,2020-10-10' in csv_text
