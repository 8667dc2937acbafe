"""Turning one structured record (a JSON object, a CSV row) into an Article, or saying why not."""

from __future__ import annotations

from collections.abc import Mapping

from gestae.ingest.dates import DateError, parse_article_date
from gestae.records import Article

ARTICLE_FIELDS = ("id", "text", "date", "title", "url", "source")
_OPTIONAL_STRINGS = ("title", "url", "source")


class RecordError(ValueError):
    """The record cannot become an article; the message says why, for an InputProblem."""


def clean_text(text: str) -> str:
    """The text as given, with Windows line ends made "\\n" and the outer whitespace removed.

    Nothing else changes, so character offsets computed later index into exactly what the
    user supplied (less the trimmed margin).
    """
    return text.replace("\r\n", "\n").strip()


def article_from_fields(fields: Mapping[str, object], *, default_id: str, origin: str) -> Article:
    """An Article from `id`, `text`, `date`, `title`, `url`, `source`; other keys are ignored.

    Missing, null and empty values count as absent. `text` is required; `id` falls back to
    `default_id`; `date` may be an ISO date or datetime. Raises RecordError.
    """
    text = fields.get("text")
    if text is None:
        raise RecordError("no 'text' field")
    if not isinstance(text, str):
        raise RecordError(f"'text' must be a string, not {json_type_name(text)}")
    text = clean_text(text)
    if not text:
        raise RecordError("'text' is empty")

    article_id = _article_id(fields.get("id"), default_id)

    raw_date = fields.get("date")
    if raw_date is not None and not isinstance(raw_date, str):
        raise RecordError(f"'date' must be an ISO date string, not {json_type_name(raw_date)}")
    try:
        date = parse_article_date(raw_date) if raw_date and raw_date.strip() else None
    except DateError as error:
        raise RecordError(str(error)) from None

    optional: dict[str, str | None] = {}
    for name in _OPTIONAL_STRINGS:
        value = fields.get(name)
        if value is not None and not isinstance(value, str):
            raise RecordError(f"'{name}' must be a string, not {json_type_name(value)}")
        optional[name] = (value.strip() or None) if value is not None else None

    return Article(id=article_id, text=text, date=date, origin=origin, **optional)


def _article_id(value: object, default_id: str) -> str:
    # Whole numbers are common ids in exported tables and JSON; they are kept as their digits.
    if value is None:
        return default_id
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise RecordError(f"'id' must be a string or an integer, not {json_type_name(value)}")
    return str(value).strip() or default_id


def json_type_name(value: object) -> str:
    """How a value parsed from JSON is named in messages."""
    names = {
        bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array", dict: "an object"
    }
    return "null" if value is None else names.get(type(value), type(value).__name__)
