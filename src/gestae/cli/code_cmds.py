"""`gestae code`, `explain`, `geoparse`, `timex`, `schema`: coding articles and looking inside the coding."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from gestae.cli.common import ModelOpt, OutputOpt, PathsArg, ProblemCounter, build_pipeline, err, output_stream, progress, read_articles


WorkersOpt = typer.Option(None, "--workers", "-w", min=1, help="Worker processes, each loading the pipeline once (default: all cores). 1 codes in this process.")
EngineOpt = typer.Option("local", "--engine", help="local (processes on this machine) or dask (a Dask cluster; see docs/scale.md).")
SchedulerOpt = typer.Option(None, "--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786) or scheduler file, with --engine dask; without it a local cluster is started.")


def code(paths: list[str] = PathsArg, output: Path = OutputOpt, model: str = ModelOpt,
         include_unasserted: bool = typer.Option(True, "--all/--asserted-only", help="Also write planned, hypothetical and negated events (marked in 'modality')."),
         workers: Optional[int] = WorkersOpt, engine: str = EngineOpt, scheduler: Optional[str] = SchedulerOpt) -> None:
    """Code articles into events: one JSON object per event (JSONL), in input order.

    Examples:

      gestae code examples/articles/kharkiv_shelling.txt

      gestae code news.jsonl -o events.jsonl --workers 4

      cat article.txt | gestae code -

    Exit status: 0 when all input was read, 1 when some input was skipped (each skip is reported on stderr).
    """
    from gestae.config import PipelineConfig
    from gestae.nlp.model import ModelNotInstalled
    from gestae.parallel import check_model, count_articles, open_engine, track

    counter = ProblemCounter()
    try:
        check_model(model)
        coder = open_engine(PipelineConfig(spacy_model=model), workers=workers, engine=engine, scheduler=scheduler)
    except (ValueError, ModelNotInstalled) as error:  # an unknown --engine, or a model that is not there
        err.print(f"[red]gestae: {error}[/]", highlight=False)
        raise typer.Exit(2) from None
    try:
        with coder, output_stream(output) as out:
            results = coder.map(read_articles(paths, counter))
            for result in track(results, "coding", total=lambda: count_articles(paths)):
                for event in result.events:
                    if include_unasserted or event.modality.value == "asserted":
                        out.write(event.model_dump_json(exclude_none=False) + "\n")
                if not result.events:
                    err.print(f"gestae: no events in {result.article.id}: {'; '.join(result.notes)}", highlight=False)
    except ModelNotInstalled as error:
        err.print(f"[red]gestae: {error}[/]", highlight=False)
        raise typer.Exit(2) from None
    raise typer.Exit(counter.exit_code)


def explain(paths: list[str] = PathsArg, model: str = ModelOpt,
            as_json: bool = typer.Option(False, "--json", help="The full ArticleResult as JSON instead of text.")) -> None:
    """Show, sentence by sentence, what was found, what was coded, and why anything was left out.

    Example: gestae explain examples/articles/kharkiv_shelling.txt
    """
    from gestae.cli.explain_view import render

    counter = ProblemCounter()
    pipeline = build_pipeline(model)
    for result in pipeline.pipe(read_articles(paths, counter)):
        if as_json:
            typer.echo(result.model_dump_json(indent=2))
        else:
            render(result)
    raise typer.Exit(counter.exit_code)


def geoparse(paths: list[str] = PathsArg, output: Path = OutputOpt, model: str = ModelOpt) -> None:
    """Find place names and resolve them to GeoNames: {id, places: [...]} per article (JSONL).

    Example: gestae geoparse examples/articles/ -o places.jsonl
    """
    counter = ProblemCounter()
    pipeline = build_pipeline(model)
    with output_stream(output) as out:
        articles = read_articles(paths, counter)
        for doc, article in progress(pipeline.nlp.pipe(((a.text, a) for a in articles), as_tuples=True), "geoparsing"):
            places = pipeline.geoparser.geoparse(doc)
            out.write(json.dumps({"id": article.id, "places": [p.model_dump(mode="json") for p in places]}, ensure_ascii=False) + "\n")
    raise typer.Exit(counter.exit_code)


def timex(paths: list[str] = PathsArg, output: Path = OutputOpt) -> None:
    """Find time expressions and resolve them against the publication date: {id, date, timexes: [...]} (JSONL).

    Relative expressions ("on Wednesday", "last week") need the article's date; without one they are
    found but their value stays underspecified.

    Example: gestae timex examples/articles/
    """
    from gestae.ground.time import TimexTagger

    counter = ProblemCounter()
    tagger = TimexTagger()
    with output_stream(output) as out:
        for article in read_articles(paths, counter):
            found = tagger.tag(article.text, article.date)
            record = {"id": article.id, "date": article.date.isoformat() if article.date else None,
                      "timexes": [t.model_dump(mode="json") for t in found]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    raise typer.Exit(counter.exit_code)


def schema(record: str = typer.Argument("event", help="event, article-result, place or timex"),
           markdown: bool = typer.Option(False, "--markdown", help="The field reference of all records as Markdown (docs/record.md).")) -> None:
    """Print the JSON Schema of gestae's records (the contract of its JSONL output)."""
    from gestae import records

    if markdown:
        from gestae.schema_doc import markdown as render_markdown

        typer.echo(render_markdown(), nl=False)
        return

    models = {"event": records.Event, "article-result": records.ArticleResult, "place": records.Place, "timex": records.Timex}
    if record not in models:
        err.print(f"[red]gestae: unknown record {record!r}; choose from {', '.join(models)}[/]")
        raise typer.Exit(2)
    typer.echo(json.dumps(models[record].model_json_schema(), indent=2))


def register(app: typer.Typer) -> None:
    for command in (code, explain, geoparse, timex, schema):
        app.command()(command)
