"""Synthetic reports: deterministic, conforming to the shapes, growing linearly."""

import pyoxigraph
import pytest
from typer.testing import CliRunner

from kg import cli, synth
from kg.build import STEPS, build
from kg.namespaces import SOURCE_GRAPH_PREFIX
from kg.paths import BUILD_DIR_ENV, FACTS_DIR_ENV, Layout, default_layout


def _files(path):
    return {p.name: p.read_bytes() for p in sorted(path.glob("*.ttl"))}


def _triples(path) -> int:
    return sum(
        1
        for p in path.glob("*.ttl")
        for _ in pyoxigraph.parse(path=str(p), format=pyoxigraph.RdfFormat.TURTLE)
    )


def test_same_size_and_seed_give_identical_files(tmp_path):
    synth.write(15, 7, tmp_path / "one")
    synth.write(15, 7, tmp_path / "two")
    synth.write(15, 8, tmp_path / "other")
    one = _files(tmp_path / "one")
    assert one == _files(tmp_path / "two")
    assert one != _files(tmp_path / "other")
    assert len(one) == 15 + 2  # one report per agreement, one background report per conflict


def test_rewriting_removes_earlier_synthetic_files(tmp_path):
    synth.write(25, 1, tmp_path)
    synth.write(5, 1, tmp_path)
    assert len(_files(tmp_path)) == 5 + 1


def test_size_grows_linearly(tmp_path):
    per_agreement = []
    for n in (20, 40, 80):
        synth.write(n, 1, tmp_path / str(n))
        per_agreement.append(_triples(tmp_path / str(n)) / n)
    assert max(per_agreement) / min(per_agreement) < 1.1, per_agreement


def test_synthetic_data_builds_and_conforms(tmp_path):
    synth.write(12, 5, tmp_path / "facts")
    layout = Layout(facts_dir=tmp_path / "facts", build_dir=tmp_path / "build")
    result = build(layout=layout)
    assert result.report.conforms
    assert result.path == layout.dataset_file
    sources = [g for g in result.counts if g.startswith(SOURCE_GRAPH_PREFIX)]
    assert len(sources) == 12 + 2
    assert list(result.timings) == list(STEPS)
    assert all(seconds >= 0 for seconds in result.timings.values())
    assert result.peak_rss_mib > 0
    for kind in ("Ceasefire", "CeasefireViolation", "Accusation", "Denial", "CasualtyReport"):
        assert result.dataset.query(
            f"ASK {{ ?x a <https://w3id.org/ceasefire-kg/ontology#{kind}> }}"
        ).askAnswer, kind


def test_cli_synth_then_build_elsewhere(tmp_path):
    runner = CliRunner()
    facts, build_dir = tmp_path / "facts", tmp_path / "build"
    result = runner.invoke(cli.app, ["synth", "-n", "3", "--seed", "2", "--output", str(facts)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        cli.app, ["build", "--facts", str(facts), "--build-dir", str(build_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "Steps: load" in result.stdout and "peak memory" in result.stdout
    assert (build_dir / "ceasefire-kg.nq").is_file()
    result = runner.invoke(
        cli.app, ["validate", "--facts", str(facts), "--build-dir", str(build_dir)]
    )
    assert result.exit_code == 0, result.output


def test_environment_chooses_facts_and_build_folders(tmp_path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(FACTS_DIR_ENV, str(tmp_path / "facts"))
    monkeypatch.setenv(BUILD_DIR_ENV, str(tmp_path / "build"))
    layout = default_layout()
    assert layout.facts_dir == tmp_path / "facts"
    assert layout.build_dir == tmp_path / "build"
