"""An in-process LRU of response bodies bounded by a byte budget."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class CachedResponse:
    """A complete 200 answer: its headers (ETag included) and body."""

    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: bytes


class ResponseCache:
    """Least recently used responses whose bodies add up to at most ``max_bytes``.

    One entry may take at most an eighth of the budget, so that a single large answer cannot
    evict everything else.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.max_entry = max_bytes // 8
        self._entries: OrderedDict[tuple, CachedResponse] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        """Bytes of the bodies held now."""
        return self._size

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: tuple) -> CachedResponse | None:
        """The response stored under ``key`` (now the most recently used), or None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: tuple, entry: CachedResponse) -> bool:
        """Store ``entry`` unless it is over the per-entry limit; evict the least recent."""
        cost = len(entry.body)
        if cost > self.max_entry:
            return False
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= len(old.body)
            self._entries[key] = entry
            self._size += cost
            while self._size > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._size -= len(evicted.body)
        return True
