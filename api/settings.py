"""Service settings: environment variables, overridable by command-line flags."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from kg.paths import default_layout

ENV_PREFIX = "CEASEFIRE_KG_"
EMBEDDED = "embedded"
REMOTE_SCHEME = "sparql+"


def _default_dataset() -> Path:
    return default_layout().dataset_file


@dataclass(frozen=True)
class Settings:
    """How the service listens, which store it serves and the limits it enforces."""

    host: str = "127.0.0.1"
    port: int = 8000
    #: ``embedded`` (the built dataset in Oxigraph) or ``sparql+http(s)://...`` (a SPARQL server).
    store: str = EMBEDDED
    #: Seconds one query may evaluate before it is stopped.
    query_timeout: float = 10.0
    #: Most result rows (SELECT) or triples (CONSTRUCT/DESCRIBE) returned.
    max_rows: int = 10_000
    #: Largest request body in bytes.
    max_body: int = 1024 * 1024
    #: Queries admitted at once; beyond that the answer is 503 with Retry-After.
    max_concurrent: int = 4
    #: Worker processes evaluating queries over the embedded store.
    workers: int = 2
    cors_origins: tuple[str, ...] = ()
    #: Whether queries may use SERVICE (outbound requests); off by default.
    allow_service: bool = False
    #: Bytes of answers kept in the in-process response cache; 0 turns it off.
    cache_bytes: int = 64 * 1024 * 1024
    #: Seconds clients may reuse an answer before revalidating it (Cache-Control max-age).
    cache_max_age: int = 300
    #: The built N-Quads the embedded store loads (not read from the environment).
    dataset: Path = field(default_factory=_default_dataset)

    def __post_init__(self) -> None:
        if self.store != EMBEDDED and not self.store.startswith(
            (REMOTE_SCHEME + "http://", REMOTE_SCHEME + "https://")
        ):
            raise ValueError(f"store must be embedded or sparql+http(s)://..., not {self.store!r}")
        for name in ("port", "max_rows", "max_body", "max_concurrent", "workers"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        for name in ("cache_bytes", "cache_max_age"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.query_timeout <= 0:
            raise ValueError("query_timeout must be positive")

    @property
    def remote_endpoint(self) -> str | None:
        """The query URL of the remote SPARQL server, or None for the embedded store."""
        return self.store.removeprefix(REMOTE_SCHEME) if self.store != EMBEDDED else None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``CEASEFIRE_KG_*`` variables (e.g. ``CEASEFIRE_KG_PORT``)."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        for f in fields(cls):
            if f.name == "dataset":
                continue
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is not None and raw.strip():
                values[f.name] = _convert(f.name, raw.strip())
        return cls(**values)  # type: ignore[arg-type]

    def override(self, **values: object) -> Settings:
        """A copy with the given non-None values replaced (for command-line flags)."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


_INTEGERS = (
    "port",
    "max_rows",
    "max_body",
    "max_concurrent",
    "workers",
    "cache_bytes",
    "cache_max_age",
)


def _convert(name: str, raw: str) -> object:
    """The typed value of one environment variable."""
    if name in _INTEGERS:
        return int(raw)
    if name == "query_timeout":
        return float(raw)
    if name == "allow_service":
        return raw.lower() in ("1", "true", "yes", "on")
    if name == "cors_origins":
        return tuple(o.strip() for o in raw.split(",") if o.strip())
    return raw
