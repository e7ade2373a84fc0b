"""The build pipeline: facts -> graph -> reasoning -> derivation -> validation -> store."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
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


def _log_step(step: str) -> None:
    """Default progress callback: log the step."""
    log.info("build step: %s", step)


def build(
    progress: Progress | None = None, layout: Layout | None = None, *, write: bool = True
) -> BuildResult:
    """Run the whole pipeline; ``progress`` is called with each step name of ``STEPS``.

    Raises ValidationFailed (carrying the readable report) when the graph does not conform
    to the shapes; nothing is written then. With ``write=False`` the store step is skipped.
    """
    layout = layout or default_layout()
    step = progress or _log_step
    step("load")
    dataset = load_project(layout)
    step("reason")
    infer(dataset)
    step("derive")
    derive(dataset, layout)
    step("validate")
    report = validate_dataset(dataset, layout)
    if not report.conforms:
        raise ValidationFailed(report.render())
    path = None
    if write:
        step("store")
        path = save(dataset, layout)
    return BuildResult(dataset=dataset, counts=graph_counts(dataset), report=report, path=path)
