"""Fatalities and injuries stated in a sentence ("killing 8 people and wounding about 20")."""

from __future__ import annotations

from spacy.tokens import Span, Token

KILLED = {"kill", "die", "dead", "death", "fatality", "body", "slay", "massacre", "execute", "behead"}
INJURED = {"wound", "injure", "hurt", "injury", "casualty", "wounded", "injured"}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24,
    "hundreds": 200, "thousands": 2000, "a": 1, "an": 1,
}


def _number(token: Token) -> int | None:
    text = token.text.replace(",", "")
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(token.lower_)


def _count_near(word: Token) -> int | None:
    """A number that counts the people `word` speaks of: '8 people', 'at least 22 were killed'."""
    candidates: list[Token] = []
    for child in word.children:
        candidates.append(child)
        candidates.extend(c for c in child.children)
    if word.dep_ in ("amod", "acl", "relcl") or word.pos_ in ("ADJ", "NOUN"):
        candidates.extend(word.head.children)
        candidates.append(word.head)
    for tok in candidates:
        if tok.dep_ in ("nummod", "nsubj", "nsubjpass", "dobj", "attr", "npadvmod", "quantmod") or tok.like_num:
            value = _number(tok)
            if value is None:
                nums = [c for c in tok.children if c.dep_ == "nummod"]
                value = _number(nums[0]) if nums else None
            if value is not None and value < 100000:
                return value
    return None


def casualties(sent: Span) -> tuple[int | None, int | None]:
    """(fatalities, injured) stated in the sentence, None where it states none."""
    killed = injured = None
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma in KILLED or token.lower_ in KILLED:
            count = _count_near(token)
            if count is not None:
                killed = max(killed or 0, count)
        elif lemma in INJURED or token.lower_ in INJURED:
            count = _count_near(token)
            if count is not None:
                injured = max(injured or 0, count)
    return killed, injured
