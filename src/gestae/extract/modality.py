"""Did it happen? Planned, hypothetical, negated and averted events are marked, never counted as facts."""

from __future__ import annotations

from spacy.tokens import Token

from gestae.records import Modality

PLANNING = {
    "plan", "intend", "prepare", "aim", "seek", "want", "hope", "expect", "schedule", "set", "propose",
    "vow", "pledge", "promise", "threaten", "consider", "mull", "weigh", "decide", "agree", "order",
    "try", "attempt", "plot", "scheme", "mean", "wish", "offer",
    "willing", "ready", "prepared", "eager", "determined", "poised", "set", "due",
}
# Asking someone else to act says nothing about whether they will.
REQUESTING = {"urge", "call", "demand", "ask", "appeal", "press", "request", "encourage", "invite", "implore"}
PREVENTING = {"decline", "avert", "prevent", "foil", "thwart", "avoid", "stop", "halt", "block", "forestall", "cancel", "abort", "postpone", "call off", "deny", "fail", "refuse", "reject"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "can", "should", "must"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
CONDITIONAL_MARKS = {"if", "unless", "whether"}
NEGATIONS = {"not", "n't", "never", "no"}
# Dependencies along which a governing word's modality carries down to the trigger.
CARRYING_DEPS = {"acl", "conj", "xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "attr", "nsubj", "nsubjpass", "acomp", "advcl", "compound", "amod", "oprd"}
# Verbs of saying: the report's own tense says nothing about whether the event happened.
REPORTING = {"say", "tell", "report", "announce", "claim", "state", "add", "confirm", "cite", "quote", "note", "insist", "write"}


def _own_modality(token: Token, via_dep: str | None) -> tuple[Modality, Token] | None:
    """Modality that `token` imposes on what it governs through `via_dep` (None: on itself)."""
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
            return Modality.negated, child
        if child.dep_ in ("aux", "auxpass"):
            if child.lower_ in FUTURE_AUX:
                return Modality.planned, child
            if child.lower_ in HYPOTHETICAL_AUX:
                return Modality.hypothetical, child
        if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
            return Modality.hypothetical, child
    if via_dep is None:
        return None
    lemma = token.lemma_.lower()
    if lemma in PREVENTING and via_dep in ("dobj", "xcomp", "pobj", "prep", "pcomp", "nsubjpass"):
        return Modality.negated, token
    if lemma in REQUESTING and via_dep in ("xcomp", "ccomp", "prep", "pobj", "pcomp", "dobj", "oprd", "acl"):
        return Modality.hypothetical, token
    if lemma in PLANNING and via_dep in ("xcomp", "dobj", "ccomp", "prep", "pobj", "pcomp", "oprd"):
        return Modality.planned, token
    if token.lower_ in ("planned", "proposed", "possible", "potential", "future", "threatened", "expected", "alleged") and via_dep == "amod":
        return Modality.planned if token.lower_ != "possible" else Modality.hypothetical, token
    return None


def modality_of(anchor: Token) -> tuple[Modality, Token | None]:
    """Modality of the event whose clause is headed by `anchor`, and the cue token that set it.

    Walks from the anchor towards the root while the link carries meaning down (complements, objects),
    and stops at coordination, relative clauses and verbs of saying.
    """
    found = _own_modality(anchor, None)
    if found:
        return found
    for child in anchor.lefts:
        if child.dep_ == "amod":
            cue = _own_modality(child, "amod")
            if cue:
                return cue
    token = anchor
    while token.head.i != token.i:
        dep, head = token.dep_, token.head
        if dep not in CARRYING_DEPS:
            break
        if head.lemma_.lower() in REPORTING and dep in ("ccomp", "dobj"):
            break
        found = _own_modality(head, dep)
        if found:
            return found
        token = head
    return Modality.asserted, None
