"""The `gestae` command line. Each stage's commands live in their own module and register here."""

from __future__ import annotations

import typer

from gestae.cli import bench_cmds, code_cmds, db_cmds, eval_cmds, serve_cmds

app = typer.Typer(
    name="gestae",
    help=(
        "Turn dated news reports into coded, grounded events: who did what to whom, when and where.\n\n"
        "Start with `gestae code article.txt` (events as JSONL) or `gestae explain article.txt` "
        "(why each sentence did or did not yield an event)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (code_cmds, db_cmds, eval_cmds, serve_cmds, bench_cmds):
    module.register(app)


def main() -> None:  # pragma: no cover - console entry point
    app()
