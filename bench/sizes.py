"""Dataset sizes the benchmark accepts: ``article`` (the project's own sources) or N triples."""

from __future__ import annotations

ARTICLE = "article"
_SUFFIXES = {"k": 1_000, "m": 1_000_000}


def parse_size(label: str) -> int | None:
    """Triples wanted for a size label such as ``10k`` or ``1m``; None for ``article``."""
    text = label.strip().lower()
    if text == ARTICLE:
        return None
    if text[-1:] in _SUFFIXES:
        return int(float(text[:-1]) * _SUFFIXES[text[-1]])
    return int(text)
