"""The benchmark runs end to end on the smallest dataset, with the peers installable from PyPI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.paths import ROOT

pytest.importorskip("matplotlib")
pytest.importorskip("psutil")


@pytest.mark.skipif(
    shutil.which("rdflib-endpoint", path=str(Path(sys.executable).parent)) is None,
    reason="rdflib-endpoint is not installed (pip extra bench)",
)
def test_bench_runs_on_the_article_graph(tmp_path):
    command = [
        sys.executable,
        "-m",
        "bench",
        *("--sizes", "article", "--peers", "oxigraph,rdflib-endpoint"),
        *("--only", "frayed-within-days,entity look-up", "--repeats", "3", "--budget", "0.5"),
        *("--duration", "1", "--clients", "4", "--no-install", "--out", str(tmp_path)),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads((tmp_path / "results.json").read_text())
    (size,) = results["sizes"]
    assert size["quads"] > 1000
    assert set(size["build"]) >= {"load", "reason", "validate", "store"}
    servers = size["servers"]
    for name in ("pyoxigraph", "ours-uncached", "ours", "oxigraph", "rdflib-endpoint"):
        latency = servers[name]["latency"]
        assert latency["frayed-within-days"]["p50"] > 0, (name, latency)
        assert latency["entity look-up"]["p95"] > 0, (name, latency)
    if shutil.which("wrk"):
        assert servers["ours"]["throughput"]["entity look-up"]["ok_per_second"] > 0
    assert (tmp_path / "scaling.png").stat().st_size > 0
    assert "Latency" in done.stdout and "ours" in done.stdout
