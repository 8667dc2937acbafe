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
    r"\b(?:will|won't|wo|shall|would|'ll|going\s+to|gonna|scheduled|expected|expects?|plans?|planned|planning"
    r"|intends?|set\s+(?:to|for)|due\s+(?:to|on|in|by)|upcoming|next|until|till|as\s+(?:soon|early)\s+as"
    r"|no\s+later\s+than|is\s+to|are\s+to|may|might|must|should|can|deadline|tomorrow|hopes?\s+to"
    r"|postponed|delayed|adjourned|(?:is|are)\s+(?:leaving|meeting|travell?ing|heading|flying|holding))\b",
    re.IGNORECASE,
)
_PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|didn't|wasn't|weren't|ago|last|yesterday|earlier|since"
    r"|(?:has|have)\s+(?:been|\w+ed)|[a-z]{3,}ed)\b",
    re.IGNORECASE,
)
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
_BOUNDARY = re.compile(r"[.!?;:\n]|``|''|\"")


def _clause_window(text: str, start: int, end: int, reach: int = 110) -> tuple[str, str]:
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
    return before, after


def _cues(segment: str) -> list[tuple[int, int, Direction]]:
    found = [(m.start(), m.end(), Direction.future) for m in _FUTURE_CUES.finditer(segment)]
    for m in _PAST_CUES.finditer(segment):
        if m.group(0).lower() in _NOT_PAST:
            continue
        found.append((m.start(), m.end(), Direction.past))
    return found


def tense_direction(text: str, start: int, end: int) -> Direction | None:
    """The direction of the nearest tense cue to text[start:end] in its clause, or None."""
    before, after = _clause_window(text, start, end)
    cues_before = _cues(before)
    if cues_before:
        # Nearest cue before the expression; a planning word overrides a past verb next to it
        # ("postponed until Tuesday" is future, "planned to leave Thursday" is future).
        nearest = max(cues_before, key=lambda cue: (cue[1], cue[2] is Direction.future))
        return nearest[2]
    cues_after = _cues(after)
    if cues_after:
        return min(cues_after, key=lambda cue: cue[0])[2]
    return None
