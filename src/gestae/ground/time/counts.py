"""Reading the counts in time expressions: "three", "twenty-five", "5 1/2", "a couple of", "several"."""

from __future__ import annotations

import re

from gestae.ground.time.lexicon import NUMBER_WORDS, ORDINAL_WORDS, VAGUE_QUANTITIES

_SPACES = re.compile(r"[\s-]+")
_HALF = re.compile(r"(?:\s+1/2|\s*½|\s+and\s+a\s+half)$", re.IGNORECASE)


def parse_count(text: str) -> float | None:
    """The number a count phrase names; None for vague counts ("several", "a few") or unknown words."""
    words = _SPACES.sub(" ", text.strip().lower())
    half = 0.0
    if match := _HALF.search(words):
        half = 0.5
        words = words[: match.start()].strip()
    if words in VAGUE_QUANTITIES:
        return None
    try:
        return float(words) + half
    except ValueError:
        pass
    if words in NUMBER_WORDS:
        return NUMBER_WORDS[words] + half
    parts = words.split(" ")
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        tens, ones = NUMBER_WORDS[parts[0]], NUMBER_WORDS[parts[1]]
        if tens % 10 == 0 and tens >= 20 and ones < 10:
            return tens + ones + half
    return None


def parse_ordinal(text: str) -> int | None:
    """1 for "first" or "1st"; None when the word is not an ordinal."""
    word = text.strip().lower()
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS[word]
    digits = re.match(r"(\d+)(?:st|nd|rd|th)$", word)
    return int(digits.group(1)) if digits else None
