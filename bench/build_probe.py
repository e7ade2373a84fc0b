"""Run the build pipeline once and print, as JSON, the seconds and peak memory of each step.

Run as ``python -m bench.build_probe FACTS_DIR BUILD_DIR``. The steps are those of
``kg.build.STEPS`` (load = parsing the Turtle sources), plus ``oxigraph`` (loading the built
N-Quads into an in-memory pyoxigraph store, what a query worker does at start-up). Peak memory
is the highest resident size of this process seen during the step, sampled every 20 ms.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import psutil

from kg.build import build
from kg.paths import Layout
from kg.store import to_oxigraph


class Steps:
    """Wall time and peak resident memory of consecutive named steps."""

    def __init__(self) -> None:
        self.figures: dict[str, dict[str, float]] = {}
        self._name: str | None = None
        self._start = 0.0
        self._peak = 0
        self._process = psutil.Process()
        self._done = threading.Event()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while not self._done.wait(0.02):
            self._peak = max(self._peak, self._process.memory_info().rss)

    def __call__(self, name: str | None) -> None:
        """End the current step and start ``name`` (None ends the last one)."""
        now = time.perf_counter()
        rss = self._process.memory_info().rss
        if self._name is not None:
            self.figures[self._name] = {
                "seconds": now - self._start,
                "peak_rss": max(self._peak, rss),
            }
        self._name, self._start, self._peak = name, now, rss
        if name is None:
            self._done.set()


def main(facts_dir: Path, build_dir: Path) -> dict:
    """Build the sources of ``facts_dir`` into ``build_dir``; return the step figures."""
    layout = replace(Layout(), facts_dir=facts_dir, build_dir=build_dir)
    steps = Steps()
    result = build(steps, layout)
    steps("oxigraph")
    store = to_oxigraph(layout.dataset_file)
    steps(None)
    return {"steps": steps.figures, "quads": len(store), "counts": result.counts}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))
