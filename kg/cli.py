"""The ``ceasefire-kg`` command line."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table

from kg import output, synth
from kg.build import STEPS, BuildResult, build
from kg.docs import ontology_graph
from kg.docs import render as render_docs
from kg.errors import KGError, ValidationFailed
from kg.namespaces import GRAPH, SOURCE_GRAPH_PREFIX
from kg.paths import ROOT, Layout, default_layout
from kg.queries import get_query, list_queries, parse_query_file, run_oxigraph
from kg.store import is_stale, load_built, to_oxigraph
from kg.validate import validate_dataset, validate_files

app = typer.Typer(
    help="Build, validate and query the ceasefire knowledge graph.", add_completion=False
)
out = Console()
err = Console(stderr=True)

_MAX_SOURCE_ROWS = 20

_STEP_LABELS = {
    "load": "Loading ontology and facts",
    "reason": "OWL 2 RL reasoning",
    "derive": "Running derivations",
    "validate": "SHACL validation",
    "store": "Writing the dataset",
}


FactsOption = Annotated[
    Path | None,
    typer.Option(
        "--facts",
        help="Folder of facts files (default kg/facts, or CEASEFIRE_KG_FACTS_DIR).",
        file_okay=False,
    ),
]
BuildDirOption = Annotated[
    Path | None,
    typer.Option(
        "--build-dir",
        help="Folder of the built dataset (default build, or CEASEFIRE_KG_BUILD_DIR).",
        file_okay=False,
    ),
]


def _layout(facts: Path | None = None, build_dir: Path | None = None) -> Layout:
    """The default layout with the folders given on the command line."""
    layout = default_layout()
    if facts is not None:
        layout = replace(layout, facts_dir=facts)
    if build_dir is not None:
        layout = replace(layout, build_dir=build_dir)
    return layout


@contextmanager
def _errors() -> Iterator[None]:
    """Turn project errors into a message on stderr and an exit code, without traceback."""
    try:
        yield
    except ValidationFailed as exc:
        typer.echo(exc.report_text, err=True)
        raise typer.Exit(1) from None
    except KGError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


def _build_with_progress(layout: Layout) -> BuildResult:
    """Run the pipeline showing one spinner line per step on stderr."""
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), console=err, transient=True
    ) as progress:
        task = progress.add_task("Building", total=len(STEPS))

        def step(name: str) -> None:
            progress.update(task, description=_STEP_LABELS.get(name, name), advance=1)

        result = build(step, layout)
    return result


def _ensure_built(layout: Layout) -> None:
    """Build the dataset when it is missing or older than its inputs."""
    if is_stale(layout):
        _build_with_progress(layout)


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log steps.")] = False,
) -> None:
    """Build, validate and query the ceasefire knowledge graph."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING)


@app.command("build")
def build_command(facts: FactsOption = None, build_dir: BuildDirOption = None) -> None:
    """Load facts, reason, derive, validate and write the dataset."""
    with _errors():
        result = _build_with_progress(_layout(facts, build_dir))
    table = Table(title="Triples per graph")
    table.add_column("graph", overflow="fold")
    table.add_column("triples", justify="right")
    sources = {g: n for g, n in result.counts.items() if g.startswith(SOURCE_GRAPH_PREFIX)}
    if len(sources) > _MAX_SOURCE_ROWS:
        table.add_row(f"source/* ({len(sources)} graphs)", str(sum(sources.values())))
    for graph, count in result.counts.items():
        if len(sources) <= _MAX_SOURCE_ROWS or graph not in sources:
            table.add_row(graph.removeprefix(GRAPH), str(count))
    out.print(table)
    steps = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in result.timings.items())
    typer.echo(f"Steps: {steps}; peak memory {result.peak_rss_mib:.0f} MiB")
    typer.echo(f"Wrote {result.path}")


@app.command("synth")
def synth_command(
    output_dir: Annotated[
        Path,
        typer.Option("--output", "-o", help="Folder to write the reports into.", file_okay=False),
    ],
    agreements: Annotated[
        int, typer.Option("--agreements", "-n", min=1, help="Number of agreements.")
    ] = 100,
    seed: Annotated[int, typer.Option("--seed", "-s", help="Random seed.")] = 0,
) -> None:
    """Write a synthetic dataset: one Turtle file per report, about 216 triples per agreement.

    The same agreements and seed give byte-identical files. Build it with
    `ceasefire-kg build --facts DIR --build-dir DIR2`.
    """
    paths = synth.write(agreements, seed, output_dir)
    typer.echo(f"Wrote {len(paths)} reports to {output_dir}")


