"""Turning a grounded candidate into the codes users expect: PLOVER, CAMEO, QuadClass, Goldstein, ACLED."""

from __future__ import annotations

from spacy.tokens import Span, Token

from gestae.extract.candidates import Candidate
from gestae.extract.lexicon import Lexicon, quad_class
from gestae.extract.refine import WEAPON_CUES, Coding, Context, refine
from gestae.records import Actor

CLAIM_WORDS = {"responsibility", "credit"}


def _lemmas(tokens) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in tokens if not t.is_punct)


def coding_context(cand: Candidate, actor_span: Span | None, recipient_span: Span | None, actor: Actor | None, recipient: Actor | None) -> Context:
    head, anchor = cand.head, cand.anchor
    modifiers: list[Token] = [c for c in head.children if c.dep_ in ("compound", "amod", "nmod", "advmod")]
    for owner in {head, anchor}:
        for prep in owner.children:
            if prep.dep_ == "prep" and prep.lower_ in ("with", "by", "using", "from"):
                modifiers.extend(t for t in prep.subtree)
    modifiers.extend(t for t in head.subtree if t.dep_ in ("compound",) and t.head.i == head.i)
    if head.i > 0 and head.doc[head.i - 1].lower_ == "-":
        modifiers.append(head.doc[head.i - 2])  # 'air-strike' tokenised apart
    recipient_words = _lemmas(recipient_span) if recipient_span is not None else frozenset()
    if cand.roles.recipient is not None:
        recipient_words |= _lemmas(t for t in cand.roles.recipient.subtree if t.dep_ in ("pobj", "compound", "conj") or t is cand.roles.recipient)
    sentence_lemmas = frozenset(t.lemma_.lower() for t in cand.sent)
    return Context(
        modifiers=_lemmas(modifiers) | ({anchor.lemma_.lower()} if anchor.i != head.i else frozenset()),
        actor_words=_lemmas(actor_span) if actor_span is not None else frozenset(),
        target_words=recipient_words,
        actor_sector=actor.sector if actor else None,
        target_sector=recipient.sector if recipient else None,
        has_partner=cand.roles.recipient_source in ("'with' phrase", "coordinated with the actor", "'between' phrase"),
        trigger_lemma=cand.head.lemma_.lower(),
        sentence_weapons=sentence_lemmas & WEAPON_CUES,
        sentence_lemmas=sentence_lemmas,
    )


def code(cand: Candidate, ctx: Context, lexicon: Lexicon) -> tuple[Coding, int, float, str | None]:
    """(coding, quad class, Goldstein score, ACLED event type)."""
    coding = refine(cand.match.entry, ctx)
    acled_type = lexicon.acled_event_type.get(coding.acled_sub) if coding.acled_sub else None
    return coding, quad_class(coding.cameo), lexicon.goldstein_of(coding.cameo), acled_type


def claims_responsibility(sent: Span) -> bool:
    return any(t.lemma_.lower() in CLAIM_WORDS and t.head.lemma_.lower() in ("claim", "take", "accept", "admit") for t in sent)
