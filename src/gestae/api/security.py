"""The API token: where it comes from, where it is kept, and the checks that endpoints depend on.

Writes always need the token; reads need it only when the server runs with protected reads.
Clients send it as `Authorization: Bearer <token>`.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from fastapi import HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from gestae.store.database import normalise_url

TOKEN_ENV_VAR = "GESTAE_API_TOKEN"
TOKEN_SUFFIX = ".api-token"


@dataclass(frozen=True)
class TokenChoice:
    token: str
    origin: str  # "option", "environment", "file" or "generated"
    path: Path | None = None  # the file it was read from or written to


def token_file_for(database: str | Path) -> Path:
    """Beside a SQLite file (`events.db.api-token`); for a server URL, under ~/.config/gestae/."""
    url = normalise_url(database)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database)
        return path.with_name(path.name + TOKEN_SUFFIX)
    digest = hashlib.sha256(url.render_as_string(hide_password=True).encode()).hexdigest()[:12]
    return Path.home() / ".config" / "gestae" / f"db-{digest}{TOKEN_SUFFIX}"


def resolve_token(database: str | Path, explicit: str | None = None) -> TokenChoice:
    """The token from the option, else the environment, else the file beside the database, else a new one
    (written to that file, readable by its owner only, so the next start keeps it)."""
    if explicit:
        return TokenChoice(explicit, "option")
    if os.environ.get(TOKEN_ENV_VAR):
        return TokenChoice(os.environ[TOKEN_ENV_VAR], "environment")
    path = token_file_for(database)
    if path.is_file():
        kept = path.read_text(encoding="utf-8").strip()
        if kept:
            return TokenChoice(kept, "file", path)
    token = secrets.token_urlsafe(24)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Create with owner-only permissions from the start rather than chmod after writing.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(token + "\n")
    return TokenChoice(token, "generated", path)


BEARER = HTTPBearer(auto_error=False, description="The server's API token (printed by `gestae serve`).")


class TokenCheck:
    """Passes a request that carries the token, or any request when the token is not `required`."""

    def __init__(self, token: str, *, required: bool) -> None:
        self._token = token.encode()
        self.required = required

    def check(self, credentials: HTTPAuthorizationCredentials | None) -> None:
        if not self.required:
            return
        if credentials is None or not credentials.credentials.strip():
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "this endpoint needs the API token: "
                                "send 'Authorization: Bearer <token>'", headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(credentials.credentials.strip().encode(), self._token):
            raise HTTPException(status.HTTP_403_FORBIDDEN, "wrong API token")
