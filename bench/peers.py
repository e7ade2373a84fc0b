"""The servers compared: ours, Oxigraph server, rdflib-endpoint and Virtuoso, on loopback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from bench.data import Built
from bench.processes import Service, free_port, spawn
from kg.paths import ROOT

ASK = "?query=" + quote("ASK {}")
#: Seconds a peer may take to start and load a dataset.
START_TIMEOUT = 1800.0


def binary(name: str) -> str | None:
    """A command next to this Python (PyPI packages) or on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.is_file() else shutil.which(name)


def ours(built: Built, work: Path, cache: bool = True) -> Service:
    """``ceasefire-kg serve`` over ``built``, with or without its response cache."""
    port = free_port()
    env = {
        **os.environ,
        "CEASEFIRE_KG_BUILD_DIR": str(built.build_dir),
        "CEASEFIRE_KG_FACTS_DIR": str(built.facts_dir),
        "CEASEFIRE_KG_CACHE_BYTES": str(64 * 1024 * 1024 if cache else 0),
    }
    command = [sys.executable, "-c", "from kg.cli import app; app()", "serve", "--port", str(port)]
    base = f"http://127.0.0.1:{port}"
    name = "ours" if cache else "ours-uncached"
    return spawn(
        name,
        command,
        work / f"{name}.log",
        base,
        base + "/sparql",
        base + "/health",
        START_TIMEOUT,
        env=env,
        cwd=ROOT,
    )


def oxigraph(built: Built, work: Path) -> Service:
    """``oxigraph serve`` over an on-disk store loaded with the dataset (union default graph)."""
    command = binary("oxigraph")
    if command is None:
        raise RuntimeError("the oxigraph command is missing (pip package oxigraph)")
    location = work / "oxigraph-store"
    shutil.rmtree(location, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [command, "load", "--location", str(location), "--file", str(built.dataset)],
        check=True,
        capture_output=True,
    )
    loaded_in = time.perf_counter() - start
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    argv = ["serve", "--location", str(location), "--union-default-graph"]
    service = spawn(
        "oxigraph",
        [command, *argv, "--bind", f"127.0.0.1:{port}"],
        work / "oxigraph.log",
        base,
        base + "/query",
        base + "/query?query=" + quote("ASK {}"),
        START_TIMEOUT,
    )
    service.extra["load_seconds"] = loaded_in
    return service


def rdflib_endpoint(built: Built, work: Path) -> Service:
    """rdflib-endpoint (FastAPI + rdflib, in-memory store, union default graph)."""
    command = binary("rdflib-endpoint")
    if command is None:
        raise RuntimeError("the rdflib-endpoint command is missing (pip package rdflib-endpoint)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    argv = ["serve", str(built.dataset), "--host", "127.0.0.1", "--port", str(port)]
    return spawn(
        "rdflib-endpoint",
        [command, *argv],
        work / "rdflib-endpoint.log",
        base,
        base + "/",
        base + "/" + ASK,
        START_TIMEOUT,
    )


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 32
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = ., {data}
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
ThreadsPerQuery = 2
MaxQueryMem = 1G

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 32
ServerThreads = 32
MaxKeepAlives = 32
KeepAliveTimeout = 10
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
"""


def virtuoso(built: Built, work: Path) -> Service:
    """Virtuoso in its own folder and ini, loaded with ``ld_dir`` and ``rdf_loader_run``."""
    server, isql = binary("virtuoso-t"), binary("isql-vt")
    if server is None or isql is None:
        raise RuntimeError("Virtuoso is missing (Debian package virtuoso-opensource)")
    folder = work / "virtuoso"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sql_port, http_port = free_port(), free_port()
    data = built.dataset.parent.resolve()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        _VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port, data=data)
    )
    base = f"http://127.0.0.1:{http_port}"
    service = spawn(
        "virtuoso",
        [server, "+foreground", "+configfile", str(ini)],
        folder / "stdout.log",
        base,
        base + "/sparql",
        base + "/sparql" + ASK,
        START_TIMEOUT,
        cwd=folder,
    )
    start = time.perf_counter()
    load = (
        f"ld_dir('{data}', '{built.dataset.name}', 'urn:bench:default'); "
        "rdf_loader_run(); checkpoint;"
    )
    done = subprocess.run(
        [isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={load}"],
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
    )
    if done.returncode != 0:
        service.stop()
        raise RuntimeError(f"loading Virtuoso failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    service.extra["load_seconds"] = time.perf_counter() - start
    return service
