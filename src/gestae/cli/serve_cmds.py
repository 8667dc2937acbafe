"""`gestae serve`: the HTTP API and the web dashboard over an event database."""

from __future__ import annotations

import socket
from typing import Annotated, Optional

import typer
from rich.console import Console

from gestae.store.database import DB_ENV_VAR, DEFAULT_DB

EXIT_USAGE = 2


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.command("serve")(serve)


def serve(
    db: Annotated[str, typer.Option(
        "--db", envvar=DB_ENV_VAR, show_envvar=True,
        help=f"SQLite file (created if missing) or postgresql://user@host/dbname URL. Default: ./{DEFAULT_DB}.",
    )] = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 for every interface.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on (0: any free port).")] = 8000,
    token: Annotated[Optional[str], typer.Option(
        "--token", envvar="GESTAE_API_TOKEN", show_envvar=True,
        help="API token for writes (and for reads with --protected-reads). "
             "Default: kept in a file beside the database, made at first start.")] = None,
    protected_reads: Annotated[bool, typer.Option(
        "--protected-reads/--open-reads", help="Whether reading events also needs the token.")] = False,
    max_body_mb: Annotated[float, typer.Option(min=0.01, help="Largest request body accepted, in MB.")] = 5.0,
    warm_up: Annotated[bool, typer.Option(
        help="Load the coding pipeline at start, so the first /code or /ingest does not wait for it.")] = True,
) -> None:
    """Serve the API (/docs) and the dashboard (/) for an event database.

    Reads are open unless --protected-reads; POST /ingest always needs the token
    (send 'Authorization: Bearer TOKEN').

    Examples:

        gestae serve --db events.db

        gestae serve --db events.db --host 0.0.0.0 --port 8080 --protected-reads
    """
    err = Console(stderr=True)
    try:
        import uvicorn

        from gestae.api import ApiSettings, create_app, resolve_token
    except ImportError as error:
        err.print(f"[red]error[/]: the server needs FastAPI and uvicorn ({error}): reinstall gestae (pip install -e .)",
                  highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None
    from gestae.store import StoreError

    choice = resolve_token(db, token)
    settings = ApiSettings(database=db, token=choice.token, protected_reads=protected_reads,
                           max_body_bytes=int(max_body_mb * 1024 * 1024), warm_up=warm_up)
    try:
        application = create_app(settings)
    except StoreError as error:
        err.print(f"[red]error[/]: {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None
    listener = _bind(host, port, err)
    bound_port = listener.getsockname()[1]
    shown_host = f"[{host}]" if ":" in host else host
    err.print(f"gestae serving [bold]{db}[/] at http://{shown_host}:{bound_port}/  (API docs: /docs)",
              highlight=False, soft_wrap=True)
    if choice.origin == "generated":
        err.print(f"API token (new, saved to {choice.path}): [bold]{choice.token}[/]", highlight=False, soft_wrap=True)
    elif choice.origin == "file":
        err.print(f"API token: kept in {choice.path}", highlight=False, soft_wrap=True)
    else:
        err.print(f"API token: from the {'--token option' if choice.origin == 'option' else 'environment'}",
                  highlight=False)
    err.print("reads need the token" if protected_reads else "reads are open; writes need the token",
              highlight=False)
    config = uvicorn.Config(application, log_level="info", access_log=False, lifespan="on")
    uvicorn.Server(config).run(sockets=[listener])


def _bind(host: str, port: int, err: Console) -> socket.socket:
    """Bind here rather than in uvicorn, so a busy port is one clear line and --port 0 can report its port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as error:
        listener.close()
        err.print(f"[red]error[/]: cannot listen on {host}:{port}: {error.strerror}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    listener.listen(128)
    listener.set_inheritable(True)
    return listener
