import json

import pytest
from typer.testing import CliRunner

from kg import cli
from kg.paths import Layout
from tests.support import BAD

runner = CliRunner()


@pytest.fixture()
def mini_cli(monkeypatch: pytest.MonkeyPatch, mini_layout: Layout) -> Layout:
    monkeypatch.setattr(cli, "default_layout", lambda: mini_layout)
    return mini_layout


def test_build_prints_counts(mini_cli: Layout):
    result = runner.invoke(cli.app, ["build"])
    assert result.exit_code == 0, result.output
    assert "source/alpha" in result.stdout
    assert mini_cli.dataset_file.is_file()


def test_unknown_query_name_lists_available(mini_cli: Layout):
    result = runner.invoke(cli.app, ["query", "nope"])
    assert result.exit_code == 2
    assert "unknown query 'nope'" in result.stderr
    assert "any_truce, frayed, label" in result.stderr
    assert "Traceback" not in result.output


def test_query_builds_when_stale_and_formats(mini_cli: Layout):
    result = runner.invoke(cli.app, ["query", "label", "-p", "n=5", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["results"]["bindings"][0]["n"]["value"] == "5"
    csv_result = runner.invoke(cli.app, ["query", "frayed", "--format", "csv"])
    assert csv_result.stdout.splitlines()[0] == "truce,start,event,when"
    table = runner.invoke(cli.app, ["query", "frayed"])
    assert "agreement:moscow" in table.stdout


def test_query_from_file(mini_cli: Layout):
    path = mini_cli.queries_dir / "any_truce.rq"
    result = runner.invoke(cli.app, ["query", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["boolean"] is True


def test_bad_param_exit_2(mini_cli: Layout):
    result = runner.invoke(cli.app, ["query", "label", "--param", "n=many"])
    assert result.exit_code == 2
    assert "'n'" in result.stderr and "integer" in result.stderr
    result = runner.invoke(cli.app, ["query", "label", "--param", "nope=1"])
    assert result.exit_code == 2 and "unknown parameter" in result.stderr
    result = runner.invoke(cli.app, ["query", "label", "--param", "n"])
    assert result.exit_code == 2 and "key=value" in result.stderr


def test_validate_bad_file_exit_1(mini_cli: Layout):
    result = runner.invoke(cli.app, ["validate", str(BAD / "violation.ttl")])
    assert result.exit_code == 1
    assert "focus node: agreement:broken" in result.stderr
    assert "path:       cf:effectiveFrom" in result.stderr
    assert "cf:AgreementShape" in result.stderr


def test_validate_syntax_error_exit_2(mini_cli: Layout):
    path = BAD / "syntax_error.ttl"
    result = runner.invoke(cli.app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "tests/fixtures/bad/syntax_error.ttl:5:15: " in result.stderr
    assert "Traceback" not in result.output


def test_validate_built_graph(mini_cli: Layout):
    result = runner.invoke(cli.app, ["validate"])
    assert result.exit_code == 0, result.output
    assert "Conforms" in result.stdout


def test_queries_lists_titles_and_params(mini_cli: Layout):
    result = runner.invoke(cli.app, ["queries"])
    assert result.exit_code == 0, result.output
    assert "frayed" in result.stdout and "Truces violated within a week" in result.stdout
    assert "dateTime" in result.stdout


def test_real_queries_command():
    result = runner.invoke(cli.app, ["queries"])
    assert result.exit_code == 0, result.output


def test_validate_against_real_shapes_exit_1():
    if not Layout().shapes_file.is_file():
        pytest.skip("no shapes yet")
    result = runner.invoke(cli.app, ["validate", str(BAD / "unlabelled_actor.ttl")])
    assert result.exit_code == 1, result.output
    assert "focus node: actor:nobody" in result.stderr
    assert "path:       rdfs:label" in result.stderr
    assert "cf:LabelShape" in result.stderr
