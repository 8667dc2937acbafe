"""Writing one article's results: article, sentences, events, mentions and their real-event clusters.

`write_article` runs inside the caller's transaction, so an article is stored whole or not at all.
An article is identified by its content hash; writing one that is already stored changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from gestae.dedup.across import (
    Candidate,
    EventProfile,
    LinkConfig,
    best_cluster,
    compatible_types,
)
from gestae.records import Article, ArticleResult, DatePrecision, Event, LocationPrecision, Mention
from gestae.store import schema

# Any constant works: every gestae writer on a PostgreSQL database takes this transaction lock.
_PG_WRITE_LOCK = 0x6765_7374  # "gest"
# How many existing real events a new record is compared with, at most (most recent first).
MAX_CANDIDATE_CLUSTERS = 200

_PLACE_RANK = {
    LocationPrecision.point.value: 4,
    LocationPrecision.city.value: 3,
    LocationPrecision.admin1.value: 2,
    LocationPrecision.country.value: 1,
}
_DATE_RANK = {
    DatePrecision.day.value: 4,
    DatePrecision.week.value: 3,
    DatePrecision.month.value: 2,
    DatePrecision.year.value: 1,
}


@dataclass(frozen=True)
class WriteOutcome:
    """What storing one article did."""

    article_id: str
    content_hash: str
    stored: bool
    events: int = 0
    new_real_events: int = 0
    linked_events: int = 0


def article_hash(article: Article) -> str:
    """SHA-256 of the outlet, the publication date and the whitespace-normalised text.

    The same report read twice hashes the same; the same wire story run by two outlets does not,
    because each outlet is a separate source for the real event.
    """
    text = " ".join(article.text.split())
    key = "\x1f".join([article.source or "", article.date.isoformat() if article.date else "", text])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def stored_hashes(conn: sa.Connection, hashes: Iterable[str]) -> set[str]:
    """Which of `hashes` are already in the database."""
    wanted = list(hashes)
    found: set[str] = set()
    column = schema.articles.c.content_hash
    for i in range(0, len(wanted), 500):
        found.update(conn.execute(sa.select(column).where(column.in_(wanted[i : i + 500]))).scalars())
    return found


def write_article(
    conn: sa.Connection,
    result: ArticleResult,
    *,
    config: LinkConfig = LinkConfig(),
    now: dt.datetime | None = None,
) -> WriteOutcome:
    """Store `result` and link each event to a real event; call inside a transaction."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_WRITE_LOCK)))
    article = result.article
    digest = article_hash(article)
    if stored_hashes(conn, [digest]):
        return WriteOutcome(article_id=article.id, content_hash=digest, stored=False)

    article_id = _free_article_id(conn, article.id, digest)
    conn.execute(
        schema.articles.insert().values(
            id=article_id,
            content_hash=digest,
            date=article.date,
            title=article.title,
            url=article.url,
            source=article.source,
            text=article.text,
            origin=article.origin,
            ingested_at=now or dt.datetime.now(dt.timezone.utc),
            notes=list(result.notes),
        )
    )
    if result.sentences:
        conn.execute(
            schema.sentences.insert(),
            [
                {
                    "article_id": article_id,
                    "idx": s.index,
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "report": {
                        "entities": s.entities,
                        "triggers": [t.model_dump(mode="json") for t in s.triggers],
                    },
                }
                for s in result.sentences
            ],
        )

    new_clusters = linked = 0
    for original in result.events:
        event = _rename(conn, original, article.id, article_id, digest)
        evidence = event_evidence(event, article.text)
        profile = EventProfile.from_event(event, sentence_text=evidence, article_date=article.date, config=config)
        candidates = _candidates(conn, profile, config)
        choice = best_cluster(profile, candidates, config)
        if choice is None:
            cluster_id = _new_cluster(conn, profile)
            new_clusters += 1
        else:
            cluster_id = choice[0]
            linked += 1
        pk = conn.execute(
            schema.events.insert().values(flatten_event(event, cluster_id=cluster_id, evidence=evidence))
        ).inserted_primary_key[0]
        conn.execute(schema.mentions.insert(), _mention_rows(event, pk, evidence))
        _refresh_cluster(conn, cluster_id, profile)
    return WriteOutcome(
        article_id=article_id,
        content_hash=digest,
        stored=True,
        events=len(result.events),
        new_real_events=new_clusters,
        linked_events=linked,
    )


