"""The build pipeline: facts -> graph -> reasoning -> derivation -> validation -> store."""

from __future__ import annotations

import logging
import resource
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg.derive import derive
from kg.errors import ValidationFailed
from kg.load import load_project
from kg.paths import Layout, default_layout
from kg.reason import infer
from kg.store import graph_counts, save
from kg.validate import ValidationReport, validate_dataset

log = logging.getLogger(__name__)

Progress = Callable[[str], None]

STEPS = ("load", "reason", "derive", "validate", "store")


@dataclass(frozen=True)
class BuildResult:
    """What a build produced."""

    dataset: Dataset
    counts: dict[str, int]
    report: ValidationReport
    path: Path | None
    #: Seconds spent in each step of ``STEPS`` that ran.
    timings: dict[str, float] = field(default_factory=dict)
    #: Peak resident memory of this process so far, in MiB.
    peak_rss_mib: float = 0.0


def _log_step(step: str) -> None:
    """Default progress callback: log the step."""
    log.info("build step: %s", step)


def peak_rss_mib() -> float:
    """The peak resident set size of this process in MiB (ru_maxrss is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class _Clock:
    """Announces each step and records how long it took."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.timings: dict[str, float] = {}

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time the step ``name``."""
        self.progress(name)
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = time.perf_counter() - start
            log.info("%s took %.2f s", name, self.timings[name])


def build(
    progress: Progress | None = None, layout: Layout | None = None, *, write: bool = True
) -> BuildResult:
    """Run the whole pipeline; ``progress`` is called with each step name of ``STEPS``.

    Raises ValidationFailed (carrying the readable report) when the graph does not conform
    to the shapes; nothing is written then. With ``write=False`` the store step is skipped.
    """
    layout = layout or default_layout()
    clock = _Clock(progress or _log_step)
    with clock.step("load"):
        dataset = load_project(layout)
    with clock.step("reason"):
        infer(dataset)
    with clock.step("derive"):
        derive(dataset, layout)
    with clock.step("validate"):
        report = validate_dataset(dataset, layout)
    if not report.conforms:
        raise ValidationFailed(report.render())
    path = None
    if write:
        with clock.step("store"):
            path = save(dataset, layout)
    return BuildResult(
        dataset=dataset,
        counts=graph_counts(dataset),
        report=report,
        path=path,
        timings=clock.timings,
        peak_rss_mib=peak_rss_mib(),
    )
