from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.errors import InputError
from kg.load import load_files, load_project, parse_turtle
from kg.namespaces import CF, ID, ONTOLOGY_GRAPH, SOURCE_GRAPH_PREFIX
from kg.paths import Layout
from tests.support import BAD


def test_syntax_error_reports_file_line_and_column():
    path = BAD / "syntax_error.ttl"
    with pytest.raises(InputError) as info:
        parse_turtle(path, Graph())
    err = info.value
    assert (err.path, err.line, err.column) == (path, 5, 15)
    assert str(err).startswith("tests/fixtures/bad/syntax_error.ttl:5:15: ")
    assert "expected" in err.reason


def test_column_counts_characters_not_bytes(tmp_path: Path):
    path = tmp_path / "unicode.ttl"
    path.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b "é" ex:c .\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        parse_turtle(path, Graph())
    assert (info.value.line, info.value.column) == (2, 15)


def test_unterminated_string(tmp_path: Path):
    path = tmp_path / "open.ttl"
    path.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b "open ;\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        parse_turtle(path, Graph())
    assert info.value.line == 2
    assert "string" in info.value.reason


def test_missing_file_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError, match="cannot read"):
        parse_turtle(tmp_path / "nope.ttl", Graph())


def test_each_facts_file_is_its_own_named_graph(mini_layout: Layout):
    dataset = load_project(mini_layout)
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {ONTOLOGY_GRAPH, SOURCE_GRAPH_PREFIX + "alpha", SOURCE_GRAPH_PREFIX + "beta"}
    alpha = dataset.graph(URIRef(SOURCE_GRAPH_PREFIX + "alpha"))
    assert (URIRef(ID + "agreement/moscow"), None, None) in alpha
    assert (None, CF.violates, None) not in alpha


def test_shapes_are_not_loaded_as_ontology(mini_layout: Layout):
    dataset = load_project(mini_layout)
    ontology = dataset.graph(URIRef(ONTOLOGY_GRAPH))
    assert (CF.AgreementShape, None, None) not in ontology
    assert (CF.Truce, None, None) in ontology


def test_load_files_rejects_two_files_with_one_stem(tmp_path: Path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.ttl").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="same source graph"):
        load_files([tmp_path / "a" / "same.ttl", tmp_path / "b" / "same.ttl"])


def test_real_facts_each_in_own_graph():
    layout = Layout()
    if not layout.fact_files():
        pytest.skip("no facts files yet")
    dataset = load_project(layout)
    names = {str(g.identifier) for g in dataset.graphs()}
    for path in layout.fact_files():
        assert SOURCE_GRAPH_PREFIX + path.stem in names
