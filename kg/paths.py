"""Where the project's inputs and outputs live."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
FACTS_DIR = ROOT / "kg" / "facts"
DERIVATIONS_DIR = ROOT / "kg" / "derivations"
QUERIES_DIR = ROOT / "queries"
BUILD_DIR_ENV = "CEASEFIRE_KG_BUILD_DIR"
FACTS_DIR_ENV = "CEASEFIRE_KG_FACTS_DIR"
BUILD_DIR = Path(os.environ.get(BUILD_DIR_ENV) or ROOT / "build")
BUILT_DATASET = BUILD_DIR / "ceasefire-kg.nq"
DATASET_NAME = BUILT_DATASET.name
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class Layout:
    """The set of input folders and the build folder one pipeline run uses."""

    ontology_dir: Path = ONTOLOGY_DIR
    shapes_file: Path = SHAPES_FILE
    facts_dir: Path = FACTS_DIR
    derivations_dir: Path = DERIVATIONS_DIR
    queries_dir: Path = QUERIES_DIR
    build_dir: Path = BUILD_DIR

    @property
    def dataset_file(self) -> Path:
        """The N-Quads file of the built dataset."""
        return self.build_dir / DATASET_NAME

    @property
    def manifest_file(self) -> Path:
        """The JSON manifest written next to the built dataset."""
        return self.build_dir / MANIFEST_NAME

    def ontology_files(self) -> list[Path]:
        """Every ontology Turtle file except the shapes."""
        return sorted(
            p for p in self.ontology_dir.glob("*.ttl") if p.resolve() != self.shapes_file.resolve()
        )

    def fact_files(self) -> list[Path]:
        """Every facts Turtle file (one source document each)."""
        return sorted(self.facts_dir.glob("*.ttl"))

    def derivation_files(self) -> list[Path]:
        """Every derivation CONSTRUCT query."""
        return sorted(self.derivations_dir.glob("*.rq"))

    def query_files(self) -> list[Path]:
        """Every named query."""
        return sorted(self.queries_dir.glob("*.rq"))


def default_layout() -> Layout:
    """The repository layout, with the build and facts folders of the environment, if set."""
    layout = Layout()
    if build_dir := os.environ.get(BUILD_DIR_ENV):
        layout = replace(layout, build_dir=Path(build_dir))
    if facts_dir := os.environ.get(FACTS_DIR_ENV):
        layout = replace(layout, facts_dir=Path(facts_dir))
    return layout
