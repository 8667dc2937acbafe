"""Non-political crises: disasters and organised crime, told apart from political violence.

"Flash floods killed 12 people" is a disaster, not an assault by the floods; "police seized two tons
of cocaine" is a political actor's act that concerns organised crime. Disaster words turn violence
without a political actor into a crisis report; crime words mark the event's `crisis_type`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from gestae.extract.lexicon import CrisisLexicon
from gestae.extract.triggers import TriggerMatch, find_triggers

DISASTERS = ("natural_disaster", "man_made_disaster")
ORGANIZED_CRIME = "organized_crime"
# Crime words that are events by themselves ('smuggled', 'robbery'), not only modifiers ('drug').
CRIME_EVENTS = {"traffick", "trafficking", "smuggle", "smuggling", "robbery", "rob", "dacoity", "extortion", "poaching", "theft", "fraud"}


@dataclass(frozen=True)
class SentenceCrises:
    matches: list[TriggerMatch]

    def of_kind(self, *kinds: str) -> list[TriggerMatch]:
        return [m for m in self.matches if m.entry.crisis in kinds]

    def word_at(self, token: Token) -> TriggerMatch | None:
        return next((m for m in self.matches if m.start <= token.i < m.end), None)

    @property
    def crime(self) -> bool:
        return bool(self.of_kind(ORGANIZED_CRIME))

    def standalone(self) -> list[TriggerMatch]:
        """Crisis words that make a report by themselves: disasters, and crime verbs or nouns of acts."""
        return [m for m in self.matches if m.entry.crisis in DISASTERS or m.head.lemma_.lower() in CRIME_EVENTS]


# 'opened fire', 'exchanged fire', 'came under fire', 'cease-fire': gunfire, not a blaze.
GUNFIRE_VERBS = {"open", "exchange", "return", "come", "cease", "hold", "trade"}


def _is_gunfire(match: TriggerMatch) -> bool:
    head = match.head
    if head.lemma_.lower() != "fire":
        return False
    before = head.doc[head.i - 1].lemma_.lower() if head.i > 0 else ""
    return head.head.lemma_.lower() in GUNFIRE_VERBS or before in GUNFIRE_VERBS | {"-", "heavy", "sniper", "artillery", "machine", "gun"}


def sentence_crises(sent: Span, lexicon: CrisisLexicon) -> SentenceCrises:
    matches, _ = find_triggers(sent, lexicon)
    return SentenceCrises([m for m in matches if not _is_gunfire(m)])


def crisis_of_violence(crises: SentenceCrises, actor_token: Token | None, actor_resolved: bool) -> str | None:
    """The disaster an ASSAULT-like event really is, if any: its 'actor' is a disaster, or it has no
    political actor in a sentence about a disaster."""
    if actor_token is not None:
        hit = next((crises.word_at(t) for t in actor_token.subtree if crises.word_at(t)), None)
        if hit is not None and hit.entry.crisis in DISASTERS:
            return hit.entry.crisis
    if actor_token is None and not actor_resolved:
        # No one did it: 'three workers were killed when a factory roof collapsed'.
        disasters = crises.of_kind(*DISASTERS)
        if disasters:
            return disasters[0].entry.crisis
    return None
