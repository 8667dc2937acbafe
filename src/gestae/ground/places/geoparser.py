"""Find toponyms in a parsed spaCy Doc and resolve them to gazetteer places."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from gestae.ground.places.entry import Candidate
from gestae.ground.places.gazetteer import Gazetteer
from gestae.ground.places.normalize import normalize_name
from gestae.ground.places.patterns import alias_names
from gestae.ground.places.resolver import FEATURE_HINTS, Resolver, Toponym
from gestae.records import Place

TOPONYM_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities that may carry a place name inside them ("the Ohio Department of Health", "Alexandria Police").
# The small model calls some towns a LANGUAGE ("Belgorod") or NORP ("Omdurman"): their words are searched too.
_EMBEDDING_LABELS = frozenset({"ORG", "PERSON", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LANGUAGE"})
_WELL_KNOWN_TOWN = 100_000
# Words that make an entity a different place from the name inside it: "Mississippi River", "Memphis Street".
_FEATURE_NOUNS = frozenset(
    "river lake creek bay island islands mountain mountains mount street st avenue ave road rd boulevard blvd "
    "square park airport bridge basilica cathedral church highway drive lane canal valley beach harbor harbour "
    "gulf sea ocean delta peninsula falls dam hotel trail way".split()
)
# Single words that are directions or common words before they are place names ("South", "Eastern").
_COMMON_WORDS = frozenset(
    "north south east west northern southern eastern western central northeast northwest southeast southwest "
    "metro downtown midwest commonwealth union victoria "
    # Abstract nouns that are also towns (Independence MO, Liberty, Concord...): inside an organisation's
    # name ("National Union for the Total Independence of Angola") they are words, not places.
    "independence liberty freedom unity victory progress justice hope concord enterprise harmony peace "
    "democracy republic salvation solidarity reform liberation resistance".split()
)
# Words between two toponyms that make the second one locate the first: "Paris, Texas", "Idlib in Syria".
_QUALIFYING_GAPS = frozenset({",", "in", "in the", ", in", "(", "-", "near"})
_POSSESSIVES = frozenset({"'s", "’s", "'"})
# Verbs whose subject, when it is a state or its capital, is an actor rather than a place ("Ankara said").
_ACTOR_VERBS = frozenset(
    "say tell state announce warn accuse deny reject condemn criticize criticise threaten demand urge ask call "
    "agree sign approve veto vow pledge promise offer propose refuse insist claim respond retaliate welcome "
    "praise support back oppose recognize recognise summon expel recall sanction impose ban launch send deploy "
    "attack strike bomb invade order decide plan seek want hope believe blame push press negotiate meet host "
    "invite join withdraw suspend cut halt resume".split()
)


class Geoparser:
    """`geoparse(doc)` returns the places a document names, each resolved against the gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None, resolver: Resolver | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()
        self.resolver = resolver if resolver is not None else Resolver()
        self._alias_names = alias_names()
        self._matchers: dict[int, PhraseMatcher] = {}

    def geoparse(self, doc: Doc) -> list[Place]:
        toponyms = self.toponyms(doc)
        places: list[Place] = []
        for toponym, resolution in zip(toponyms, self.resolver.resolve(toponyms)):
            if resolution is None:
                continue
            p = resolution.place
            places.append(
                Place(
                    text=toponym.text, start=toponym.start, end=toponym.end, name=p.name, geonames_id=p.geonames_id,
                    lat=p.lat, lon=p.lon, country=p.country, admin1=p.admin1, admin1_iso=p.admin1_iso,
                    feature=p.feature, confidence=resolution.confidence,
                )
            )
        return places

    def toponyms(self, doc: Doc) -> list[Toponym]:
        """Toponyms with their candidates, feature hints and qualifiers, in text order.

        Sources, in order of trust: place entities (GPE, LOC, FAC) and alias-table names;
        then well-known places named inside other entities or where the NER saw nothing
        ("the Ohio Department of Health", "Northeast Georgia"); then further mentions of a
        name already read as a place in this document, whatever the NER called them.
        """
        toponyms: list[Toponym] = []
        taken: set[int] = set()
        for span in self._entity_spans(doc):
            toponym = self._toponym(doc, span) if span.label_ in TOPONYM_LABELS else None
            if toponym is not None:
                self._take(toponyms, taken, toponym, span)
            else:
                self._take_inner(doc, span, toponyms, taken)
        self._take_bare_names(doc, toponyms, taken)
        self._take_repeats(doc, toponyms, taken)
        toponyms.sort(key=lambda t: t.start)
        for index in range(len(toponyms) - 1):
            here, after = toponyms[index], toponyms[index + 1]
            gap = doc.text[here.end : after.start].strip()
            if gap in _QUALIFYING_GAPS and _is_container(after.candidates):
                here.qualifiers.append(index + 1)
            elif gap in _POSSESSIVES and _is_container(here.candidates):
                after.qualifiers.append(index)
        return toponyms

    @staticmethod
    def _take(toponyms: list[Toponym], taken: set[int], toponym: Toponym, span: Span) -> None:
        toponyms.append(toponym)
        taken.update(range(span.start, span.end))

    def _entity_spans(self, doc: Doc) -> list[Span]:
        """Place entities first, alias-table matches where no entity is, then the other named entities."""
        places = [ent for ent in doc.ents if ent.label_ in TOPONYM_LABELS]
        covered = {i for span in places for i in range(span.start, span.end)}
        for _, start, end in self._matcher(doc.vocab)(doc):
            if not covered.intersection(range(start, end)):
                places.append(doc[start:end])
                covered.update(range(start, end))
        others = [
            ent for ent in doc.ents
            if ent.label_ in _EMBEDDING_LABELS and not covered.intersection(range(ent.start, ent.end))
        ]
        return sorted(places, key=lambda s: s.start) + others

    def _take_inner(self, doc: Doc, span: Span, toponyms: list[Toponym], taken: set[int]) -> None:
        """The longest well-known place name inside an entity: "Ohio" in "the Ohio Department of Health"."""
        following = doc[span.end].lower_.rstrip(".") if span.end < len(doc) else ""
        if following in _FEATURE_NOUNS or any(t.lower_.rstrip(".") in _FEATURE_NOUNS for t in span):
            return
        start = span.start
        while start < span.end:
            for end in range(span.end, start, -1):
                inner = doc[start:end]
                if not inner[0].is_title and not inner[0].is_upper:
                    continue
                if len(inner) == 1 and inner[0].lower_ in _COMMON_WORDS:
                    continue
                toponym = self._toponym(doc, inner, inside=span)
                if toponym is not None and _is_well_known(toponym):
                    self._take(toponyms, taken, toponym, inner)
                    start = end - 1
                    break
            start += 1

    def _take_bare_names(self, doc: Doc, toponyms: list[Toponym], taken: set[int]) -> None:
        """Runs of proper nouns outside every entity that name a well-known place ("Fargo", "RALEIGH")."""
        in_entity = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        run: list[int] = []
        for token in [*doc, None]:
            if token is not None and token.pos_ == "PROPN" and token.i not in in_entity and token.i not in taken:
                run.append(token.i)
                continue
            if run:
                self._take_inner(doc, doc[run[0] : run[-1] + 1], toponyms, taken)
                run = []

    def _take_repeats(self, doc: Doc, toponyms: list[Toponym], taken: set[int]) -> None:
        """One sense per discourse: a name read as a place once is a place at its other mentions too."""
        known = {t.text: t for t in toponyms if t.hint is None}
        if not known:
            return
        people = {i for ent in doc.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}
        matcher = PhraseMatcher(doc.vocab)
        matcher.add("KNOWN", [Doc(doc.vocab, words=text.split()) for text in known])
        for _, start, end in matcher(doc):
            if taken.intersection(range(start, end)):
                continue
            span = doc[start:end]
            # A surname that happens to be a place name: "Tom Jackson" after "Jackson, Miss.".
            if people.intersection(range(start, end)) and any(
                e.label_ == "PERSON" and len(e) > len(span) for e in doc.ents if e.start <= start < e.end
            ):
                continue
            original = known[span.text]
            self._take(toponyms, taken, Toponym(span.text, span.start_char, span.end_char, original.candidates,
                                                key=original.key), span)

    def _matcher(self, vocab) -> PhraseMatcher:
        # One matcher per vocabulary: documents from different pipelines may not share string stores.
        key = id(vocab)
        if key not in self._matchers:
            matcher = PhraseMatcher(vocab)
            matcher.add("ALIAS", [Doc(vocab, words=name.split()) for name in self._alias_names])
            self._matchers[key] = matcher
        return self._matchers[key]

    def _toponym(self, doc: Doc, span: Span, inside: Span | None = None) -> Toponym | None:
        span = _trim(span)
        if span is None:
            return None
        hint: str | None = None
        end = span.end
        limit = inside.end if inside is not None else len(doc)
        if end < limit and doc[end].lower_ in FEATURE_HINTS:
            hint, end = doc[end].lower_, end + 1
        elif span[-1].lower_ in FEATURE_HINTS and len(span) > 1:
            hint = span[-1].lower_
        elif span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in FEATURE_HINTS:
            hint = doc[span.start - 2].lower_
        phrase = doc[span.start : end]
        candidates = self.gazetteer.candidates(phrase.text)
        if not candidates and hint is not None and end != span.end:
            phrase = span
            candidates = self.gazetteer.candidates(span.text)
        if not candidates and hint is not None and len(span) > 1 and span[-1].lower_ == hint:
            candidates = self.gazetteer.candidates(span[:-1].text)
        if not candidates:
            return None
        return Toponym(phrase.text, phrase.start_char, phrase.end_char, candidates, hint=hint,
                       key=normalize_name(phrase.text))


