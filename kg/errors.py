"""The project's exceptions; the CLI maps them to exit codes."""

from __future__ import annotations

from pathlib import Path


def _display(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class KGError(Exception):
    """Base class of every error the project raises on purpose."""


class InputError(KGError):
    """An input file cannot be read or parsed."""

    def __init__(
        self, path: Path | str, reason: str, line: int | None = None, column: int | None = None
    ) -> None:
        self.path = Path(path)
        self.reason = reason
        self.line = line
        self.column = column
        where = _display(self.path)
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {reason}")


class QueryError(KGError):
    """A named query is unknown, malformed or fails to run."""


class ParamError(QueryError):
    """A query parameter is unknown or its value is invalid."""

    def __init__(self, param: str, reason: str) -> None:
        self.param = param
        self.reason = reason
        super().__init__(f"parameter {param!r}: {reason}")


class ValidationFailed(KGError):
    """The graph does not conform to the SHACL shapes."""

    def __init__(self, report_text: str) -> None:
        self.report_text = report_text
        super().__init__(report_text)