def event_evidence(event: Event, article_text: str) -> str:
    """The sentence that reports the event (what full-text search and dedup wording compare)."""
    sentence = article_text[event.sentence.start : event.sentence.end].strip()
    if sentence:
        return sentence
    for mention in event.mentions:
        if mention.sentence_text.strip():
            return mention.sentence_text.strip()
    return event.trigger.text


def flatten_event(event: Event, *, cluster_id: int, evidence: str) -> dict[str, Any]:
    """One `events` row: every field of the record in its own column, plus the record as JSON."""
    row: dict[str, Any] = {
        "event_id": event.event_id,
        "article_id": event.article_id,
        "cluster_id": cluster_id,
        "sentence_index": event.sentence.index,
        "sentence_start": event.sentence.start,
        "sentence_end": event.sentence.end,
        "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "trigger_lemma": event.trigger.lemma,
        "event_type": event.event_type,
        "mode": event.mode,
        "context": list(event.context),
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "crisis_type": event.crisis_type,
        "claim_of_responsibility": event.claim_of_responsibility,
        "date_text": event.date.text,
        "date_value": event.date.value,
        "date_start": event.date.start,
        "date_end": event.date.end,
        "date_precision": event.date.precision.value,
        "date_reason": event.date.reason,
        "modality": event.modality.value,
        "modality_cue": event.modality_cue,
        "attribution_text": event.attribution.text if event.attribution else None,
        "attribution_name": event.attribution.name if event.attribution else None,
        "attribution_via": event.attribution.via if event.attribution else None,
        "fatalities": event.fatalities,
        "injured": event.injured,
        "confidence": event.confidence,
        "evidence": evidence,
        "record": event.model_dump(mode="json"),
    }
    for role in ("actor", "recipient"):
        actor = getattr(event, role)
        for field in ("text", "start", "end", "name", "country", "sector", "wikidata"):
            row[f"{role}_{field}"] = getattr(actor, field) if actor else None
    place = event.location
    for field in ("text", "start", "end", "name", "geonames_id", "lat", "lon", "admin1", "admin1_iso",
                  "country", "feature", "inherited"):
        row[f"location_{field}"] = getattr(place, field) if place else None
    row["location_precision"] = place.precision.value if place else None
    return row


def _free_article_id(conn: sa.Connection, wanted: str, digest: str) -> str:
    """`wanted`, or `wanted~<hash prefix>` when another article already has that id."""
    taken = conn.execute(sa.select(schema.articles.c.id).where(schema.articles.c.id == wanted)).first()
    return f"{wanted}~{digest[:10]}" if taken else wanted


def _rename(conn: sa.Connection, event: Event, old_article: str, new_article: str, digest: str) -> Event:
    """Point the record at the stored article id and give it an event id not used yet."""
    event_id = event.event_id
    taken = conn.execute(sa.select(schema.events.c.pk).where(schema.events.c.event_id == event_id)).first()
    if taken:
        event_id = f"{event_id}~{digest[:10]}"
    if event_id == event.event_id and new_article == old_article:
        return event
    mentions = [
        m.model_copy(update={"article_id": new_article}) if m.article_id == old_article else m
        for m in event.mentions
    ]
    return event.model_copy(update={"event_id": event_id, "article_id": new_article, "mentions": mentions})


def _mention_rows(event: Event, event_pk: int, evidence: str) -> list[dict[str, Any]]:
    """The record's own telling first, then its merged mentions, each (sentence, trigger) once."""
    own = Mention(article_id=event.article_id, sentence=event.sentence, trigger=event.trigger, sentence_text=evidence)
    rows, seen = [], set()
    for mention in (own, *event.mentions):
        key = (mention.article_id, mention.sentence.index, mention.trigger.start, mention.trigger.end)
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            {
                "event_pk": event_pk,
                "article_id": mention.article_id,
                "sentence_index": mention.sentence.index,
                "sentence_start": mention.sentence.start,
                "sentence_end": mention.sentence.end,
                "trigger_text": mention.trigger.text,
                "trigger_start": mention.trigger.start,
                "trigger_end": mention.trigger.end,
                "trigger_lemma": mention.trigger.lemma,
                "sentence_text": mention.sentence_text,
            }
        )
    return rows


