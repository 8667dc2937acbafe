"""gestae: who did what to whom, when and where, from dated news reports."""

from gestae.records import Article, ArticleResult, Event, Mention

__version__ = "0.1.0"
__all__ = ["Article", "ArticleResult", "Event", "Mention", "__version__"]
