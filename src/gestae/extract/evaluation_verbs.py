"""Judgements told with 'as': "We see the patrols as an important step" praises; "...as a provocation" accuses.

Verbs of regarding carry no event by themselves; the word after "as" says whether the speaker
approves (SUPPORT, CAMEO 051) or condemns (ACCUSE, CAMEO 111) what they regard.
"""

from __future__ import annotations

from spacy.tokens import Span

from gestae.extract.lexicon import TriggerEntry
from gestae.extract.triggers import TriggerMatch

REGARDING = {"see", "consider", "regard", "view", "describe", "deem", "hail", "welcome", "characterize", "characterise", "label", "brand", "call"}
APPROVING = {"important", "positive", "welcome", "good", "significant", "great", "historic", "major", "crucial", "constructive",
             "step", "breakthrough", "success", "achievement", "progress", "milestone", "contribution", "sign", "opportunity"}
CONDEMNING = {"provocation", "violation", "threat", "mistake", "aggression", "crime", "act", "interference", "attack",
              "unacceptable", "illegal", "hostile", "dangerous", "terrorist", "terrorism", "insult", "blunder"}
PRAISE = TriggerEntry(("see",), True, False, "SUPPORT", "praise", "051", None, "diplomatic")
CONDEMNATION = TriggerEntry(("see",), True, False, "ACCUSE", "condemn", "111", None, "diplomatic")


def judgement_matches(sent: Span) -> list[TriggerMatch]:
    """Verbs of regarding with an approving or condemning 'as' phrase, as trigger matches."""
    found = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in REGARDING:
            continue
        # The parser may hang 'as' on the object's own modifier ('patrols carried out by X ... as a step').
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        candidates = list(verb.children) + [t for obj in objects for t in obj.subtree]
        for prep in candidates:
            if prep.dep_ != "prep" or prep.lower_ != "as":
                continue
            words = {t.lemma_.lower() for obj in prep.children if obj.dep_ == "pobj" for t in obj.subtree}
            if words & CONDEMNING:
                found.append(TriggerMatch(verb.i, verb.i + 1, verb, CONDEMNATION))
            elif words & APPROVING:
                found.append(TriggerMatch(verb.i, verb.i + 1, verb, PRAISE))
    return found