def _is_well_known(toponym: Toponym) -> bool:
    """Strict enough to trust without an NER place label: states, divisions, counties, big towns, curated sites."""
    for candidate in toponym.candidates:
        place = candidate.place
        if not candidate.primary and not place.is_country:
            continue
        if place.is_country or place.is_admin1 or place.geonames_id is None:
            return True
        if place.feature == "ADM2" and toponym.hint in ("county", "parish"):
            return True
        if place.is_populated_place and place.population >= _WELL_KNOWN_TOWN:
            return True
    return False


def _trim(span: Span) -> Span | None:
    """Drop a leading article and trailing possessive or punctuation: "the West Bank's" -> "West Bank"."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVES or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


def _is_container(candidates: list[Candidate]) -> bool:
    return any(c.place.is_country or c.place.is_admin1 or c.place.feature == "ADM2" for c in candidates)


def is_metonymic_actor(span: Span, gazetteer: Gazetteer | None = None) -> bool:
    """True when a state or capital acts as a speaker or agent: "Ankara said", "Russia launched".

    `geoparse` still reports such spans as places; the event coder can treat them as actors.
    Without a gazetteer, any GPE qualifies; with one, the name must be a country or a capital.
    """
    if span.label_ != "GPE":
        return False
    root = span.root
    if root.dep_ != "nsubj" or root.head.lemma_.lower() not in _ACTOR_VERBS:
        return False
    if gazetteer is None:
        return True
    return any(c.place.is_country or c.place.feature == "PPLC" for c in gazetteer.candidates(span.text) if c.primary)


@lru_cache(maxsize=4)
def default_geoparser(cache_dir: str | None = None) -> Geoparser:
    """A Geoparser on the default gazetteer, made once per cache directory."""
    return Geoparser(Gazetteer(cache_dir))


def geoparse_text(nlp: Language, text: str, geoparser: Geoparser | None = None) -> list[Place]:
    """Parse `text` with `nlp` and geoparse it."""
    return (geoparser or default_geoparser()).geoparse(nlp(text))
