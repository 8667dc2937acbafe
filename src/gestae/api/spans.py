"""Where, in the article text, each part of an event is: what the dashboard highlights as evidence.

Trigger, actor, recipient and place carry their own character offsets. The date does not: it carries
the time expression's words (`EventDate.text`), which are looked up in the event's sentence first
(that is where the coder read them), then elsewhere in the article, nearest to the trigger.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from gestae.records import Event, TextSpan

SpanRole = Literal["trigger", "actor", "recipient", "location", "date", "mention"]


class Span(BaseModel):
    """A highlighted stretch of the article text, end exclusive."""

    role: SpanRole = Field(description="What it is: trigger, actor, recipient, location, date, or "
                                       "mention (the trigger of another sentence that tells the same event).")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


def event_spans(event: Event, text: str) -> list[Span]:
    """The evidence spans of `event` in its article `text`, in text order; spans that do not match the
    text (an edited article, offsets out of range) are left out rather than shown in the wrong place."""
    found: list[Span] = []
    for role, part in (("trigger", event.trigger), ("actor", event.actor), ("recipient", event.recipient),
                       ("location", event.location)):
        span = _checked(role, part, text)
        if span is not None:
            found.append(span)
    date = _date_span(event, text)
    if date is not None:
        found.append(date)
    for mention in event.mentions:
        trigger = mention.trigger
        if mention.article_id != event.article_id or (trigger.start, trigger.end) == (
                event.trigger.start, event.trigger.end):
            continue
        span = _checked("mention", trigger, text)
        if span is not None:
            found.append(span)
    return sorted(found, key=lambda span: (span.start, -span.end))


def _checked(role: SpanRole, part: TextSpan | None, text: str) -> Span | None:
    if part is None or not (0 <= part.start < part.end <= len(text)):
        return None
    # Offsets can point past a stretch that was normalised differently; trust them only when they agree.
    if part.text and text[part.start:part.end] != part.text:
        return None
    return Span(role=role, start=part.start, end=part.end, text=text[part.start:part.end])


def _date_span(event: Event, text: str) -> Span | None:
    words = (event.date.text or "").strip()
    if not words:
        return None
    sentence = event.sentence
    start = text.find(words, sentence.start, max(sentence.end, sentence.start))
    if start < 0:
        start = _nearest(text, words, event.trigger.start)
    if start < 0:
        return None
    return Span(role="date", start=start, end=start + len(words), text=words)


def _nearest(text: str, words: str, anchor: int) -> int:
    best, position = -1, text.find(words)
    while position >= 0:
        if best < 0 or abs(position - anchor) < abs(best - anchor):
            best = position
        position = text.find(words, position + 1)
    return best