def _candidates(conn: sa.Connection, profile: EventProfile, config: LinkConfig) -> list[Candidate]:
    c = schema.clusters.c
    query = sa.select(c.id).where(
        c.event_type.in_(sorted(compatible_types(profile.event_type))), c.modality == profile.modality
    )
    if profile.date_start is not None and profile.date_end is not None:
        slack = dt.timedelta(days=config.date_slack_days)
        query = query.where(
            sa.or_(
                c.date_start.is_(None),
                sa.and_(c.date_start <= profile.date_end + slack, c.date_end >= profile.date_start - slack),
            )
        )
    cluster_ids = list(conn.execute(query.order_by(c.id.desc()).limit(MAX_CANDIDATE_CLUSTERS)).scalars())
    if not cluster_ids:
        return []
    members: dict[int, list[EventProfile]] = {cid: [] for cid in cluster_ids}
    for row in _member_rows(conn, cluster_ids):
        members[row.cluster_id].append(_profile_from_row(row, config))
    return [Candidate(cluster_id=cid, members=found) for cid, found in members.items()]


def _member_rows(conn: sa.Connection, cluster_ids: Sequence[int]) -> sa.CursorResult[Any]:
    e, a = schema.events.c, schema.articles.c
    return conn.execute(
        sa.select(e.pk, e.cluster_id, e.record, e.evidence, e.date_precision, e.location_precision,
                  e.confidence, a.date.label("article_date"))
        .join_from(schema.events, schema.articles, e.article_id == a.id)
        .where(e.cluster_id.in_(cluster_ids))
    )


def _profile_from_row(row: sa.Row[Any], config: LinkConfig) -> EventProfile:
    event = Event.model_validate(row.record)
    return EventProfile.from_event(event, sentence_text=row.evidence, article_date=row.article_date, config=config)


def _new_cluster(conn: sa.Connection, profile: EventProfile) -> int:
    return conn.execute(
        schema.clusters.insert().values(
            event_type=profile.event_type,
            modality=profile.modality,
            date_start=profile.date_start,
            date_end=profile.date_end,
            num_mentions=0,
            num_articles=0,
            num_sources=0,
        )
    ).inserted_primary_key[0]


def _refresh_cluster(conn: sa.Connection, cluster_id: int, joined: EventProfile) -> None:
    """Recount a real event's mentions, articles and sources and re-pick its representative record."""
    e, a, m, c = schema.events.c, schema.articles.c, schema.mentions.c, schema.clusters.c
    counts = conn.execute(
        sa.select(
            sa.func.count(sa.distinct(e.article_id)),
            # An article whose outlet is unknown counts as a source of its own: never 0 sources for a told event.
            sa.func.count(sa.distinct(sa.func.coalesce(a.source, sa.literal("article:") + a.id))),
            sa.func.min(sa.func.coalesce(a.date, sa.func.date(a.ingested_at))),
            sa.func.max(sa.func.coalesce(a.date, sa.func.date(a.ingested_at))),
        )
        .join_from(schema.events, schema.articles, e.article_id == a.id)
        .where(e.cluster_id == cluster_id)
    ).one()
    num_mentions = conn.execute(
        sa.select(sa.func.count(m.id)).join_from(schema.mentions, schema.events, m.event_pk == e.pk)
        .where(e.cluster_id == cluster_id)
    ).scalar_one()
    members = conn.execute(
        sa.select(e.pk, e.date_precision, e.location_precision, e.confidence).where(e.cluster_id == cluster_id)
    ).all()
    representative = max(
        members,
        key=lambda r: (_PLACE_RANK.get(r.location_precision, 0), _DATE_RANK.get(r.date_precision, 0),
                       r.confidence, -r.pk),
    )
    current = conn.execute(sa.select(c.date_start, c.date_end).where(c.id == cluster_id)).one()
    conn.execute(
        schema.clusters.update()
        .where(c.id == cluster_id)
        .values(
            num_articles=counts[0],
            num_sources=counts[1],
            first_seen=_as_date(counts[2]),
            last_seen=_as_date(counts[3]),
            num_mentions=num_mentions,
            representative_pk=representative.pk,
            date_start=_earliest(current.date_start, joined.date_start),
            date_end=_latest(current.date_end, joined.date_end),
        )
    )


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value)[:10])


def _earliest(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return min(a, b) if a and b else None


def _latest(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return max(a, b) if a and b else None
