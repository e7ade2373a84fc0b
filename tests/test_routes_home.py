"""The home page and the HTML pages: links, the SPARQL form, no outside resources."""

from __future__ import annotations

import re

import httpx
import pytest


@pytest.fixture(scope="module")
def site(sparql_server):
    """A client of the real server of the whole app; it does not follow redirects."""
    with httpx.Client(base_url=sparql_server.url, timeout=30) as client:
        yield client


def test_home_links_every_part_of_the_service(site):
    response = site.get("/", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    for href in ("/queries", "/entities", "/timeline", "/sparql", "/queries/timeline"):
        assert f'href="{href}"' in html
    assert '<form method="post" action="/sparql">' in html
    assert '<textarea name="query"' in html
    assert '<form method="get" action="/entities">' in html


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/entities",
        "/queries",
        "/queries/contested-claims",
        "/id/event/2020-10-17-ganja-missile-strike.html",
    ],
)
def test_pages_load_nothing_from_elsewhere(site, path):
    html = site.get(path, headers={"Accept": "text/html"}).text
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    for url in re.findall(r'(?:href|src|action)="([^"]*)"', html):
        assert url.startswith("/"), url
