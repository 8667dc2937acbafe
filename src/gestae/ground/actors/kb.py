"""The actor knowledge base: entries from the resource files and a token index over their aliases."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterator

from .entries import (
    LEADER_OFFICE,
    OFFICE_FAMILIES,
    ORGANISATION_HEAD_OFFICES,
    Alias,
    AliasKind,
    Country,
    Metonym,
    Organisation,
    Person,
    Term,
)
from .loading import Vocabulary, demonym_forms, read_countries, read_organisations, read_people
from .text import Token, case_rule, fold, key, satisfies

# Family names come first in these countries, so the last word of a name is no surname.
_FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK", "VNM", "MMR", "KHM", "HKG"})
# Last names that are also common words, given names or shared by many people: never matched alone.
_NO_BARE_SURNAME = frozenset({
    "may", "brown", "cook", "straw", "fox", "jung", "reid", "martin", "howard", "singh", "ali", "ahmed",
    "mohamed", "mohammed", "hassan", "hussein", "mustafa", "salam", "aziz", "ismail", "shalom", "cohen",
    "john", "paul", "henry", "lee", "park", "moon", "kim", "ii", "iii", "jr", "sr", "vi", "hadi", "mansour",
    "zia", "ortega", "santos", "jonathan", "wallace", "gabriel", "fischer", "hunt", "abdullah", "bashir",
})


class AliasIndex:
    """Aliases keyed by their normalised token sequence, for longest-match look-up."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, ...], list[Alias]] = defaultdict(list)
        self._longest: dict[str, int] = defaultdict(int)

    def add(self, text: str, kind: AliasKind, target: object, strength: int = 2) -> None:
        words = key(text)
        if not words:
            return
        alias = Alias(kind, target, text, case_rule(text), strength)  # type: ignore[arg-type]
        bucket = self._entries[words]
        if not any(a.kind == alias.kind and a.target is alias.target for a in bucket):
            bucket.append(alias)
        self._longest[words[0]] = max(self._longest[words[0]], len(words))

    def longest_match(self, tokens: list[Token], at: int) -> tuple[int, list[Alias]]:
        """The longest alias starting at token `at` whose case rule the text meets: (length, aliases)."""
        first = tokens[at].norm
        for length in range(min(self._longest.get(first, 0), len(tokens) - at), 0, -1):
            window = tokens[at:at + length]
            found = self._entries.get(tuple(t.norm for t in window))
            if found:
                fitting = [a for a in found if satisfies(a.rule, window, a.text)]
                if fitting:
                    return length, fitting
        return 0, []

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Alias]:
        for bucket in self._entries.values():
            yield from bucket


class ActorKB:
    """Countries, organisations, office holders and agent words, indexed for fast resolution.

    Build it once with `ActorKB.load()` (cached) and share it between resolvers.
    """

    def __init__(self, countries: dict[str, Country], organisations: dict[str, Organisation],
                 people: dict[str, Person], vocabulary: Vocabulary, index: AliasIndex):
        self.countries = countries
        self.organisations = organisations
        self.people = people
        self.vocabulary = vocabulary
        self.index = index
        self._holders: dict[str, list[tuple[Term, Person]]] = defaultdict(list)
        for person in people.values():
            for term in person.terms:
                self._holders[term.organisation or term.country or ""].append((term, person))

    @classmethod
    @functools.cache
    def load(cls) -> ActorKB:
        """Read the shipped resource files and build the indexes (once per process)."""
        vocabulary = Vocabulary()
        index = AliasIndex()
        countries: dict[str, Country] = {}
        for row in read_countries():
            countries[row.country.iso3] = row.country
            for name in row.names:
                index.add(name, "country", row.country)
            for name in row.derived_names:
                index.add(name, "country", row.country, strength=1)
            for demonym in row.demonyms:
                for form in demonym_forms(demonym):
                    index.add(form, "demonym", row.country)
            for place, sector in row.metonyms:
                index.add(place, "metonym", Metonym(row.country.iso3, sector))
        organisations: dict[str, Organisation] = {}
        for org, aliases in read_organisations():
            organisations[org.name] = org
            for alias in aliases:
                index.add(alias, "organisation", org)
        people: dict[str, Person] = {}
        person_aliases = read_people(organisations)
        surname_owners: dict[str, list[Person]] = defaultdict(list)
        for person, aliases in person_aliases:
            people[person.name] = person
            for alias in aliases:
                index.add(alias, "person", person)
            surname = _bare_surname(person)
            if surname:
                surname_owners[surname].append(person)
        for surname, owners in surname_owners.items():
            for person in owners:
                index.add(surname, "person", person, strength=1)
        for word, agent in vocabulary.agent_words.items():
            index.add(word, "agent", agent)
        for word, office in vocabulary.offices.items():
            index.add(word, "office", office)
        return cls(countries, organisations, people, vocabulary, index)

    def holders(self, office: str, *, country: str | None = None, organisation: str | None = None,
                on: dt.date | None = None) -> list[tuple[Term, Person]]:
        """Who held `office` in the country or organisation on the day (today's holders if None)."""
        where = organisation or country
        if where is None:
            return []
        if organisation is not None and office in ORGANISATION_HEAD_OFFICES:
            wanted = lambda term: term.leader  # noqa: E731 - "the UN chief", "the Hezbollah leader"
        elif office == LEADER_OFFICE:
            wanted = lambda term: term.leader  # noqa: E731
        else:
            family = OFFICE_FAMILIES.get(office, frozenset({office}))
            wanted = lambda term: term.office in family  # noqa: E731
        terms = [(t, p) for t, p in self._holders.get(where, []) if wanted(t)]
        if on is not None:
            return [(t, p) for t, p in terms if t.period.covers(on)]
        return [(t, p) for t, p in terms if t.period.end is None]

    def sizes(self) -> dict[str, int]:
        """How many entries of each kind the knowledge base holds."""
        orgs = list(self.organisations.values())
        return {
            "countries": len(self.countries),
            "armed_groups": sum(o.sector in {"REB", "UAF", "CRM"} or any(s == "REB" for _, s in o.periods)
                                for o in orgs if o.country != "IGO"),
            "organisations": len(orgs),
            "igos": sum(o.country == "IGO" for o in orgs),
            "media": sum(o.sector == "MED" for o in orgs),
            "people": len(self.people),
            "terms": sum(len(p.terms) for p in self.people.values()),
            "agent_words": len(self.vocabulary.agent_words),
            "aliases": len(self.index),
        }


def _bare_surname(person: Person) -> str | None:
    """The last word of a name when it can stand alone in news text ("Erdogan", "Assad")."""
    words = person.name.replace("-", " ").split()
    if len(words) < 2 or any(t.country in _FAMILY_NAME_FIRST for t in person.terms):
        return None
    if any(fold(w) in {"bin", "ibn", "bint"} for w in words):  # patronymic chains, not surnames
        return None
    last = words[-1]
    if len(last) < 3 or fold(last) in _NO_BARE_SURNAME or fold(last) == fold(words[0]):
        return None
    return last

