"""Paths of the test fixtures."""

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
BAD = FIXTURES / "bad"
