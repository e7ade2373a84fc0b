"""``python -m bench``: build, latency, throughput, memory and start-up, ours against peers."""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import httpx

from bench import install, latency, peers, report, throughput
from bench.data import Built, article, build
from bench.processes import Service
from bench.sizes import parse_size
from bench.workloads import load_store, workloads

STARTERS = {
    "oxigraph": peers.oxigraph,
    "rdflib-endpoint": peers.rdflib_endpoint,
    "virtuoso": peers.virtuoso,
}
#: Workloads whose throughput is measured on every server (all of them on ours and Oxigraph).
THROUGHPUT_ALL = ("ours", "oxigraph")
THROUGHPUT_KEY = ("frayed-within-days", "entity look-up", "ASK {}")


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", default="10k,100k,1m", help="article, 10k, 100k, 1m, 10m ...")
    parser.add_argument("--peers", default="oxigraph,rdflib-endpoint,virtuoso")
    parser.add_argument("--repeats", type=int, default=20, help="timed runs per query")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per query and server")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds of each wrk run")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument(
        "--throughput-size", default=None, help="size measured with wrk (default: the smallest)"
    )
    parser.add_argument(
        "--only", default="", help="comma-separated workload names (default: all of them)"
    )
    parser.add_argument("--build-timeout", type=float, default=7200.0)
    parser.add_argument("--out", type=Path, default=Path("bench/results"))
    parser.add_argument("--no-install", action="store_true", help="never call apt-get")
    return parser.parse_args(argv)


def machine() -> dict:
    """What the figures were measured on."""
    import os

    import psutil

    model = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
    }


def _dataset(label: str, work: Path, timeout: float) -> Built:
    triples = parse_size(label)
    if triples is None:
        return article(work, timeout)
    return build(label, triples, work, timeout)


def _measure_service(
    service: Service, loads: list, args: argparse.Namespace, with_wrk: bool, key: str
) -> dict:
    """Latency of every workload, memory after them, throughput when asked."""
    figures: dict = {
        "startup_seconds": service.started_in,
        "rss_after_start": service.rss(),
        **service.extra,
    }
    ours = key.startswith("ours")
    figures["latency"] = {}
    with httpx.Client(timeout=max(args.budget * 6, 60)) as client:
        for w in loads:
            url = service.base + w.ours if ours else w.peer_url(service.sparql)
            got = latency.over_http(client, url, w.accept, args.repeats, args.budget)
            figures["latency"][w.name] = asdict(got) | {"p50": got.p50, "p95": got.p95}
    figures["rss_after_queries"] = service.rss()
    if with_wrk and key != "ours-uncached":
        figures["throughput"] = {}
        for w in loads:
            if key not in THROUGHPUT_ALL and w.name not in THROUGHPUT_KEY:
                continue
            url = service.base + w.ours if ours else w.peer_url(service.sparql)
            got = throughput.measure(url, w.accept, args.clients, args.duration)
            figures["throughput"][w.name] = asdict(got)
    return figures


def run_size(label: str, args: argparse.Namespace, work: Path, with_wrk: bool) -> dict:
    """Every measurement on one dataset size."""
    print(f"[{label}] building ...", flush=True)
    built = _dataset(label, work / label, args.build_timeout)
    print(f"[{label}] {built.quads} quads built; in-process floor ...", flush=True)
    store = load_store(built.dataset)
    loads = workloads(store)
    if args.only:
        wanted = {name.strip() for name in args.only.split(",")}
        loads = [w for w in loads if w.name in wanted]
    result: dict = {"label": label, "quads": built.quads, "build": built.steps, "servers": {}}
    floor = {}
    for w in loads:
        got = latency.in_process(store, w, args.repeats, args.budget)
        floor[w.name] = asdict(got) | {"p50": got.p50, "p95": got.p95}
    result["servers"]["pyoxigraph"] = {"latency": floor}
    del store
    starters = [
        ("ours-uncached", lambda b, d: peers.ours(b, d, cache=False)),
        ("ours", peers.ours),
        *[(name, STARTERS[name]) for name in args.peer_list],
    ]
    for key, start in starters:
        print(f"[{label}] {key} ...", flush=True)
        folder = work / label / key
        folder.mkdir(parents=True, exist_ok=True)
        try:
            service = start(built, folder)
        except Exception as err:  # noqa: BLE001 - a peer that cannot start is reported
            result["servers"][key] = {"error": str(err)[-500:]}
            continue
        try:
            result["servers"][key] = _measure_service(service, loads, args, with_wrk, key)
        finally:
            service.stop()
            shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(work / label, ignore_errors=True)
    return result


def _exit_on_term(signum: int, frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C, so every started server is stopped."""
    sys.exit(128 + signum)


def main(argv: list[str] | None = None) -> dict:
    args = arguments(argv)
    signal.signal(signal.SIGTERM, _exit_on_term)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    labels = [s.strip() for s in args.sizes.split(",") if s.strip()]
    wanted = [p.strip() for p in args.peers.split(",") if p.strip()]
    tools = ["wrk"] + (["virtuoso-t"] if "virtuoso" in wanted else [])
    absent = install.missing(tools) if args.no_install else install.ensure(tools)
    args.peer_list = [p for p in wanted if not (p == "virtuoso" and "virtuoso-t" in absent)]
    wrk_size = args.throughput_size or labels[0]
    if "wrk" in absent:
        print("note: wrk is missing, throughput is not measured")
    results: dict = {"machine": machine(), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    results["settings"] = {
        k: v for k, v in vars(args).items() if k not in ("out",) and not isinstance(v, Path)
    }
    results["sizes"] = []
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ceasefire-bench-") as tmp:
        for label in labels:
            with_wrk = label == wrk_size and "wrk" not in absent
            results["sizes"].append(run_size(label, args, Path(tmp), with_wrk))
            (args.out / "results.json").write_text(json.dumps(results, indent=2))
    print(report.tables(results))
    chart = report.chart(results, args.out / "scaling.png")
    print(f"\nraw figures: {args.out / 'results.json'}; chart: {chart}")
    return results


if __name__ == "__main__":
    main()
