"""Resolve an actor noun phrase ("Russian warplanes", "the Turkish president") to codes.

The phrase is cut into knowledge-base matches (longest alias first). The match holding the phrase's
head word decides what kind of actor it is: a named person or organisation stands for itself; an
agent word ("troops", "ministry") gives the sector and takes its country from a modifier
("Turkish", "Russia's", "Kremlin"); an office word ("president") is looked up, date-aware, among
the office holders of the modifier's country or organisation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Span

from gestae.records import Actor

from .entries import LEADER_OFFICE, Alias, AgentWord, Country, Metonym, Organisation, Person, Term
from .kb import ActorKB
from .patterns import entity_patterns
from .text import Token, tokenize

# Words after the head that close the noun phrase proper; what follows only qualifies it.
_PHRASE_BREAKS = frozenset({
    "of", "in", "from", "at", "near", "on", "with", "for", "by", "to", "against", "who", "which", "that",
    "and", "or", ",", ";", ":", "after", "during", "since", "under", "over", "across", "inside", "outside",
})
# Prepositions after the head that still name its owner ("the president of Armenia", "rebels in
# Darfur"); only used when nothing before the head names an owner.
_OWNER_PREPOSITIONS = frozenset({"of", "from", "in"})
_COORDINATORS = frozenset({"and", "or", ",", "&"})
_FORMER = frozenset({"former", "ex", "then", "ousted", "deposed", "toppled", "exiled"})
# "ethnic Albanians" names a people, not the Albanian state.
_ETHNIC = frozenset({"ethnic"})
# Which named entity wins when several aliases share one stretch of text.
_ENTITY_ORDER = {"person": 0, "organisation": 1, "country": 2, "metonym": 3, "demonym": 4}


@dataclass(slots=True)
class _Match:
    """A stretch of tokens that matched one or more aliases."""

    first: int
    last: int  # exclusive
    aliases: list[Alias]
    ethnic: bool = False  # "ethnic Albanians": a people, no state

    def of(self, *kinds: str) -> list[Alias]:
        return [a for a in self.aliases if a.kind in kinds]

    def covers(self, tokens: list[Token], start: int, end: int) -> bool:
        return tokens[self.first].start < end and start < tokens[self.last - 1].end


@dataclass(slots=True)
class _Entity:
    """What a named match stands for on the day."""

    name: str | None
    country: str | None
    sector: str | None
    wikidata: str | None
    kind: str
    organisation: Organisation | None = None
    person: Person | None = None


class ActorResolver:
    """Maps actor phrases to `gestae.records.Actor` using an `ActorKB`."""

    def __init__(self, kb: ActorKB | None = None):
        self.kb = kb or ActorKB.load()

    # -- public interface -------------------------------------------------------------------

    def resolve(self, span: Span, on: dt.date | None = None) -> Actor | None:
        """Resolve the actor named by a parsed noun phrase; offsets are into `span.doc.text`.

        `on` is the publication date: office words and people are read as of that day. Without it
        the holders in office at the knowledge base's check date are used.
        """
        tokens = tokenize(span.text, offset=span.start_char)
        root = span.root
        head = (root.idx, root.idx + len(root.text))
        return self._resolve(tokens, head, on, span.text, span.start_char, span.end_char)

    def resolve_text(self, text: str, on: dt.date | None = None) -> Actor | None:
        """Resolve a plain string; the head is the last word before a preposition or comma."""
        tokens = tokenize(text)
        head_token = _guess_head(tokens)
        if head_token is None:
            return None
        return self._resolve(tokens, (head_token.start, head_token.end), on, text, 0, len(text))

    def entity_patterns(self) -> list[dict]:
        """EntityRuler patterns for this knowledge base's names (see `patterns.entity_patterns`)."""
        return entity_patterns(self.kb)

    def is_agent(self, span: Span) -> bool:
        """Whether the phrase names something that can act: a state, group, person or kind of actor."""
        return self.resolve(span) is not None

    # -- matching -------------------------------------------------------------------------

    def _matches(self, tokens: list[Token]) -> list[_Match]:
        vocabulary = self.kb.vocabulary
        matches: list[_Match] = []
        at = 0
        while at < len(tokens):
            length, aliases = self.kb.index.longest_match(tokens, at)
            if not length:
                at += 1
                continue
            end = at + length
            after = tokens[end] if end < len(tokens) else None
            patron = after is not None and after.hyphen_before and after.norm in vocabulary.non_agent_modifiers
            against = at > 0 and tokens[at].hyphen_before and tokens[at - 1].norm in vocabulary.non_agent_prefixes
            ethnic = at > 0 and tokens[at - 1].norm in _ETHNIC and any(a.kind == "demonym" for a in aliases)
            if not (patron or against):  # "Iranian-backed", "pro-government": not the actor itself
                matches.append(_Match(at, end, aliases, ethnic))
            at = end
        return matches

    # -- resolution -----------------------------------------------------------------------

    def _resolve(self, tokens: list[Token], head: tuple[int, int], on: dt.date | None,
                 text: str, start: int, end: int) -> Actor | None:
        matches = self._matches(tokens)
        if not matches:
            return None
        head_match = next((m for m in matches if m.covers(tokens, *head)), None)
        # "President Levy Mwanawasa": a title before a name we do not know is not today's holder.
        unknown_name = head_match is None and any(
            t.text[:1].isupper() for t in tokens if t.start < head[1] and head[0] < t.end)
        if head_match is None:
            # The head word is unknown ("a convoy of Turkish troops"): the last agent or office word
            # stands in for it, else the last named entity.
            kinds = [m for m in matches if m.of("agent", "office")] or matches
            head_match = kinds[-1]
        following = next((m for m in matches if m.first == head_match.last), None)
        if following is not None and following.of("person") and head_match.of("office", "agent") \
                and not head_match.of(*_ENTITY_ORDER):
            head_match = following  # "Syria's defence minister Dawoud Rajiha": the name is the actor
        others = [m for m in matches if m is not head_match]
        former = any(tokens[i].norm in _FORMER for i in range(max(0, head_match.first - 2), head_match.first)) or any(
            a.target.sector == "ELI" for m in others for a in m.of("agent") if isinstance(a.target, AgentWord)
        )
        entity = self._entity(head_match, on)
        if entity is not None and entity.kind == "demonym":
            # "Bosnian Serbs", "Afghan Uzbeks": the people live in the modifier's country.
            place = self._context(tokens, matches, head_match, on)
            if place is not None and place.country is not None:
                entity = _Entity(place.name, place.country, None, None, "demonym")
        if entity is not None:
            result = entity
        else:
            context = self._context(tokens, matches, head_match, on)
            office = self._office(tokens, head_match, context)
            result = None
            if office and not former and not unknown_name:  # not "the former Turkish president"
                result = self._office_holder(office, context, on)
            if result is None:
                result = self._agent(head_match, context)
        if former and result.kind in {"person", "office"}:
            result.sector = "ELI"
        return Actor(text=text, start=start, end=end, name=result.name, country=result.country,
                     sector=result.sector, wikidata=result.wikidata)

    def _entity(self, match: _Match, on: dt.date | None) -> _Entity | None:
        """The named entity a match stands for, or None when it is only an agent or office word."""
        named = match.of(*_ENTITY_ORDER)
        if not named:
            return None
        if match.ethnic:
            return _Entity(None, None, "CVL", None, "people")
        best_strength = max(a.strength for a in named)
        named = sorted((a for a in named if a.strength == best_strength), key=lambda a: _ENTITY_ORDER[a.kind])
        kind = named[0].kind
        if kind == "person":
            people = [a.target for a in named if a.kind == "person"]
            return self._person(_pick_person(people, on), on)  # type: ignore[arg-type]
        alias = named[0]
        target = alias.target
        if isinstance(target, Organisation):
            return _Entity(target.name, target.country, target.sector_on(on), target.wikidata, kind,
                           organisation=target)
        if isinstance(target, Metonym):
            country = self.kb.countries[target.country]
            return _Entity(country.name, country.iso3, target.sector, None, kind)
        assert isinstance(target, Country)
        # A bare country acts as a whole: no sector, as CAMEO codes "Russia" or "the Russians".
        return _Entity(target.name, target.iso3, None, target.wikidata if kind == "country" else None, kind)

    def _person(self, person: Person, on: dt.date | None) -> _Entity:
        term, in_office = _pick_term(person, on)
        if in_office or (term.organisation is not None and term.country != "IGO"):
            sector = self._term_sector(term, on)  # a group's leader stays with the group
        else:
            sector = "ELI"  # out of office: a former (or future) official
        return _Entity(person.name, term.country, sector, person.wikidata, "person", person=person)

    def _term_sector(self, term: Term, on: dt.date | None) -> str:
        if term.sector:
            return term.sector
        if term.organisation is not None:
            return self.kb.organisations[term.organisation].sector_on(on)
        return "GOV"

    def _context(self, tokens: list[Token], matches: list[_Match], head: _Match,
                 on: dt.date | None) -> _Entity | None:
        """The named modifier that owns the head: the nearest one before it, else one after 'of'."""
        before = [m for m in matches if m.last <= head.first and m.of(*_ENTITY_ORDER) and not m.ethnic]
        if before:
            # In "American and British forces" the first of the coordinated owners is coded.
            chosen = len(before) - 1
            while chosen > 0 and all(
                    t.norm in _COORDINATORS for t in tokens[before[chosen - 1].last:before[chosen].first]):
                chosen -= 1
            return self._entity(before[chosen], on)
        after = [m for m in matches if m.first >= head.last]
        if after and any(t.norm in _OWNER_PREPOSITIONS for t in tokens[head.last:after[0].first]):
            for match in after:
                entity = self._entity(match, on)
                if entity is not None:
                    return entity
        return None

    def _office(self, tokens: list[Token], head: _Match, context: _Entity | None) -> str | None:
        """The office the head names: an office word, or "commander" after a group's name."""
        offices = [a.target for a in head.of("office") if isinstance(a.target, str)]
        words = " ".join(t.norm for t in tokens[head.first:head.last])
        of_organisation = context is not None and context.organisation is not None
        if of_organisation and words in self.kb.vocabulary.organisation_head_words:
            return LEADER_OFFICE  # "the SDF commander", "the Hezbollah chief"
        return offices[0] if offices else None

    def _office_holder(self, office: str, context: _Entity | None, on: dt.date | None) -> _Entity | None:
        """The person who held `office` for the context's country or organisation on the day."""
        if context is None:
            return None
        if context.organisation is not None:
            holders = self.kb.holders(office, organisation=context.organisation.name, on=on)
        elif context.person is not None:
            return None  # "Trump's defence secretary" is left to the agent word
        else:
            holders = self.kb.holders(office, country=context.country, on=on)
        if not holders:
            return None
        holders.sort(key=lambda tp: (not tp[0].leader, -(tp[0].period.start or dt.date.min).toordinal()))
        term, person = holders[0]
        return _Entity(person.name, term.country, self._term_sector(term, on), person.wikidata, "office", person=person)

    def _agent(self, head: _Match, context: _Entity | None) -> _Entity:
        """A kind of actor ("troops", "the president") owned by the context, if any."""
        agents = [a.target for a in head.of("agent") if isinstance(a.target, AgentWord)]
        offices = head.of("office")
        agent = agents[0] if agents else AgentWord("GOV", weak=True)
        kind = "office" if offices else "agent"
        if context is None:
            return _Entity(None, None, agent.sector, None, kind)
        if context.kind in {"organisation", "metonym"} and agent.weak and context.sector:
            sector = context.sector  # "Taliban forces", "UN agency", "Pentagon officials"
        else:
            sector = agent.sector
        # "Turkish troops" are Turkey's; an unresolved office holder has a name we do not know.
        name = context.name if context.kind != "person" and kind == "agent" else None
        return _Entity(name, context.country, sector, None, kind)


