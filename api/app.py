"""The web application: the SPARQL endpoint, health, docs and the other routes."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from api import health, sparql
from api.access_log import AccessLog
from api.body_limit import BodyLimit
from api.dataset_identity import dataset_identity
from api.embedded import EmbeddedEngine
from api.http_cache import HttpCache
from api.remote import RemoteEngine
from api.routes import ROUTERS
from api.settings import Settings

log = logging.getLogger(__name__)


def _lifespan(settings: Settings) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """Open the store before the first request and close it at shutdown."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.remote_endpoint is None:
            engine: EmbeddedEngine | RemoteEngine = EmbeddedEngine(settings)
        else:
            engine = RemoteEngine(settings)
        try:
            await engine.start()
            stats = await engine.stats()
            app.state.engine = engine
            log.info(
                "SPARQL endpoint at http://%s:%s/sparql serving %s triples in %s graphs",
                settings.host,
                settings.port,
                stats["triples"],
                len(stats["graphs"]),
            )
            yield
        finally:
            await engine.close()

    return lifespan


def create_app(settings: Settings | None = None) -> FastAPI:
    """The application for ``settings`` (from the environment when omitted)."""
    settings = settings or Settings.from_env()
    app = FastAPIOffline(
        title="Ceasefire knowledge graph",
        description="A read-only SPARQL 1.1 endpoint and Linked Data over ceasefire timelines.",
        lifespan=_lifespan(settings),
    )
    app.state.settings = settings
    app.include_router(sparql.router)
    app.include_router(health.router)
    for router in ROUTERS:
        app.include_router(router)
    app.add_middleware(
        HttpCache,
        identity=dataset_identity(settings),
        max_bytes=settings.cache_bytes,
        max_age=settings.cache_max_age,
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "HEAD", "POST"],
            allow_headers=["Accept", "Content-Type"],
            expose_headers=[sparql.TRUNCATED_HEADER, sparql.LIMIT_HEADER, "Retry-After", "ETag"],
        )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body)
    app.add_middleware(AccessLog)
    return app
