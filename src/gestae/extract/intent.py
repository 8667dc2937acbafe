"""Saying what one will do is itself an event: CAMEO's "express intent to ..." (PLOVER AGREE) and threats.

"Syria says it is willing to withdraw its troops" tells a planned withdrawal (not a fact) and an
asserted act: Syria's expressed intent to withdraw, AGREE in PLOVER, CAMEO 035x. "X will impose
sanctions" likewise tells a threat. The planned event stays planned; this module names the act of
announcing it.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# Words by which an actor commits to a future act of its own (not 'could' or 'may': possibility is no pledge).
INTENT_CUES = {"will", "'ll", "shall", "would", "willing", "ready", "prepared", "plan", "intend", "offer",
               "promise", "pledge", "vow", "commit", "decide", "eager", "determined", "agree", "poised", "set"}
# Modal verbs by which a speaker says what someone else has to do: 'X said Libya must hand over ...' is X's demand.
OBLIGATION_CUES = {"must", "should", "ought"}
# Intended cooperative acts -> the CAMEO 03x code for expressing that intent.
COOPERATIVE_INTENT = {"AID": "033", "CONCEDE": "035", "RETREAT": "0356", "COOPERATE": "031", "CONSULT": "036",
                      "SUPPORT": "032", "AGREE": "030"}
# Intended coercive acts -> the CAMEO 13x code for threatening them.
COERCIVE_THREAT = {"ASSAULT": "138", "MOBILIZE": "138", "COERCE": "130", "SANCTION": "130"}


def intent_coding(event_type: str | None, cue: Token | None) -> tuple[str, str] | None:
    """(PLOVER type, CAMEO code) of announcing a planned `event_type` with `cue`, or None."""
    if cue is None or event_type is None or cue.lemma_.lower() not in INTENT_CUES | {"'ll"} and cue.lower_ not in INTENT_CUES:
        return None
    if event_type in COOPERATIVE_INTENT:
        return "AGREE", COOPERATIVE_INTENT[event_type]
    if event_type in COERCIVE_THREAT:
        return "THREATEN", COERCIVE_THREAT[event_type]
    return None


def demanding_speaker(cue: Token | None, anchor: Token) -> Token | None:
    """The speaker whose reported 'must' makes a demand: the subject of the verb of saying above `anchor`."""
    from gestae.extract.modality import REPORTING

    if cue is None or cue.lower_ not in OBLIGATION_CUES:
        return None
    node = anchor
    for _ in range(3):
        if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_.lower() in REPORTING | {"reiterate", "declare", "insist", "stress", "warn", "demand"}:
            subjects = [c for c in node.head.children if c.dep_ == "nsubj"]
            return subjects[0] if subjects else None
        if node.dep_ not in ("conj", "xcomp") or node.head.i == node.i:
            return None
        node = node.head
    return None


def intent_span(cue: Token, anchor: Token) -> Span:
    """The words that tell the intent: 'willing', 'plans', or 'will withdraw' for an auxiliary."""
    doc = cue.doc
    if cue.dep_ in ("aux", "auxpass") and anchor.i > cue.i:
        return doc[cue.i:anchor.i + 1]
    return doc[cue.i:cue.i + 1]
