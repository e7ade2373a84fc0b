"""HTML pages from autoescaping Jinja2 templates."""

from __future__ import annotations

from pathlib import Path

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from kg.namespaces import compact

TEMPLATES_DIR = Path(__file__).parent / "templates"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["compact"] = compact


def render(template: str, status_code: int = 200, **context: object) -> HTMLResponse:
    """The HTML response of ``template`` rendered with ``context`` (every value escaped)."""
    html = _env.get_template(template).render(**context)
    return HTMLResponse(html, status_code=status_code)
