"""Errors an engine raises; the HTTP layer maps each to a status code."""

from __future__ import annotations


class QueryRejected(Exception):
    """A query the service refuses: malformed (400) or not allowed (403)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class QueryTimeout(Exception):
    """The query did not finish within the time limit and was stopped."""


class Overloaded(Exception):
    """Too many queries are being evaluated; the client should retry later."""

    def __init__(self, retry_after: int = 1) -> None:
        super().__init__(f"too many concurrent queries; retry after {retry_after} s")
        self.retry_after = retry_after


class StoreError(Exception):
    """The store failed to answer (a worker died, the remote server erred or is unreachable)."""
