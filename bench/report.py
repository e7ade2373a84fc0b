"""The benchmark's printed tables (our figures and the ratios to each peer) and its chart."""

from __future__ import annotations

import math
from pathlib import Path

PEERS = ("oxigraph", "rdflib-endpoint", "virtuoso")
STEPS = ("load", "reason", "derive", "validate", "store", "oxigraph")


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.2f}"


def _ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return "-"
    return f"{a / b:.2f}x" if a / b < 100 else f"{a / b:.0f}x"


def _p50(size: dict, server: str, query: str) -> float | None:
    return size["servers"].get(server, {}).get("latency", {}).get(query, {}).get("p50")


def _table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    widths = [max(len(str(c)) for c in column) for column in zip(header, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *map(line, rows)])


def build_table(results: dict) -> str:
    header = ["size", "quads", *[f"{s} s / MB" for s in STEPS]]
    rows = []
    for size in results["sizes"]:
        cells = [size["label"], str(size["quads"])]
        for step in STEPS:
            got = size["build"].get(step)
            cells.append(
                "-" if got is None else f"{got['seconds']:.2f} / {got['peak_rss'] / 2**20:.0f}"
            )
        rows.append(cells)
    return _table(header, rows)


def latency_table(results: dict) -> str:
    header = [
        "size",
        "query",
        "in-process p50",
        "ours uncached p50/p95",
        "ours cached p50",
        "uncached / in-process",
        *[f"{p} p50 (÷ ours uncached)" for p in PEERS],
    ]
    rows = []
    for size in results["sizes"]:
        for query in size["servers"]["pyoxigraph"]["latency"]:
            floor = _p50(size, "pyoxigraph", query)
            uncached = size["servers"].get("ours-uncached", {}).get("latency", {}).get(query, {})
            cells = [
                size["label"],
                query,
                _ms(floor),
                f"{_ms(uncached.get('p50'))} / {_ms(uncached.get('p95'))}",
                _ms(_p50(size, "ours", query)),
                _ratio(uncached.get("p50"), floor),
            ]
            for peer in PEERS:
                p = _p50(size, peer, query)
                error = size["servers"].get(peer, {}).get("latency", {}).get(query, {}).get("error")
                cells.append(
                    "error"
                    if error
                    else f"{_ms(p)} ({_ratio(p, uncached.get('p50'))})"
                    if p
                    else "-"
                )
            rows.append(cells)
    return _table(header, rows)


def throughput_table(results: dict) -> str:
    header = ["size", "request", "ours req/s", *[f"{p} req/s (ours ÷ peer)" for p in PEERS]]
    rows = []
    for size in results["sizes"]:
        ours = size["servers"].get("ours", {}).get("throughput")
        if not ours:
            continue
        for query, got in ours.items():
            cells = [size["label"], query, f"{got['ok_per_second']:.0f}"]
            for peer in PEERS:
                theirs = size["servers"].get(peer, {}).get("throughput", {}).get(query)
                cells.append(
                    "-"
                    if theirs is None
                    else f"{theirs['ok_per_second']:.0f} "
                    f"({_ratio(got['ok_per_second'], theirs['ok_per_second'])})"
                )
            rows.append(cells)
    return _table(header, rows)


def service_table(results: dict) -> str:
    header = [
        "size",
        "server",
        "start-up s",
        "load s",
        "RSS MB after start",
        "RSS MB after queries",
    ]
    rows = []
    for size in results["sizes"]:
        for name, figures in size["servers"].items():
            if name == "pyoxigraph":
                continue
            if "error" in figures:
                rows.append([size["label"], name, "error", "-", "-", figures["error"][:60]])
                continue
            load = figures.get("load_seconds")
            rows.append(
                [
                    size["label"],
                    name,
                    f"{figures['startup_seconds']:.2f}",
                    "-" if load is None else f"{load:.2f}",
                    f"{figures['rss_after_start'] / 2**20:.0f}",
                    f"{figures['rss_after_queries'] / 2**20:.0f}",
                ]
            )
    return _table(header, rows)


def tables(results: dict) -> str:
    m = results["machine"]
    return "\n\n".join(
        [
            f"machine: {m['cpus']} CPUs ({m['cpu_model']}), {m['ram_gb']} GB RAM, "
            f"Python {m['python']}",
            "Build (seconds / peak MB per step)\n" + build_table(results),
            "Latency (ms over repeated runs)\n" + latency_table(results),
            "Throughput (successful requests/s, wrk)\n" + throughput_table(results),
            "Service start-up and memory\n" + service_table(results),
        ]
    )


def _geomean(values: list[float]) -> float | None:
    values = [v for v in values if v]
    return math.exp(sum(map(math.log, values)) / len(values)) if values else None


def chart(results: dict, path: Path) -> Path:
    """Four panels against dataset size: build steps, latency, memory, start-up."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = results["sizes"]
    x = [s["quads"] for s in sizes]
    fig, axes = plt.subplots(2, 2, figsize=(12, 9))
    ax = axes[0][0]
    for step in STEPS:
        ax.plot(x, [s["build"].get(step, {}).get("seconds") for s in sizes], marker="o", label=step)
    ax.set_title("build: seconds per step")
    servers = ["pyoxigraph", "ours-uncached", "ours", *PEERS]
    ax = axes[0][1]
    for name in servers:
        y = [
            _geomean(
                [
                    q.get("p50")
                    for q in s["servers"].get(name, {}).get("latency", {}).values()
                    if q.get("p50")
                ]
            )
            for s in sizes
        ]
        ax.plot(x, [v * 1000 if v else None for v in y], marker="o", label=name)
    ax.set_title("named queries: geometric mean of p50 latency (ms)")
    ax = axes[1][0]
    for name in servers[1:]:
        ax.plot(
            x,
            [s["servers"].get(name, {}).get("rss_after_queries", 0) / 2**20 or None for s in sizes],
            marker="o",
            label=name,
        )
    ax.set_title("resident memory after the queries (MB)")
    ax = axes[1][1]
    for name in servers[1:]:
        ax.plot(
            x,
            [s["servers"].get(name, {}).get("startup_seconds") for s in sizes],
            marker="o",
            label=name,
        )
    ax.set_title("start-up to first answer (s)")
    for row in axes:
        for each in row:
            each.set_xscale("log")
            each.set_yscale("log")
            each.set_xlabel("quads")
            each.grid(True, which="both", alpha=0.3)
            each.legend(fontsize=7)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
