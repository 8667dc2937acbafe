"""The typed records that flow through gestae: the contract between stages and with users.

Every stage takes and returns these models; the JSON written by `gestae code` is
`Event.model_dump(mode="json")`, and `gestae schema` prints their JSON Schema.
Character offsets (`start`, `end`) are into `Article.text`, end exclusive.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]


class Modality(str, Enum):
    """Whether the text says the event happened."""

    asserted = "asserted"
    negated = "negated"
    hypothetical = "hypothetical"
    planned = "planned"


class DatePrecision(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"
    unknown = "unknown"


class LocationPrecision(str, Enum):
    point = "point"
    city = "city"
    admin1 = "admin1"
    country = "country"


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextSpan(Record):
    text: str
    start: int = Field(ge=0, description="Character offset into the article text.")
    end: int = Field(ge=0, description="End offset, exclusive.")


class Article(Record):
    """One news report. `date` is the publication date; None means unknown, never guessed."""

    id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = Field(None, description="File (and line) the article was read from.")


class SentenceRef(Record):
    index: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Trigger(TextSpan):
    lemma: str = ""


class Actor(TextSpan):
    """Who acts or is acted on, resolved to a canonical name and codes."""

    name: str | None = None
    country: str | None = Field(None, description="ISO 3166 alpha-3; IGO or None for international or unknown.")
    sector: str | None = Field(None, description="PLOVER sector code: GOV, MIL, REB, ...")
    wikidata: str | None = Field(None, description="Wikidata Q-id.")


class Location(TextSpan):
    name: str
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    admin1_iso: str | None = Field(None, description="ISO 3166-2 code of the first-level division.")
    country: str | None = Field(None, description="ISO 3166 alpha-3.")
    feature: str | None = Field(None, description="GeoNames feature code (PPLA, ADM1, PCLI, AIRB...).")
    precision: LocationPrecision = LocationPrecision.city
    inherited: bool = Field(False, description="True when taken from the article's focus place, not the sentence.")


class EventDate(Record):
    text: str | None = None
    value: str | None = Field(None, description="ISO date, YYYY-MM, YYYY-Www or YYYY.")
    start: dt.date | None = None
    end: dt.date | None = None
    precision: DatePrecision = DatePrecision.unknown
    reason: str | None = Field(None, description="Where the date came from, or why it is unknown.")


class Attribution(Record):
    text: str
    name: str | None = None
    via: str | None = None


class Mention(Record):
    """One telling of an event: the sentence and trigger that report it."""

    article_id: str
    sentence: SentenceRef
    trigger: Trigger
    sentence_text: str


class Event(Record):
    event_id: str
    article_id: str
    sentence: SentenceRef
    trigger: Trigger
    event_type: PloverType
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    cameo: str
    quad_class: int = Field(ge=1, le=4)
    goldstein: float = Field(ge=-10, le=10)
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    crisis_type: Literal["natural_disaster", "man_made_disaster", "organized_crime"] | None = None
    claim_of_responsibility: bool = False
    actor: Actor | None = None
    recipient: Actor | None = None
    location: Location | None = None
    date: EventDate = Field(default_factory=EventDate)
    modality: Modality = Modality.asserted
    modality_cue: str | None = Field(None, description="The words that set a non-asserted modality.")
    attribution: Attribution | None = None
    fatalities: int | None = Field(None, ge=0)
    injured: int | None = Field(None, ge=0)
    confidence: float = Field(ge=0, le=1)
    mentions: list[Mention] = Field(default_factory=list)


class Place(TextSpan):
    """A toponym found in text and resolved to the gazetteer (`gestae geoparse`)."""

    name: str
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    admin1_iso: str | None = None
    feature: str | None = None
    confidence: float = Field(0.5, ge=0, le=1)


class Timex(TextSpan):
    """A time expression normalised to a TimeML value (`gestae timex`)."""

    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    value: str
    range_start: dt.date | None = None
    range_end: dt.date | None = None
    precision: DatePrecision = DatePrecision.unknown


class TriggerDecision(Record):
    """What became of one candidate trigger: coded into an event, or dropped with a reason."""

    text: str
    start: int
    end: int
    lemma: str
    outcome: Literal["coded", "merged", "dropped"]
    reason: str
    event_id: str | None = None


class SentenceReport(Record):
    index: int
    start: int
    end: int
    text: str
    entities: list[str] = Field(default_factory=list)
    triggers: list[TriggerDecision] = Field(default_factory=list)


class ArticleResult(Record):
    """Everything `gestae` learned from one article, with a reason whenever no event came out."""

    article: Article
    events: list[Event]
    sentences: list[SentenceReport] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="Article-level remarks: unknown date, no triggers...")


class InputProblem(Record):
    """A piece of input that was skipped, and why."""

    origin: str
    line: int | None = None
    message: str

    def __str__(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line is not None else self.origin
        return f"{where}: {self.message}"
