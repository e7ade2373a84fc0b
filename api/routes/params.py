"""Checking request parameters; a bad one is a 400 that names the parameter and why."""

from __future__ import annotations

import re

from fastapi import HTTPException, Request

from kg.errors import ParamError
from kg.namespaces import resolve_iri


def bad_param(err: ParamError) -> HTTPException:
    """The 400 error of a bad parameter."""
    return HTTPException(400, detail={"error": str(err), "param": err.param, "reason": err.reason})


def single_values(request: Request, allowed: set[str] | None = None) -> dict[str, str]:
    """The query parameters, each given once and, when ``allowed`` is set, one of those."""
    values: dict[str, str] = {}
    for name, value in request.query_params.multi_items():
        if allowed is not None and name not in allowed:
            known = ", ".join(sorted(allowed)) or "none"
            raise bad_param(ParamError(name, f"unknown parameter (known: {known})"))
        if name in values:
            raise bad_param(ParamError(name, "given more than once"))
        values[name] = value
    return values


def class_iri(name: str, raw: str) -> str:
    """The IRI of a class given as a prefixed name of the project or as a full IRI."""
    try:
        return resolve_iri(raw)
    except ValueError as err:
        raise bad_param(ParamError(name, f"{raw!r} is not an IRI: {err}")) from err


def bounded_int(name: str, raw: str, low: int, high: int) -> int:
    """An integer between ``low`` and ``high`` inclusive."""
    if not re.fullmatch(r"\d{1,9}", raw) or not low <= int(raw) <= high:
        raise bad_param(ParamError(name, f"{raw!r} is not an integer from {low} to {high}"))
    return int(raw)
