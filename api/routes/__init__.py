"""Routers of the service besides the SPARQL endpoint; the app includes every one in ROUTERS."""

from __future__ import annotations

from fastapi import APIRouter

from api.routes import entities, home, linked_data, named_queries, timeline

ROUTERS: list[APIRouter] = [
    home.router,
    linked_data.router,
    entities.router,
    named_queries.router,
    timeline.router,
]
