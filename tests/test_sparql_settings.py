"""Service settings from the environment and the ``serve`` command, and CORS."""

from __future__ import annotations

import httpx
import pytest
from typer.testing import CliRunner

from api.settings import Settings
from kg import cli
from tests.server import start_service

ORIGIN = "https://example.org"


def test_defaults():
    settings = Settings()
    assert (settings.host, settings.port, settings.store) == ("127.0.0.1", 8000, "embedded")
    assert (settings.query_timeout, settings.max_rows, settings.max_body) == (10, 10_000, 1 << 20)
    assert (settings.max_concurrent, settings.workers) == (4, 2)
    assert settings.cors_origins == ()
    assert settings.allow_service is False
    assert settings.remote_endpoint is None


def test_from_env():
    settings = Settings.from_env(
        {
            "CEASEFIRE_KG_PORT": "9000",
            "CEASEFIRE_KG_STORE": "sparql+http://127.0.0.1:7878/query",
            "CEASEFIRE_KG_QUERY_TIMEOUT": "2.5",
            "CEASEFIRE_KG_CORS_ORIGINS": "https://a.example, https://b.example",
            "CEASEFIRE_KG_ALLOW_SERVICE": "true",
        }
    )
    assert settings.port == 9000
    assert settings.remote_endpoint == "http://127.0.0.1:7878/query"
    assert settings.query_timeout == 2.5
    assert settings.cors_origins == ("https://a.example", "https://b.example")
    assert settings.allow_service is True
    assert settings.override(port=None, max_rows=5).max_rows == 5


@pytest.mark.parametrize(
    "values", [{"store": "http://x/query"}, {"workers": 0}, {"query_timeout": 0}]
)
def test_invalid_settings(values):
    with pytest.raises(ValueError):
        Settings(**values)


def test_serve_command_binds_loopback_by_default(monkeypatch, built):
    calls = {}
    monkeypatch.setenv("CEASEFIRE_KG_BUILD_DIR", str(built.path.parent))
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: calls.update(kw, app=app))
    result = CliRunner().invoke(cli.app, ["serve", "--port", "8123", "--timeout", "3"])
    assert result.exit_code == 0, result.output
    assert calls["host"] == "127.0.0.1"
    assert calls["port"] == 8123
    assert calls["app"].state.settings.query_timeout == 3


def test_serve_command_refuses_a_bad_store():
    result = CliRunner().invoke(cli.app, ["serve", "--store", "ftp://nowhere"])
    assert result.exit_code == 2
    assert "sparql+http" in result.stderr


def test_cors_is_off_by_default(sparql_server):
    response = httpx.get(sparql_server.url + "/health", headers={"Origin": ORIGIN})
    assert "access-control-allow-origin" not in response.headers


def test_cors_allows_configured_origins(built, service_logs):
    server = start_service(
        built.path.parent, service_logs, "--workers", "1", "--cors-origin", ORIGIN
    )
    try:
        response = httpx.get(
            server.url + "/sparql", params={"query": "ASK {}"}, headers={"Origin": ORIGIN}
        )
        assert response.headers["access-control-allow-origin"] == ORIGIN
        other = httpx.get(server.url + "/health", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers
    finally:
        server.stop()
