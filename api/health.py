"""``/health``: whether the service is up, and the size of the graph it serves."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.engine import Overloaded, QueryTimeout, StoreError

router = APIRouter(tags=["service"])


@router.get("/health", summary="Service health and graph size")
async def health(request: Request) -> JSONResponse:
    """``{"status": "ok", "triples": N}``, or 503 when the store does not answer."""
    try:
        stats = await request.app.state.engine.stats()
    except (StoreError, QueryTimeout, Overloaded) as err:
        return JSONResponse({"status": "unavailable", "error": str(err)}, status_code=503)
    return JSONResponse({"status": "ok", "triples": stats["triples"]})
