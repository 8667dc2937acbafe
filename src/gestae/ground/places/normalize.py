"""Name normalisation shared by the gazetteer index and its look-ups.

Both sides of a look-up go through `normalize_name`, so the rules only need to be
consistent, not linguistically perfect: they fold away the differences that news
spellings and gazetteer spellings disagree on most often.
"""

from __future__ import annotations

import re
import unicodedata

# Apostrophe-like marks that transliterations use for ayin/hamza ("Dar'a", "Sana’a").
_APOSTROPHES = re.compile(r"[’'`ʻʼʹ‘´]")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_./,()]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "port"}
# Arabic "al" and its sun-letter forms ("ar-Raqqa", "As Suwayda", "Dayr az Zawr").
_ARTICLE = re.compile(r"^(?:a|e)(?:l|d|dh|r|s|sh|t|th|z|n)$")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _is_article(token: str, following: str | None) -> bool:
    """True for "al"/"el" before a word, and for a sun-letter article ("ar" before "r...")."""
    if following is None or not _ARTICLE.match(token):
        return False
    if token == "al":
        return True
    # "ar Raqqa": the article's consonant is assimilated to the next word's first letter.
    return following.startswith(token[1:])


def normalize_name(text: str) -> str:
    """Fold a place name to its look-up key: "Al-Ḥasakah" -> "hasakah", "St. Louis" -> "saint louis"."""
    folded = _APOSTROPHES.sub("", _strip_marks(text).casefold())
    tokens = [t for t in _SEPARATORS.split(folded) if t]
    if tokens and tokens[0] == "the" and len(tokens) > 1:
        tokens = tokens[1:]
    kept: list[str] = []
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if _is_article(token, following):
            continue
        kept.append(_ABBREVIATIONS.get(token, token))
    return " ".join(_join_initials(kept))


def _join_initials(tokens: list[str]) -> list[str]:
    """Glue runs of single letters back together, so "U.S." and "US" share a key."""
    joined: list[str] = []
    run = ""
    for token in tokens:
        if len(token) == 1 and token.isalpha():
            run += token
            continue
        if run:
            joined.append(run)
            run = ""
        joined.append(token)
    if run:
        joined.append(run)
    return joined


def is_indexable(key: str) -> bool:
    """Keys worth indexing: Latin-script names of at least two characters."""
    return len(key) >= 2 and key.isascii() and any(ch.isalpha() for ch in key)
