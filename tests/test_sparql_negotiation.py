"""The Accept parser used by every route."""

from __future__ import annotations

import pytest

from api.negotiation import negotiate, parse_accept

OFFERED = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, OFFERED[0]),
        ("", OFFERED[0]),
        ("text/csv", "text/csv"),
        ("TEXT/CSV", "text/csv"),
        ("text/csv;q=0.2, application/sparql-results+xml;q=0.3", OFFERED[1]),
        ("*/*;q=0.5, text/csv;q=0.4", OFFERED[0]),
        ("text/*, */*;q=0.1", "text/csv"),
        ("application/*;q=1, text/csv;q=1", "text/csv"),
        ("application/sparql-results+xml, application/sparql-results+json", OFFERED[1]),
        ("text/csv;q=0, */*", OFFERED[0]),
        ("text/csv;q=0", None),
        ("image/png", None),
        ("text/csv;q=abc, application/sparql-results+xml", OFFERED[1]),
        ("text/csv;q=2", None),
        ("nonsense, text/csv", "text/csv"),
        ("text/csv;charset=utf-8;q=0.7", "text/csv"),
    ],
)
def test_negotiate(header, expected):
    assert negotiate(header, OFFERED) == expected


def test_nothing_offered():
    assert negotiate("*/*", []) is None


def test_parse_accept_skips_malformed_entries():
    ranges = parse_accept("text/html;q=0.5, */html, foo, application/json")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [
        ("text", "html", 0.5),
        ("application", "json", 1.0),
    ]
