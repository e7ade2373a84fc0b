"""The embedded engine: the built dataset in Oxigraph, evaluated in killable worker processes."""

from __future__ import annotations

import logging

from api.analysis import Analysis, relocate
from api.base import BaseEngine, Dataset
from api.engine import EngineResult
from api.errors import QueryRejected, StoreError
from api.pool import WorkerPool
from api.settings import Settings
from api.worker import Job
from kg.namespaces import PREFIXES

log = logging.getLogger(__name__)


class EmbeddedEngine(BaseEngine):
    """Queries over an in-memory Oxigraph copy of the built N-Quads, one per worker process."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self._pool = WorkerPool(settings.dataset, settings.workers, dict(PREFIXES))
        self._stats: dict = {}

    async def start(self) -> None:
        """Start the workers and count the dataset once (it never changes while served)."""
        quads = await self._pool.start()
        log.info(
            "loaded %s quads from %s into %s workers",
            quads,
            self.settings.dataset,
            self.settings.workers,
        )
        self._stats = await self._collect_stats()

    async def _evaluate(
        self, analysis: Analysis, media_type: str, dataset: Dataset | None
    ) -> EngineResult:
        job = Job(
            text=analysis.text,
            form=analysis.form,
            media_type=media_type,
            max_rows=self.settings.max_rows,
            union=not analysis.has_dataset,
            default_graphs=dataset.default if dataset else None,
            named_graphs=dataset.named if dataset else None,
        )
        outcome = await self._pool.run(job, self.settings.query_timeout)
        if outcome.error is not None:
            if outcome.rejected:
                raise QueryRejected(relocate(outcome.error, analysis.offset), 400)
            raise StoreError(outcome.error)
        return EngineResult(outcome.body, media_type, outcome.truncated)

    async def stats(self) -> dict:
        """Counts taken when the engine started."""
        return self._stats

    async def close(self) -> None:
        """Stop the workers."""
        await self._pool.close()
