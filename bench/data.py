"""The benchmark's datasets: synthetic sources of about N triples, built by the pipeline."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kg.paths import DATASET_NAME, ROOT

#: Triples of the built dataset per synthetic agreement (with its share of the background
#: reports, the inferred and derived triples), measured on seed 1.
TRIPLES_PER_AGREEMENT = 380
SEED = 1


@dataclass(frozen=True)
class Built:
    """A built dataset of one size and what building it cost."""

    label: str
    facts_dir: Path
    build_dir: Path
    quads: int
    steps: dict[str, dict[str, float]]

    @property
    def dataset(self) -> Path:
        """The N-Quads file."""
        return self.build_dir / DATASET_NAME


def agreements_for(triples: int) -> int:
    """How many synthetic agreements give about ``triples`` built triples."""
    return max(1, round(triples / TRIPLES_PER_AGREEMENT))


def synthesize(agreements: int, facts_dir: Path) -> None:
    """Write the synthetic sources with ``ceasefire-kg synth`` (or its module)."""
    command = [sys.executable, "-c", "from kg.cli import app; app()", "synth"]
    args = ["--agreements", str(agreements), "--seed", str(SEED), "--output", str(facts_dir)]
    done = subprocess.run([*command, *args], cwd=ROOT, capture_output=True, text=True)
    if done.returncode == 0:
        return
    from kg import synth  # the generator itself, before its command exists

    synth.write(agreements, SEED, facts_dir)


def build(label: str, triples: int, work: Path, timeout: float) -> Built:
    """Synthesize about ``triples`` triples and build them, timing each step."""
    facts_dir, build_dir = work / label / "facts", work / label / "build"
    synthesize(agreements_for(triples), facts_dir)
    done = subprocess.run(
        [sys.executable, "-m", "bench.build_probe", str(facts_dir), str(build_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"building {label} failed:\n{done.stderr[-3000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return Built(label, facts_dir, build_dir, figures["quads"], figures["steps"])


def article(work: Path, timeout: float) -> Built:
    """The project's own sources (the smallest dataset, for a quick run)."""
    build_dir = work / "article" / "build"
    done = subprocess.run(
        [sys.executable, "-m", "bench.build_probe", str(ROOT / "kg" / "facts"), str(build_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"building the article graph failed:\n{done.stderr[-3000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return Built("article", ROOT / "kg" / "facts", build_dir, figures["quads"], figures["steps"])
