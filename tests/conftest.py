"""Shared fixtures: the real built dataset, and a tiny self-made project for the machinery."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from kg.build import BuildResult, build
from kg.paths import Layout
from kg.store import to_oxigraph
from tests.support import MINI


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real project built once (into a temporary build folder)."""
    layout = Layout(build_dir=tmp_path_factory.mktemp("build"))
    return build(layout=layout)


@pytest.fixture(scope="session")
def oxstore(built: BuildResult):
    """The real built dataset in an in-memory pyoxigraph store."""
    assert built.path is not None
    return to_oxigraph(built.path)


@pytest.fixture()
def mini_layout(tmp_path: Path) -> Layout:
    """The tiny fixture project (ontology, shapes, two facts files, one derivation, queries)."""
    return Layout(
        ontology_dir=MINI / "ontology",
        shapes_file=MINI / "ontology" / "shapes.ttl",
        facts_dir=MINI / "facts",
        derivations_dir=MINI / "derivations",
        queries_dir=MINI / "queries",
        build_dir=tmp_path / "build",
    )


@pytest.fixture()
def mini_copy(tmp_path: Path, mini_layout: Layout) -> Layout:
    """A writable copy of the fixture project, for tests that change inputs."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return replace(
        mini_layout,
        ontology_dir=root / "ontology",
        shapes_file=root / "ontology" / "shapes.ttl",
        facts_dir=root / "facts",
        derivations_dir=root / "derivations",
        queries_dir=root / "queries",
    )
