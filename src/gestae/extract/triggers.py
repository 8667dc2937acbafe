"""Finding candidate event triggers: verbs and event nouns from the lexicon, with the reason for each miss."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from gestae.extract.lexicon import CrisisLexicon, Lexicon, TriggerEntry

NOUN_POS = {"NOUN", "PROPN"}
# Named entities whose words are never triggers ("March" the month, "Strike Force" a unit name).
BLOCKING_ENTS = {"DATE", "TIME", "PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"}


@dataclass(frozen=True)
class TriggerMatch:
    """Lexicon hit in a sentence: token range, the head word that carries the syntax, and the entry."""

    start: int  # token index
    end: int  # token index, exclusive
    head: Token
    entry: TriggerEntry

    @property
    def span(self) -> Span:
        return self.head.doc[self.start:self.end]


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _match_phrase(sent: Span, i: int, words: tuple[str, ...]) -> int | None:
    """Token end index if `words` (as lemmas or forms) start at doc index i, hyphens skipped."""
    doc = sent.doc
    j = i
    for word in words:
        while j < sent.end and doc[j].text == "-":
            j += 1
        if j >= sent.end or word not in (_lemma(doc[j]), doc[j].lower_):
            return None
        j += 1
    return j


NOUN_LIKE_DEPS = {"dobj", "nsubj", "nsubjpass", "pobj", "attr", "conj", "appos"}


def _verb_with_object(verb: Token, words: tuple[str, ...]) -> bool:
    """A verb-object phrase of the lexicon told with other words between: 'cut all ties', 'lay their arms down'."""
    if verb.pos_ != "VERB" or len(words) < 2:
        return False
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    objects = {form for c in verb.children if c.dep_ in ("dobj", "nsubjpass") for form in (c.lemma_.lower(), c.lower_)}
    return words[-1] in objects and all(w in particles for w in words[1:-1])


def _pos_fits(entry: TriggerEntry, head: Token) -> bool:
    if head.pos_ == "VERB":
        return entry.verb
    if head.pos_ in NOUN_POS:
        return entry.noun
    # The tagger calls "an Assad regime offensive" an adjective; its function says noun.
    if head.pos_ == "ADJ" and head.dep_ in NOUN_LIKE_DEPS:
        return entry.noun
    return False


def _hyphen_word(sent: Span, i: int) -> tuple[str, int] | None:
    """'cease - fire' as one word, for lexicon rows written with a hyphen."""
    doc = sent.doc
    if i + 2 < sent.end and doc[i + 1].text == "-" and doc[i + 1].idx == doc[i].idx + len(doc[i].text):
        return f"{doc[i].lower_}-{_lemma(doc[i + 2])}", i + 3
    return None


def find_triggers(sent: Span, lexicon: Lexicon | CrisisLexicon) -> tuple[list[TriggerMatch], list[tuple[Token, str]]]:
    """All lexicon triggers in `sent`, longest match first; and the near-misses with the reason they were dropped."""
    matches: list[TriggerMatch] = []
    misses: list[tuple[Token, str]] = []
    doc = sent.doc
    i = sent.start
    while i < sent.end:
        token = doc[i]
        found = _match_at(sent, i, lexicon)
        if found is None:
            i += 1
            continue
        match, reason = found
        if match is None:
            misses.append((token, reason))
            i += 1
            continue
        matches.append(match)
        i = match.end
    return matches, misses


def _match_at(sent: Span, i: int, lexicon: Lexicon | CrisisLexicon) -> tuple[TriggerMatch | None, str] | None:
    doc = sent.doc
    token = doc[i]
    candidates: list[tuple[TriggerEntry, int]] = []
    for entry in lexicon.multi.get(_lemma(token), ()) + lexicon.multi.get(token.lower_, ()):
        end = _match_phrase(sent, i, entry.words)
        if end is not None:
            candidates.append((entry, end))
        elif entry.verb and not entry.noun and _verb_with_object(token, entry.words):
            candidates.append((entry, i + 1))  # 'established diplomatic ties': verb and object, words between
    hyphenated = _hyphen_word(sent, i)
    if hyphenated is not None:
        word, end = hyphenated
        candidates.extend((entry, end) for entry in lexicon.single.get(word, ()))
    candidates.extend((entry, i + 1) for entry in lexicon.single.get(_lemma(token), ()))
    if not candidates:
        return None
    for entry, end in candidates:
        head = doc[i] if entry.verb and not entry.noun else doc[end - 1]
        if len(entry.words) > 1 and entry.verb:
            head = doc[i]
        if head.ent_type_ in BLOCKING_ENTS:
            return None, f"part of a {head.ent_type_} name"
        if _pos_fits(entry, head):
            return TriggerMatch(i, end, head, entry), ""
    return None, f"'{token.text}' is a {token.pos_.lower()} here, not the lexicon's {'verb' if candidates[0][0].verb else 'noun'}"
