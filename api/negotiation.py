"""Content negotiation: pick an offered media type from an HTTP ``Accept`` header.

Ranges are weighed by their ``q`` value (RFC 9110 section 12.5.1). An offered type takes the
``q`` of the most specific range that matches it (``type/subtype`` over ``type/*`` over
``*/*``). Among offered types with equal ``q``, the one matched more specifically wins, then
the one whose range comes first in the header, then the server's order in ``offered``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    """One comma-separated entry of an Accept header."""

    type: str
    subtype: str
    q: float
    position: int

    def specificity(self, media_type: str) -> int:
        """2 for an exact match, 1 for ``type/*``, 0 for ``*/*``, -1 for no match."""
        main, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != main:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def _quality(value: str) -> float | None:
    """A ``q`` value between 0 and 1, or None when it is malformed."""
    try:
        q = float(value)
    except ValueError:
        return None
    return q if 0.0 <= q <= 1.0 else None


def parse_accept(header: str) -> list[MediaRange]:
    """The well-formed media ranges of an Accept header; malformed entries are skipped."""
    ranges: list[MediaRange] = []
    for position, entry in enumerate(header.split(",")):
        media, *params = (part.strip() for part in entry.split(";"))
        main, slash, sub = media.lower().partition("/")
        if not slash or not main or not sub or (main == "*" and sub != "*"):
            continue
        q: float | None = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                q = _quality(value.strip())
        if q is not None:
            ranges.append(MediaRange(main, sub, q, position))
    return ranges


def negotiate(accept_header: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client prefers, or None when it accepts none of them.

    A missing or blank header accepts anything, so the first offered type is chosen.
    """
    if not offered:
        return None
    if accept_header is None or not accept_header.strip():
        return offered[0]
    ranges = parse_accept(accept_header)
    best: tuple[float, int, int, int] | None = None
    chosen: str | None = None
    for order, media_type in enumerate(offered):
        matches = [(r.specificity(media_type.lower()), r) for r in ranges]
        matches = [(s, r) for s, r in matches if s >= 0]
        if not matches:
            continue
        specificity, match = max(matches, key=lambda m: (m[0], -m[1].position))
        if match.q <= 0:
            continue
        rank = (match.q, specificity, -match.position, -order)
        if best is None or rank > best:
            best, chosen = rank, media_type
    return chosen
