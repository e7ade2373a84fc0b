"""HTTP caching of answers over the immutable built dataset: strong ETags, 304s and an LRU.

The dataset does not change while it is served, so a GET answer depends only on the dataset
and the request: host, path, query string (normalized: decoded pairs in sorted order) and the
negotiated media type. The ETag is a digest of exactly these. ``If-None-Match`` with a
matching tag gets 304 Not Modified; ``Cache-Control`` lets clients and proxies reuse an answer
for ``max_age`` seconds and revalidate it after that (the IRIs stay the same across builds,
so ``immutable`` would be wrong). Complete 200 answers of GET ``/sparql``, the named queries
and the entity documents are kept in an in-process LRU (key: the request with its ``Accept``
header), so a repeated request never reaches a query worker; identical requests arriving
while the first is being answered wait for it instead of all running the query. Errors,
redirects and answers cut by the row cap are neither tagged nor kept.
"""

from __future__ import annotations

import asyncio
import hashlib
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.response_cache import CachedResponse, ResponseCache

#: Path prefixes whose GET answers are cacheable.
CACHEABLE = ("/sparql", "/queries", "/id/")
_TRUNCATED = b"x-results-truncated"
_KEPT_ON_304 = (b"etag", b"cache-control", b"vary", b"content-location")


def _normalized_query(raw: bytes) -> str:
    """The query string with its decoded pairs in sorted order."""
    if not raw:
        return ""
    pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
    return urlencode(sorted(pairs))


def _matches(if_none_match: bytes, etag: bytes) -> bool:
    """Whether an If-None-Match header names ``etag`` (weak comparison, RFC 9110 13.1.2)."""
    if if_none_match.strip() == b"*":
        return True
    return any(tag.strip().removeprefix(b"W/") == etag for tag in if_none_match.split(b","))


class HttpCache:
    """ASGI middleware adding ETag and Cache-Control, answering 304s and keeping an LRU.

    With ``identity`` None (a remote store, or a dataset without manifest) it does nothing.
    """

    def __init__(self, app: ASGIApp, identity: str | None, max_bytes: int, max_age: int) -> None:
        self.app = app
        self.identity = identity
        self.cache = ResponseCache(max_bytes) if max_bytes > 0 else None
        self.cache_control = f"public, max-age={max_age}".encode()
        self._inflight: dict[tuple, asyncio.Event] = {}

    def _etag(self, host: bytes, path: str, query: str, media_type: bytes) -> bytes:
        digest = hashlib.sha256(f"{self.identity}\n{path}\n{query}\n".encode())
        digest.update(host + b"\n" + media_type.split(b";")[0].strip().lower())
        return b'"' + digest.hexdigest()[:32].encode() + b'"'

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.identity is None
            or scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or not scope["path"].startswith(CACHEABLE)
        ):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        host = headers.get(b"host", b"")
        path = scope["path"]
        query = _normalized_query(scope["query_string"])
        key = (host, path, query, headers.get(b"accept", b"").strip())
        if_none_match = headers.get(b"if-none-match")
        if self.cache is None:
            await self._forward(scope, receive, send, key, if_none_match)
            return
        first = self._inflight.get(key)
        if first is not None:
            await first.wait()
        entry = self.cache.get(key)
        if entry is not None:
            await self._replay(entry, scope["method"] == "HEAD", if_none_match, send)
            return
        if first is not None or key in self._inflight:
            await self._forward(scope, receive, send, key, if_none_match)
            return
        self._inflight[key] = done = asyncio.Event()
        try:
            await self._forward(scope, receive, send, key, if_none_match)
        finally:
            del self._inflight[key]
            done.set()

    async def _replay(
        self, entry: CachedResponse, head: bool, if_none_match: bytes | None, send: Send
    ) -> None:
        """Answer from the cache: 304 when the client has it, else the stored 200."""
        if if_none_match is not None and _matches(if_none_match, entry.etag):
            kept = [(k, v) for k, v in entry.headers if k in _KEPT_ON_304]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": entry.headers})
        await send({"type": "http.response.body", "body": b"" if head else entry.body})

    async def _forward(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        key: tuple,
        if_none_match: bytes | None,
    ) -> None:
        """Run the app; tag a complete 200, turn it into a 304 if asked, keep it if GET."""
        state: dict = {"tagged": None, "not_modified": False, "chunks": []}

        async def tagging_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                found = list(message.get("headers", []))
                names = {k.lower() for k, _ in found}
                if message["status"] != 200 or _TRUNCATED in names:
                    await send(message)
                    return
                media_type = dict(found).get(b"content-type", b"")
                etag = self._etag(key[0], key[1], key[2], media_type)
                found = [(k, v) for k, v in found if k.lower() not in (b"etag", b"cache-control")]
                found += [(b"etag", etag), (b"cache-control", self.cache_control)]
                state["tagged"] = (found, etag)
                if if_none_match is not None and _matches(if_none_match, etag):
                    state["not_modified"] = True
                    kept = [(k, v) for k, v in found if k in _KEPT_ON_304]
                    await send({"type": "http.response.start", "status": 304, "headers": kept})
                    return
                await send({**message, "headers": found})
                return
            if message["type"] == "http.response.body" and state["tagged"] is not None:
                state["chunks"].append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(scope, key, state)
                if state["not_modified"]:
                    if not message.get("more_body", False):
                        await send({"type": "http.response.body", "body": b""})
                    return
            await send(message)

        await self.app(scope, receive, tagging_send)

    def _keep(self, scope: Scope, key: tuple, state: dict) -> None:
        """Store a complete GET answer."""
        if self.cache is None or scope["method"] != "GET":
            return
        headers, etag = state["tagged"]
        self.cache.put(key, CachedResponse(headers, b"".join(state["chunks"]), etag))
