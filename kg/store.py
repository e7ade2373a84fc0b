"""The built dataset on disk: N-Quads plus a manifest, and its pyoxigraph twin."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

import pyoxigraph
from rdflib import Dataset

from kg.load import new_dataset
from kg.oxstore import inner
from kg.paths import ROOT, Layout, default_layout

log = logging.getLogger(__name__)

_CODE_DIR = Path(__file__).resolve().parent


def input_files(layout: Layout) -> list[Path]:
    """Every file whose content the built dataset depends on, including the pipeline code."""
    files = [
        *layout.ontology_files(),
        layout.shapes_file,
        *layout.fact_files(),
        *layout.derivation_files(),
        *sorted(_CODE_DIR.glob("*.py")),
    ]
    return [p for p in files if p.is_file()]


def _label(path: Path) -> str:
    """A path relative to the repository when possible, for a portable manifest."""
    resolved = path.resolve()
    return resolved.relative_to(ROOT).as_posix() if resolved.is_relative_to(ROOT) else str(path)


def digests(layout: Layout) -> dict[str, str]:
    """SHA-256 of every input file, keyed by its repository-relative path."""
    return {_label(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in input_files(layout)}


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file next to ``path`` and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def graph_counts(dataset: Dataset) -> dict[str, int]:
    """Number of triples in each non-empty named graph, sorted by graph name."""
    counts = {row["g"].value: int(row["n"].value) for row in inner(dataset).query(_COUNTS)}
    return dict(sorted(counts.items()))


def nquads(dataset: Dataset) -> bytes:
    """All named graphs of ``dataset`` as N-Quads."""
    return inner(dataset).dump(format=pyoxigraph.RdfFormat.N_QUADS)


def save(dataset: Dataset, layout: Layout | None = None) -> Path:
    """Write all named graphs as N-Quads and the manifest; return the dataset file."""
    layout = layout or default_layout()
    data = nquads(dataset)
    manifest = {"graphs": graph_counts(dataset), "inputs": digests(layout)}
    _write_atomically(layout.dataset_file, data)
    _write_atomically(layout.manifest_file, json.dumps(manifest, indent=2).encode("utf-8"))
    log.info("wrote %s", layout.dataset_file)
    return layout.dataset_file


def load_built(path: Path | None = None) -> Dataset:
    """Read a built N-Quads file back into a Dataset (default graph = union)."""
    dataset = new_dataset()
    dataset.parse(path or default_layout().dataset_file, format="nquads")
    return dataset


def to_oxigraph(source: Dataset | Path) -> pyoxigraph.Store:
    """An in-memory pyoxigraph Store holding the same quads as ``source``."""
    store = pyoxigraph.Store()
    if isinstance(source, Path):
        store.load(path=source, format=pyoxigraph.RdfFormat.N_QUADS)
    else:
        store.load(nquads(source), format=pyoxigraph.RdfFormat.N_QUADS)
    return store


def is_stale(layout: Layout | None = None) -> bool:
    """Whether the dataset is missing or any input changed since it was built."""
    layout = layout or default_layout()
    if not layout.dataset_file.is_file() or not layout.manifest_file.is_file():
        return True
    try:
        manifest = json.loads(layout.manifest_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return manifest.get("inputs") != digests(layout)
