"""Choosing a response media type from the Accept header."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import HTTPException, Request, Response

from api.negotiation import negotiate

HTML = "text/html"


def choose(request: Request, offered: Sequence[str]) -> str:
    """The offered media type the client prefers; 406 when it accepts none of them."""
    chosen = negotiate(request.headers.get("accept"), offered)
    if chosen is None:
        raise HTTPException(406, detail={"error": "not acceptable", "available": list(offered)})
    return chosen


def varied(response: Response) -> Response:
    """``response`` marked as depending on the Accept header."""
    response.headers["Vary"] = "Accept"
    return response
