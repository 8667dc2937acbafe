"""Readers for the actor resource files in `gestae/resources/actors/`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pycountry

from gestae.resources import read_tsv, resource_path

from .entries import AgentWord, Country, Organisation, Period, Person, Term

RESOURCE_DIR = "actors"


def read_json(name: str) -> dict[str, Any]:
    return json.loads(resource_path(RESOURCE_DIR, name).read_text(encoding="utf-8"))


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _date(cell: str | None) -> dt.date | None:
    return dt.date.fromisoformat(cell) if cell else None


def _rows(name: str) -> Iterator[list[str]]:
    rows = read_tsv(RESOURCE_DIR, name)
    for row in rows[1:]:  # the first row is the column header
        yield [cell.strip() for cell in row]


class CountryRow:
    """One country with every way of naming it."""

    def __init__(self, country: Country, names: list[str], derived_names: list[str],
                 demonyms: list[str], metonyms: list[tuple[str, str]]):
        self.country = country
        self.names = names
        self.derived_names = derived_names
        self.demonyms = demonyms
        self.metonyms = metonyms


def read_countries() -> list[CountryRow]:
    """Our country table, completed with ISO 3166 names from pycountry."""
    rows: list[CountryRow] = []
    seen: set[str] = set()
    for iso3, name, aliases, demonyms, metonyms, wikidata in _rows("countries.tsv"):
        country = Country(iso3, name, wikidata or None)
        metonym_pairs = []
        for cell in _split(metonyms):
            place, _, sector = cell.partition("=")
            metonym_pairs.append((place, sector or "GOV"))
        rows.append(CountryRow(country, [name, *_split(aliases)], _pycountry_names(iso3),
                               _split(demonyms), metonym_pairs))
        seen.add(iso3)
    for record in pycountry.countries:
        if record.alpha_3 not in seen:
            names = _pycountry_names(record.alpha_3)
            if names:
                rows.append(CountryRow(Country(record.alpha_3, names[0]), [], names, [], []))
    return rows


def _pycountry_names(iso3: str) -> list[str]:
    record = pycountry.countries.get(alpha_3=iso3)
    if record is None:
        return []
    names = [getattr(record, attr, None) for attr in ("common_name", "name", "official_name")]
    # "Korea, Republic of" is a catalogue form that news text never uses.
    return [n for n in dict.fromkeys(names) if n and "," not in n and "(" not in n]


def read_organisations() -> list[tuple[Organisation, list[str]]]:
    """Armed groups, state bodies, NGOs, IGOs and media, each with its aliases."""
    out: list[tuple[Organisation, list[str]]] = []
    for item in read_json("organisations.json")["entries"]:
        periods = tuple(
            (Period(_date(p.get("from")), _date(p.get("to"))), p["sector"]) for p in item.get("periods", [])
        )
        org = Organisation(item["name"], item.get("country"), item["sector"], item.get("kind", ""),
                           item.get("wikidata"), periods)
        out.append((org, [item["name"], *item.get("aliases", []), *item.get("former", [])]))
    for item in read_json("international.json")["entries"]:
        org = Organisation(item["name"], "IGO", item.get("sector", "IGO"), "intergovernmental organisation",
                           item.get("wikidata"))
        out.append((org, [item["name"], *item.get("aliases", [])]))
    for item in read_json("media.json")["entries"]:
        org = Organisation(item["name"], item.get("country"), "MED", "news media", item.get("wikidata"))
        out.append((org, [item["name"], *item.get("aliases", [])]))
    return out


def read_people(organisations: dict[str, Organisation]) -> list[tuple[Person, list[str]]]:
    """Office holders, one Person per name with all their terms."""
    people: dict[str, Person] = {}
    aliases: dict[str, list[str]] = {}
    for name, alias_cell, where, office, start, end, leader, sector, wikidata in _rows("leaders.tsv"):
        country: str | None
        organisation: str | None = None
        if where.startswith(("IGO:", "ORG:")):
            organisation = where[4:]
            if organisation not in organisations:
                raise ValueError(f"leaders.tsv: {name} belongs to unknown organisation {organisation!r}")
            country = organisations[organisation].country
        else:
            country = where or None
        term = Term(office, Period(_date(start), _date(end)), country, organisation, leader == "1", sector or None)
        person = people.setdefault(name, Person(name, wikidata or None))
        person.wikidata = person.wikidata or wikidata or None
        person.terms.append(term)
        aliases.setdefault(name, [name]).extend(_split(alias_cell))
    return [(person, aliases[name]) for name, person in people.items()]


class Vocabulary:
    """Agent words by sector, office words, and the modifiers that mark a patron, not an actor."""

    def __init__(self) -> None:
        data = read_json("sectors.json")
        self.sector_labels: dict[str, str] = {code: s["label"] for code, s in data["sectors"].items()}
        weak = set(data["weak_words"])
        self.agent_words: dict[str, AgentWord] = {}
        for code, sector in data["sectors"].items():
            for word in sector["words"]:
                self.agent_words[word] = AgentWord(code, word in weak)
        for word in list(self.agent_words):
            for plural in _plurals(word):
                self.agent_words.setdefault(plural, self.agent_words[word])
        self.offices: dict[str, str] = {}
        for office, words in data["offices"].items():
            for word in words:
                self.offices[word] = office
        for word in data["leader_words"]:
            self.offices.setdefault(word, "leader")
            self.agent_words.setdefault(word, AgentWord("GOV", weak=True))
        self.organisation_head_words = frozenset(data["organisation_head_words"])
        self.non_agent_modifiers = frozenset(data["non_agent_modifiers"])
        self.non_agent_prefixes = frozenset(data["non_agent_prefixes"])


def _plurals(word: str) -> list[str]:
    head, _, last = word.rpartition(" ")
    prefix = f"{head} " if head else ""
    if last.endswith(("s", "x", "z", "ch", "sh", "ese", "ss")) or not last[-1:].isalpha():
        return []
    if last.endswith("man"):
        return [prefix + last[:-3] + "men"]
    if last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        return [prefix + last[:-1] + "ies"]
    return [prefix + last + "s"]


def demonym_forms(demonym: str) -> list[str]:
    """A demonym and its plural person noun ("Afghan", "Afghans"; "Swiss" stays as is)."""
    return [demonym, *_plurals(demonym)]
