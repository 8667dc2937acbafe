"""The HTTP API and web dashboard over an event database (`gestae serve`; docs/api.md)."""

from gestae.api.app import create_app
from gestae.api.deps import ApiSettings
from gestae.api.security import TOKEN_ENV_VAR, resolve_token, token_file_for

__all__ = ["TOKEN_ENV_VAR", "ApiSettings", "create_app", "resolve_token", "token_file_for"]
