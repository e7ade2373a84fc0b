"""Shared fixtures: the real built dataset, and a tiny self-made project for the machinery."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from kg.build import BuildResult, build
from kg.paths import Layout
from kg.store import to_oxigraph
from tests.server import Server, start_service
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


@pytest.fixture(scope="session")
def service_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where server subprocesses write their output."""
    return tmp_path_factory.mktemp("server-logs")


@pytest.fixture(scope="session")
def sparql_server(built: BuildResult, service_logs: Path) -> Iterator[Server]:
    """A real ``ceasefire-kg serve`` over the built graph, default host, row cap 500."""
    assert built.path is not None
    server = start_service(built.path.parent, service_logs, "--max-rows", "500")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def limits_server(built: BuildResult, service_logs: Path) -> Iterator[Server]:
    """A real server with a 2 s time limit, 2 workers and at most 2 queries at once, and no
    response cache, so that every request reaches the workers."""
    assert built.path is not None
    server = start_service(
        built.path.parent,
        service_logs,
        *("--timeout", "2", "--workers", "2", "--max-concurrent", "2"),
        env={"CEASEFIRE_KG_CACHE_BYTES": "0"},
    )
    yield server
    server.stop()
