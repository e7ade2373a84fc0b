"""A query worker process: holds the dataset in memory and evaluates one query at a time.

Oxigraph cannot be interrupted while it evaluates a query, so queries run in such processes,
which the parent kills when a query outlives its time limit. Run as
``python -m api.worker READ_FD WRITE_FD DATASET PREFIXES_JSON``: jobs arrive pickled on
READ_FD, outcomes leave on WRITE_FD. This module imports only pyoxigraph and the standard
library, to start quickly.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions, RdfFormat, Store

from api import results
from api.formats import GRAPH_FORMS, RESULTS


@dataclass(frozen=True)
class Job:
    """One query to evaluate."""

    text: str
    form: str
    media_type: str
    max_rows: int
    #: True to use the union of all named graphs as the default graph.
    union: bool = True
    #: Graphs given with the protocol's default-graph-uri / named-graph-uri, or None.
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Outcome:
    """The serialized results of a job, or the store's message when it failed."""

    body: bytes = b""
    truncated: bool = False
    error: str | None = None
    #: True when the store refused the query itself (a syntax error), False for a failure.
    rejected: bool = False


def _dataset(job: Job) -> dict[str, Any]:
    """Keyword arguments of Store.query choosing the query's RDF dataset."""
    if job.default_graphs is not None or job.named_graphs is not None:
        return {
            "default_graph": [NamedNode(g) for g in job.default_graphs or ()],
            "named_graphs": [NamedNode(g) for g in job.named_graphs or ()],
        }
    return {"use_default_graph_as_union": job.union}


def evaluate(store: Store, job: Job, prefixes: Mapping[str, str]) -> Outcome:
    """Run ``job`` on ``store`` and serialize at most ``job.max_rows`` rows or triples."""
    try:
        answer = store.query(job.text, **_dataset(job))
    except SyntaxError as err:
        return Outcome(error=str(err), rejected=True)
    if isinstance(answer, QueryBoolean):
        return Outcome(body=answer.serialize(format=RESULTS[job.media_type]))
    if isinstance(answer, QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows, truncated = results.capped(answer, job.max_rows)
        return Outcome(results.solutions(variables, rows, job.media_type), truncated)
    if job.form not in GRAPH_FORMS:
        raise TypeError(f"unexpected results for a {job.form} query")
    triples, truncated = results.capped(answer, job.max_rows)
    return Outcome(results.triples(triples, job.media_type, prefixes), truncated)


def main(jobs: Connection, outcomes: Connection, dataset: str, prefixes: dict[str, str]) -> None:
    """Load ``dataset`` (N-Quads), report its size, then answer jobs until the pipe closes."""
    store = Store()
    store.load(path=dataset, format=RdfFormat.N_QUADS)
    outcomes.send(len(store))
    while True:
        try:
            job = jobs.recv()
        except (EOFError, OSError):
            return
        try:
            outcome = evaluate(store, job, prefixes)
        except Exception as err:  # noqa: BLE001 - any failure is reported, the worker lives on
            outcome = Outcome(error=f"{type(err).__name__}: {err}")
        outcomes.send(outcome)


def run(argv: list[str]) -> None:
    """Start from the command line arguments described in the module docstring."""
    read_fd, write_fd, dataset, prefixes = argv
    main(
        Connection(int(read_fd), writable=False),
        Connection(int(write_fd), readable=False),
        dataset,
        json.loads(prefixes),
    )


if __name__ == "__main__":
    # Run the imported module, not __main__, so pickled outcomes name api.worker classes.
    from api import worker

    worker.run(sys.argv[1:])