@app.command("validate")
def validate_command(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Turtle files to check with the ontology.")
    ] = None,
    facts: FactsOption = None,
    build_dir: BuildDirOption = None,
) -> None:
    """Validate the built graph, or the given source files, against the SHACL shapes."""
    layout = _layout(facts, build_dir)
    with _errors():
        if files:
            report = validate_files(files, layout)
        else:
            _ensure_built(layout)
            report = validate_dataset(load_built(layout.dataset_file), layout)
        if not report.conforms:
            raise ValidationFailed(report.render())
    typer.echo(report.render())


def _parse_params(pairs: list[str]) -> dict[str, str]:
    """``key=value`` options as a dict."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            typer.echo(f"error: --param expects key=value, got {pair!r}", err=True)
            raise typer.Exit(2)
        values[key.strip()] = value
    return values


@app.command("query")
def query_command(
    name: Annotated[str, typer.Argument(help="Query name (see `queries`) or path to a .rq file.")],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Parameter value as key=value.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    facts: FactsOption = None,
    build_dir: BuildDirOption = None,
) -> None:
    """Run a named query over the built graph (building it first if needed)."""
    if fmt not in output.FORMATS:
        typer.echo(
            f"error: unknown format {fmt!r}; use one of {', '.join(output.FORMATS)}", err=True
        )
        raise typer.Exit(2)
    values = _parse_params(param or [])
    layout = _layout(facts, build_dir)
    with _errors():
        is_file = name.endswith(".rq") or Path(name).is_file()
        query = parse_query_file(Path(name)) if is_file else get_query(name, layout)
        text = query.render(values)
        _ensure_built(layout)
        result = run_oxigraph(to_oxigraph(layout.dataset_file), text)
    if fmt == "json":
        typer.echo(output.to_json(result))
    elif fmt == "csv":
        typer.echo(output.to_csv(result), nl=False)
    else:
        out.print(output.to_table(result, title=query.title))


@app.command("queries")
def queries_command() -> None:
    """List the named queries with their titles and parameters."""
    with _errors():
        queries = list_queries(default_layout())
    table = Table(title="Named queries")
    table.add_column("name")
    table.add_column("title")
    table.add_column("parameters")
    for query in queries:
        params = "\n".join(
            f"{p.name} ({p.type}"
            + (f", default {p.default}" if p.default is not None else ", optional")
            + ")"
            + (f": {p.description}" if p.description else "")
            for p in query.params
        )
        table.add_row(query.name, query.title, params or "-")
    out.print(table)


@app.command("docs")
def docs_command(
    output_file: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the Markdown reference.")
    ] = ROOT / "docs" / "ontology.md",
) -> None:
    """Regenerate the ontology reference (classes, properties, vocabularies, class diagram)."""
    with _errors():
        text = render_docs(ontology_graph(default_layout()))
    output_file.parent.mkdir(parents=True, exist_ok=True)
    output_file.write_text(text)
    typer.echo(f"Wrote {output_file}")


@app.command("serve")
def serve_command(
    host: Annotated[
        str | None, typer.Option(help="Address to bind (default 127.0.0.1, loopback only).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (default 8000).")] = None,
    store: Annotated[
        str | None,
        typer.Option(help="embedded (the built graph) or sparql+http://host:port/path."),
    ] = None,
    timeout: Annotated[
        float | None, typer.Option(help="Seconds a query may run (default 10).")
    ] = None,
    max_rows: Annotated[
        int | None, typer.Option(help="Most result rows or triples returned (default 10000).")
    ] = None,
    max_body: Annotated[
        int | None, typer.Option(help="Largest request body in bytes (default 1 MiB).")
    ] = None,
    max_concurrent: Annotated[
        int | None, typer.Option(help="Queries evaluated at once before 503 (default 4).")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Query worker processes (default 2).")
    ] = None,
    cors_origin: Annotated[
        list[str] | None, typer.Option(help="Origin allowed by CORS (repeatable; default none).")
    ] = None,
    allow_service: Annotated[
        bool | None,
        typer.Option("--allow-service/--no-allow-service", help="Allow SERVICE (default off)."),
    ] = None,
    facts: FactsOption = None,
    build_dir: BuildDirOption = None,
) -> None:
    """Serve the graph over HTTP: a SPARQL 1.1 endpoint at /sparql (building it if needed).

    Defaults come from CEASEFIRE_KG_* environment variables (e.g. CEASEFIRE_KG_PORT).
    """
    import uvicorn

    from api.app import create_app
    from api.settings import Settings

    layout = _layout(facts, build_dir)
    try:
        settings = Settings.from_env().override(
            dataset=layout.dataset_file,
            host=host,
            port=port,
            store=store,
            query_timeout=timeout,
            max_rows=max_rows,
            max_body=max_body,
            max_concurrent=max_concurrent,
            workers=workers,
            cors_origins=tuple(cors_origin) if cors_origin else None,
            allow_service=allow_service,
        )
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if settings.remote_endpoint is None:
        with _errors():
            _ensure_built(layout)
    logging.getLogger("api").setLevel(logging.INFO)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, access_log=False)