def _pick_person(people: list[Person], on: dt.date | None) -> Person:
    """Among people sharing an alias ("Assad", "Aoun"), the one in office on the day, else the nearest."""
    if len(people) == 1:
        return people[0]
    if on is not None:
        serving = [p for p in people if any(t.period.covers(on) for t in p.terms)]
        if serving:
            return serving[0]

        def distance(person: Person) -> int:
            gaps = []
            for t in person.terms:
                if t.period.start and on < t.period.start:
                    gaps.append((t.period.start - on).days)
                elif t.period.end and t.period.end < on:
                    gaps.append((on - t.period.end).days)
            return min(gaps, default=0)

        return min(people, key=distance)
    return max(people, key=lambda p: max(t.period.start or dt.date.min for t in p.terms))


def _pick_term(person: Person, on: dt.date | None) -> tuple[Term, bool]:
    """The term that describes the person on the day, and whether they were in office then."""
    rank = lambda t: (t.organisation is None, t.leader)  # noqa: E731 - state offices, then top posts
    if on is None:
        current = [t for t in person.terms if t.period.end is None]
        if current:
            return max(current, key=rank), True
        return max(person.terms, key=lambda t: t.period.start or dt.date.min), False
    covering = [t for t in person.terms if t.period.covers(on)]
    if covering:
        return max(covering, key=rank), True
    earlier = [t for t in person.terms if t.period.end is not None and t.period.end < on]
    if earlier:
        return max(earlier, key=lambda t: t.period.end or dt.date.min), False
    return min(person.terms, key=lambda t: t.period.start or dt.date.min), False


def _guess_head(tokens: list[Token]) -> Token | None:
    """The last word before the first phrase break (the head of a simple English noun phrase)."""
    words: list[Token] = []
    for index, token in enumerate(tokens):
        if index > 0 and token.norm in _PHRASE_BREAKS and words:
            break
        if token.is_word:
            words.append(token)
    return words[-1] if words else None
