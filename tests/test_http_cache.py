"""HTTP caching on a real server: ETags, 304s, Cache-Control, and what is never cached."""

from __future__ import annotations

import httpx
import pytest

from api.response_cache import CachedResponse, ResponseCache
from tests.server import start_service

JSON = "application/sparql-results+json"
CSV = "text/csv"
CACHEABLE = [
    "/queries/mediators",
    "/queries/frayed-within-days?days=7",
    "/id/place/ganja.ttl",
    "/id/place/ganja.jsonld",
    "/sparql?query=ASK%20%7B%7D",
]


@pytest.fixture(scope="module")
def base(sparql_server) -> str:
    return sparql_server.url


@pytest.mark.parametrize("path", CACHEABLE)
def test_answers_carry_a_strong_etag_and_cache_control(base, path):
    first = httpx.get(base + path)
    second = httpx.get(base + path)
    assert first.status_code == second.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert second.headers["etag"] == etag
    assert second.content == first.content
    assert "max-age=" in first.headers["cache-control"]
    if not path.startswith("/id/"):  # an entity document's extension fixes its format
        assert first.headers["vary"] == "Accept"


@pytest.mark.parametrize("path", CACHEABLE)
def test_if_none_match_gets_304_without_body(base, path):
    etag = httpx.get(base + path).headers["etag"]
    again = httpx.get(base + path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    listed = httpx.get(base + path, headers={"If-None-Match": f'"other", W/{etag}'})
    assert listed.status_code == 304
    stale = httpx.get(base + path, headers={"If-None-Match": '"not-it"'})
    assert stale.status_code == 200 and stale.content


def test_etag_depends_on_media_type_and_query_string(base):
    path = "/queries/mediators"
    as_json = httpx.get(base + path, headers={"Accept": JSON})
    as_csv = httpx.get(base + path, headers={"Accept": CSV})
    assert as_json.headers["etag"] != as_csv.headers["etag"]
    assert as_csv.headers["content-type"].startswith(CSV)
    assert httpx.get(base + path, headers={"Accept": CSV}).content == as_csv.content
    a = httpx.get(base + "/queries/frayed-within-days?days=7")
    b = httpx.get(base + "/queries/frayed-within-days?days=0")
    assert a.headers["etag"] != b.headers["etag"]


def test_query_string_order_does_not_matter(base):
    one = httpx.get(base + "/sparql?query=ASK%20%7B%7D&format=json")
    other = httpx.get(base + "/sparql?format=json&query=ASK%20%7B%7D")
    assert one.headers["etag"] == other.headers["etag"]
    assert one.content == other.content


def test_errors_redirects_posts_and_health_are_not_cached(base):
    bad = httpx.get(base + "/sparql", params={"query": "SELEC nothing"})
    assert bad.status_code == 400
    assert "etag" not in bad.headers
    assert "etag" not in httpx.get(base + "/queries/no-such-query").headers
    redirect = httpx.get(base + "/id/place/ganja")
    assert redirect.status_code == 303 and "etag" not in redirect.headers
    post = httpx.post(base + "/sparql", data={"query": "ASK {}"})
    assert post.status_code == 200 and "etag" not in post.headers
    assert "etag" not in httpx.get(base + "/health").headers


def test_truncated_answers_are_not_cached(base):
    # The server's row cap is 500; the union graph has more triples than that.
    query = "SELECT * WHERE { ?s ?p ?o }"
    response = httpx.get(base + "/sparql", params={"query": query})
    assert response.headers["x-results-truncated"] == "true"
    assert "etag" not in response.headers
    assert "cache-control" not in response.headers


def test_head_is_answered_from_the_cache(base):
    path = "/id/place/ganja.nt"
    full = httpx.get(base + path)
    head = httpx.head(base + path)
    assert head.status_code == 200
    assert head.headers["etag"] == full.headers["etag"]
    assert head.content == b""


def test_cache_off_still_tags_and_answers_304(built, service_logs):
    env = {"CEASEFIRE_KG_CACHE_BYTES": "0", "CEASEFIRE_KG_CACHE_MAX_AGE": "60"}
    server = start_service(built.path.parent, service_logs, env=env)
    try:
        path = server.url + "/queries/mediators"
        first = httpx.get(path)
        assert first.headers["cache-control"] == "public, max-age=60"
        again = httpx.get(path, headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304
    finally:
        server.stop()


def test_lru_keeps_to_its_byte_budget():
    cache = ResponseCache(800)
    for n in range(20):
        cache.put((n,), CachedResponse([], bytes(100), b'"x"'))
    assert cache.size <= 800
    assert cache.get((0,)) is None and cache.get((19,)) is not None
    assert not cache.put(("big",), CachedResponse([], bytes(101), b'"y"'))
    cache.get((12,))
    cache.put((20,), CachedResponse([], bytes(100), b'"z"'))
    assert cache.get((12,)) is not None and cache.get((13,)) is None
