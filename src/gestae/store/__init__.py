"""The event database: articles, coded events, mentions and deduplicated real events (SQLite or PostgreSQL).

Start with `Store.open(path_or_url)`; see docs/database.md.
"""

from gestae.store.database import StoreError
from gestae.store.query import EventFilter, QueryError, RealEvent
from gestae.store.store import Store
from gestae.store.write import WriteOutcome, article_hash

__all__ = ["EventFilter", "QueryError", "RealEvent", "Store", "StoreError", "WriteOutcome", "article_hash"]
