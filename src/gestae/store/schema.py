"""The tables of a gestae database, as SQLAlchemy Core metadata.

One row per stored article, per sentence, per coded event (every field of `Event` flattened into a column,
plus the full record as JSON so nothing is lost), per mention, and per *real event*: a cluster of event
records from different articles that report the same happening (see `gestae.dedup.across`).
Docs: docs/database.md.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

metadata = sa.MetaData()

# JSON is stored as JSONB on PostgreSQL (indexable) and as text on SQLite.
JSONColumn = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("date", sa.Date),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("origin", sa.Text),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("notes", JSONColumn),
)

sentences = sa.Table(
    "sentences",
    metadata,
    sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    # Entities and trigger decisions from `SentenceReport`, kept for `gestae explain`-style inspection.
    sa.Column("report", JSONColumn),
)

clusters = sa.Table(
    "clusters",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # PLOVER type, or CRISIS_<KIND> for crisis reports, so that clusters never mix the two.
    sa.Column("event_type", sa.String(24), nullable=False),
    sa.Column("modality", sa.String(16), nullable=False),
    # Union of the members' date ranges: used to find candidate clusters for a new event quickly.
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    # The member that best describes the real event (most precise place and date, then confidence).
    sa.Column("representative_pk", sa.Integer),
    sa.Column("num_mentions", sa.Integer, nullable=False, default=0),
    sa.Column("num_articles", sa.Integer, nullable=False, default=0),
    sa.Column("num_sources", sa.Integer, nullable=False, default=0),
    sa.Column("first_seen", sa.Date),
    sa.Column("last_seen", sa.Date),
)


def _actor_columns(role: str) -> list[sa.Column]:
    return [
        sa.Column(f"{role}_text", sa.Text),
        sa.Column(f"{role}_start", sa.Integer),
        sa.Column(f"{role}_end", sa.Integer),
        sa.Column(f"{role}_name", sa.Text),
        sa.Column(f"{role}_country", sa.String(8)),
        sa.Column(f"{role}_sector", sa.String(16)),
        sa.Column(f"{role}_wikidata", sa.String(32)),
    ]


def _evidence_columns() -> list[sa.Column]:
    """Where an event is told: its sentence and trigger (the same columns for events and their mentions)."""
    return [
        sa.Column("sentence_index", sa.Integer, nullable=False),
        sa.Column("sentence_start", sa.Integer, nullable=False),
        sa.Column("sentence_end", sa.Integer, nullable=False),
        sa.Column("trigger_text", sa.Text, nullable=False),
        sa.Column("trigger_start", sa.Integer, nullable=False),
        sa.Column("trigger_end", sa.Integer, nullable=False),
        sa.Column("trigger_lemma", sa.Text),
    ]


events = sa.Table(
    "events",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.Text, nullable=False, unique=True),
    sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("cluster_id", sa.Integer, sa.ForeignKey("clusters.id"), nullable=False),
    *_evidence_columns(),
    # Null for non-political crisis reports (crisis_type says which), like cameo, quad_class, goldstein.
    sa.Column("event_type", sa.String(16)),
    sa.Column("mode", sa.Text),
    sa.Column("context", JSONColumn),
    sa.Column("cameo", sa.String(8)),
    sa.Column("quad_class", sa.Integer),
    sa.Column("goldstein", sa.Float),
    sa.Column("acled_event_type", sa.Text),
    sa.Column("acled_sub_event_type", sa.Text),
    sa.Column("crisis_type", sa.String(32)),
    sa.Column("claim_of_responsibility", sa.Boolean, nullable=False),
    *_actor_columns("actor"),
    *_actor_columns("recipient"),
    sa.Column("location_text", sa.Text),
    sa.Column("location_start", sa.Integer),
    sa.Column("location_end", sa.Integer),
    sa.Column("location_name", sa.Text),
    sa.Column("location_geonames_id", sa.BigInteger),
    sa.Column("location_lat", sa.Float),
    sa.Column("location_lon", sa.Float),
    sa.Column("location_admin1", sa.Text),
    sa.Column("location_admin1_iso", sa.String(16)),
    sa.Column("location_country", sa.String(8)),
    sa.Column("location_feature", sa.String(16)),
    sa.Column("location_precision", sa.String(16)),
    sa.Column("location_inherited", sa.Boolean),
    sa.Column("date_text", sa.Text),
    sa.Column("date_value", sa.String(16)),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("date_precision", sa.String(16), nullable=False),
    sa.Column("date_reason", sa.Text),
    sa.Column("modality", sa.String(16), nullable=False),
    sa.Column("modality_cue", sa.Text),
    sa.Column("attribution_text", sa.Text),
    sa.Column("attribution_name", sa.Text),
    sa.Column("attribution_via", sa.Text),
    sa.Column("fatalities", sa.Integer),
    sa.Column("injured", sa.Integer),
    sa.Column("confidence", sa.Float, nullable=False),
    # The sentence that reports the event: what full-text search looks at.
    sa.Column("evidence", sa.Text, nullable=False),
    sa.Column("record", JSONColumn, nullable=False),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.pk", ondelete="CASCADE"), nullable=False),
    sa.Column("article_id", sa.Text, nullable=False),
    *_evidence_columns(),
    sa.Column("sentence_text", sa.Text, nullable=False),
)

indexes = (
    sa.Index("ix_events_cluster", events.c.cluster_id),
    sa.Index("ix_events_article", events.c.article_id),
    sa.Index("ix_events_type_date", events.c.event_type, events.c.date_start),
    sa.Index("ix_events_location_country", events.c.location_country),
    sa.Index("ix_mentions_event", mentions.c.event_pk),
    sa.Index("ix_clusters_type_dates", clusters.c.event_type, clusters.c.date_start, clusters.c.date_end),
    sa.Index("ix_articles_date", articles.c.date),
)

# Created by the FTS migration on SQLite only; kept in step with `events` by triggers.
EVENTS_FTS = "events_fts"
