"""Invented news articles in any number, for measuring memory and throughput on large inputs.

The sentences are written for gestae and combined at random (seeded, so a corpus is repeatable):
they read like wire reports of clashes, protests and talks, so every stage has work to do.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

from gestae.records import Article

PLACES = ("Kharkiv", "Mogadishu", "Goma", "Khartoum", "Aleppo", "Maiduguri", "Bamako", "Kabul", "Nairobi", "Sanaa")
GROUPS = ("government forces", "rebel fighters", "police", "the army", "militants", "protesters", "soldiers")
OFFICIALS = ("the interior minister", "a local governor", "the foreign ministry", "a military spokesman", "the mayor")
DAYS = ("on Monday", "on Tuesday", "late on Wednesday", "on Thursday", "early on Friday", "at the weekend")
SENTENCES = (
    "{group} attacked a checkpoint near {place} {day}, killing {n} people, {official} said.",
    "Hundreds of students marched through central {place} {day} to demand lower fuel prices.",
    "{official} met envoys in {place} {day} to discuss a ceasefire along the northern front.",
    "Police fired tear gas at demonstrators outside the parliament in {place} {day}.",
    "An air strike hit a market on the outskirts of {place} {day}, wounding at least {n} civilians.",
    "{group} arrested {n} suspects after a roadside bomb exploded near {place}.",
    "The United Nations called for talks between the warring parties around {place}.",
    "Aid agencies said {n} families had fled {place} since the fighting began last month.",
    "{official} accused neighbouring states of arming {group} in the region.",
    "Residents of {place} said shops stayed closed {day} as the strike went on.",
)


def synthetic_article(number: int, rng: random.Random, sentences: int = 8) -> Article:
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366))
    parts = []
    for _ in range(sentences):
        text = rng.choice(SENTENCES).format(group=rng.choice(GROUPS), place=rng.choice(PLACES),
                                            day=rng.choice(DAYS), official=rng.choice(OFFICIALS),
                                            n=rng.randrange(2, 40))
        parts.append(text[0].upper() + text[1:])
    return Article(id=f"synthetic-{number}", date=date, text=" ".join(parts))


def synthetic_articles(count: int, *, seed: int = 7, sentences: int = 8) -> Iterator[Article]:
    rng = random.Random(seed)
    for number in range(count):
        yield synthetic_article(number, rng, sentences)


def write_jsonl(path: Path, *, articles: int | None = None, size_bytes: int | None = None, seed: int = 7) -> int:
    """Write invented articles as JSONL until `articles` are written or the file reaches `size_bytes`."""
    if articles is None and size_bytes is None:
        raise ValueError("give articles or size_bytes")
    rng = random.Random(seed)
    written = size = 0
    with path.open("w", encoding="utf-8") as out:
        while (articles is None or written < articles) and (size_bytes is None or size < size_bytes):
            article = synthetic_article(written, rng)
            line = json.dumps({"id": article.id, "date": article.date.isoformat(), "text": article.text}) + "\n"
            out.write(line)
            size += len(line.encode())
            written += 1
    return written
