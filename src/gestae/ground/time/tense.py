"""Which way a bare calendar name points: "will meet Friday" is ahead of the article, "met Friday" behind.

English marks this on the verb, not on the time expression, so the probe reads the clause around the
expression for the nearest tense cue: a modal or a verb of planning ("will", "is scheduled to",
"as early as") says future; a past auxiliary, "ago" or a regular past-tense verb says past. It is a
cue reader, not a parser; when it finds nothing the caller falls back to its own default.
"""

from __future__ import annotations

import re
from enum import Enum


class Direction(str, Enum):
    past = "past"
    future = "future"


_FUTURE_CUES = re.compile(
    r"\b(?:will|won't|wo|shall|would\s+be\s+\w+ing|'ll|going\s+to|gonna|scheduled|expected|expects?"
    r"|(?:(?:was|were|is|are)\s+)?(?:plans?|planned|planning)\s+(?:to|for)"
    r"|(?:(?:was|were|is|are)\s+)?(?:scheduled|expected|set|due|going)\s+(?:to|for)|intends?|set\s+(?:to|for)"
    r"|due\s+(?:to|on|in|by)|upcoming|next(?!\s+to\b)|as\s+(?:soon|early)\s+as"
    r"|no\s+later\s+than|is\s+to|are\s+to|may|might|must|should|can|deadline|tomorrow|hopes?\s+to"
    r"|(?:(?:has|have)\s+(?:decided|agreed|promised|vowed|pledged|voted|offered)|promises|vows|pledges|threatens|wants?"
    r"|hopes|aims|seeks?|prepares|preparing|ready|offers)\s+(?:\w+\s+)?to\s+(?!the\b|a\b|an\b)\w+"
    r"|postponed|delayed|adjourned|(?:is|are)\s+(?:leaving|meeting|travell?ing|heading|flying|holding))\b",
    re.IGNORECASE,
)
# Common irregular past-tense forms; regular ones are caught by their -ed ending.
_IRREGULAR_PAST = (
    "said|told|met|went|came|took|made|held|left|found|gave|got|saw|began|fell|led|struck|won|lost|fled|sent"
    "|spent|brought|shot|sought|thought|knew|became|felt|kept|ran|rose|stood|sat|wrote|spoke|broke|chose|drove"
    "|flew|grew|threw|wore|forgot|hid|paid|sold|taught|caught|bought|fought|built|heard|meant|understood|swept"
    "|stole|sank|drew|blew|tore|hung|swore|arose|withdrew|overthrew|undertook|oversaw|began|dealt|slew|sprang"
)
_PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|didn't|wasn't|weren't|ago|last|yesterday|earlier|since"
    rf"|{_IRREGULAR_PAST}|(?:has|have)\s+(?:been|\w+ed)|[a-z]{{3,}}ed)\b",
    re.IGNORECASE,
)
# "until Tuesday" usually names a deadline ahead, but "Up until Thursday, they had not..." looks back:
# these count only when the clause has no other cue.
_WEAK_FUTURE_CUES = re.compile(r"\b(?:until|till|by)\b", re.IGNORECASE)
_PAST_AUXILIARIES = frozenset(
    {"was", "were", "had", "did", "didn't", "wasn't", "weren't", "ago", "last", "yesterday", "earlier", "since"}
)
# A participle after these is passive or progressive in the present or future ("must be returned"),
# so it says nothing about the past.
_PRESENT_AUXILIARY = re.compile(r"\b(?:be|being|is|are|am|get|gets)\s+$", re.IGNORECASE)
# Words ending in -ed that are not past-tense verbs, and planning verbs that read as future.
_NOT_PAST = frozenset(
    {
        "need", "needed", "indeed", "united", "hundred", "speed", "seed", "red", "bed", "shed", "bred",
        "scheduled", "expected", "planned", "postponed", "delayed", "adjourned", "proposed", "intended",
        "aimed", "armed", "based", "related", "alleged", "unidentified", "wounded", "injured", "detailed",
        "concerned", "interested", "limited", "advanced", "supposed", "named",
    }
)
# A clause rarely reaches past these; the probe does not read across them.
# Full stops of abbreviations ("a.m.", "Mr.", "U.S.") do not end a clause.
_BOUNDARY = re.compile(r"(?<![A-Z])(?<!\b[a-z])(?<!\b[A-Za-z][a-z])[.!?](?=\s|$)|[!?;:\n]|``|''|\"")


_WORDS_BEFORE = 14
_WORDS_AFTER = 12


def _clause_window(text: str, start: int, end: int, reach: int = 160) -> tuple[str, str]:
    """The clause text before and after the span, cut at sentence punctuation and quotes."""
    before = text[max(0, start - reach) : start]
    cut = None
    for cut in _BOUNDARY.finditer(before):
        pass
    if cut is not None:
        before = before[cut.end() :]
    after = text[end : end + reach]
    stop = _BOUNDARY.search(after)
    if stop is not None:
        after = after[: stop.start()]
    # Tense is read from the verbs nearest the expression, not from a neighbouring clause's.
    return " ".join(before.split(" ")[-_WORDS_BEFORE:]), " ".join(after.split(" ")[:_WORDS_AFTER])


def _cues(segment: str) -> list[tuple[int, int, Direction]]:
    # "May" with a capital is the month, not the modal.
    found = [(m.start(), m.end(), Direction.future) for m in _FUTURE_CUES.finditer(segment) if m.group(0) != "May"]
    for m in _PAST_CUES.finditer(segment):
        word = m.group(0).lower()
        if word in _NOT_PAST or (word not in _PAST_AUXILIARIES and _PRESENT_AUXILIARY.search(segment, 0, m.start())):
            continue
        # "were planning to" is read whole as future, not as "were" + a verb.
        if any(start <= m.start() < end for start, end, _ in found):
            continue
        found.append((m.start(), m.end(), Direction.past))
    return found


def tense_direction(text: str, start: int, end: int) -> Direction | None:
    """The direction of the nearest tense cue to text[start:end] in its clause, or None."""
    before, after = _clause_window(text, start, end)
    cues_before = _cues(before)
    if cues_before:
        # Nearest cue before the expression; a planning word overrides a past verb next to it.
        nearest = max(cues_before, key=lambda cue: (cue[1], cue[2] is Direction.future))
        return nearest[2]
    cues_after = _cues(after)
    if cues_after:
        return min(cues_after, key=lambda cue: (cue[0], cue[2] is not Direction.future))[2]
    if _WEAK_FUTURE_CUES.search(before):
        return Direction.future
    return None
