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
    """A sentence of the article by its index and character span."""

    index: int = Field(ge=0, description="0-based sentence number in the article.")
    start: int = Field(ge=0, description="Character offset of the sentence start.")
    end: int = Field(ge=0, description="Character offset of the sentence end, exclusive.")


class Trigger(TextSpan):
    """The word or phrase that tells an event."""

    lemma: str = Field("", description="Base form of the trigger's head word.")


class Actor(TextSpan):
    """Who acts or is acted on, resolved to a canonical name and codes."""

    name: str | None = None
    country: str | None = Field(None, description="ISO 3166 alpha-3; IGO or None for international or unknown.")
    sector: str | None = Field(None, description="PLOVER sector code: GOV, MIL, REB, ...")
    wikidata: str | None = Field(None, description="Wikidata Q-id.")


class Location(TextSpan):
    """Where an event happened, resolved to the gazetteer."""

    name: str = Field(description="Gazetteer name of the place.")
    geonames_id: int | None = Field(None, description="GeoNames id; null for places only our alias table holds.")
    lat: float | None = Field(None, description="Latitude, WGS84.")
    lon: float | None = Field(None, description="Longitude, WGS84.")
    admin1: str | None = Field(None, description="First-level division (province, governorate, state).")
    admin1_iso: str | None = Field(None, description="ISO 3166-2 code of the first-level division.")
    country: str | None = Field(None, description="ISO 3166 alpha-3.")
    feature: str | None = Field(None, description="GeoNames feature code (PPLA, ADM1, PCLI, AIRB...).")
    precision: LocationPrecision = Field(LocationPrecision.city, description="point, city, admin1 or country.")
    inherited: bool = Field(False, description="True when taken from the article's focus place, not the sentence.")


class EventDate(Record):
    """When an event happened, with the days it may cover and how precisely that is known."""

    text: str | None = Field(None, description="The time expression it came from, if any.")
    value: str | None = Field(None, description="ISO date, YYYY-MM, YYYY-Www or YYYY.")
    start: dt.date | None = Field(None, description="First day the value covers.")
    end: dt.date | None = Field(None, description="Last day the value covers.")
    precision: DatePrecision = Field(DatePrecision.unknown, description="day, week, month, year, or unknown.")
    reason: str | None = Field(None, description="Where the date came from, or why it is unknown.")


class Attribution(Record):
    """The source a report is attributed to: "the ministry said, according to RIA"."""

    text: str = Field(description="The reporting words in the sentence.")
    name: str | None = Field(None, description="Who says so (canonical name where known).")
    via: str | None = Field(None, description="The outlet it came through.")


class Mention(Record):
    """One telling of an event: the sentence and trigger that report it."""

    article_id: str = Field(description="Article of this mention.")
    sentence: SentenceRef = Field(description="Sentence of this mention.")
    trigger: Trigger = Field(description="Trigger of this mention.")
    sentence_text: str = Field(description="The sentence itself, as evidence.")


class Event(Record):
    """Who did what to whom, when and where, with the evidence: one real event however often it is told."""

    event_id: str = Field(description="Stable id: a hash of the article id and the first trigger's offsets.")
    article_id: str = Field(description="The article of the first mention.")
    sentence: SentenceRef = Field(description="The sentence of the first mention.")
    trigger: Trigger = Field(description="The word or phrase that tells the event in its first mention.")
    event_type: PloverType | None = Field(description="PLOVER 2.0 event type; null only for non-political crisis reports (see crisis_type) and plain public statements (CAMEO 01x), which PLOVER does not code.")
    mode: str | None = Field(None, description="PLOVER mode: how it was done (aerial, firearms, arrest, visit, ...).")
    context: list[str] = Field(default_factory=list, description="PLOVER contexts (military, diplomatic, economic, ...).")
    cameo: str | None = Field(description="CAMEO event code, e.g. '195' (employ aerial weapons).")
    quad_class: int | None = Field(None, ge=1, le=4, description="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.")
    goldstein: float | None = Field(None, ge=-10, le=10, description="Goldstein score of the CAMEO code, -10 (most conflictual) to 10.")
    acled_event_type: str | None = Field(None, description="ACLED event type (Battles, Explosions/Remote violence, ...), null where none fits.")
    acled_sub_event_type: str | None = Field(None, description="ACLED sub-event type (Air/drone strike, Armed clash, ...), null where none fits.")
    crisis_type: Literal["natural_disaster", "man_made_disaster", "organized_crime"] | None = Field(
        None, description="Set for reports of non-political crises: disasters and organised crime.")
    claim_of_responsibility: bool = Field(False, description="A group claimed responsibility for the event.")
    actor: Actor | None = Field(None, description="Who did it.")
    recipient: Actor | None = Field(None, description="To whom, or the partner of a two-sided act.")
    location: Location | None = Field(None, description="Where this event happened (not any place the article names).")
    date: EventDate = Field(default_factory=lambda: EventDate(), description="When, resolved against the publication date.")
    modality: Modality = Field(Modality.asserted, description="asserted, negated, hypothetical or planned: only asserted events happened.")
    modality_cue: str | None = Field(None, description="The words that set a non-asserted modality.")
    attribution: Attribution | None = Field(None, description="Who says so, and through whom.")
    fatalities: int | None = Field(None, ge=0, description="People killed, as stated; null where not stated.")
    injured: int | None = Field(None, ge=0, description="People injured, as stated; null where not stated.")
    confidence: float = Field(ge=0, le=1, description="How sure the coder is, from trigger specificity and grounding.")
    mentions: list[Mention] = Field(default_factory=list, description="Every sentence and trigger that tells this same event.")


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
    """A piece of input that was skipped (or, with skipped=False, read but changed), and why."""

    origin: str = Field(description="File the problem is in (or '-' for standard input).")
    line: int | None = Field(None, description="Line (JSONL, CSV) where it is, when it has one.")
    message: str = Field(description="What is wrong, in one line.")
    skipped: bool = Field(True, description="False when the input was kept with a change (a renamed duplicate id).")

    def __str__(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line is not None else self.origin
        return f"{where}: {self.message}"
