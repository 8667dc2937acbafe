"""spaCy EntityRuler patterns for actor names the small English model misses or mislabels.

en_core_web_sm does not know "HTS" and reads "Tahrir al-Sham" as a person; a ruler placed before
the "ner" component with these patterns (and `overwrite_ents`) fixes such names:

    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(entity_patterns())
"""

from __future__ import annotations

import unicodedata

import spacy

from .kb import ActorKB

_PLAIN_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O"})
# Titles written into some aliases ("King Salman"); PERSON entities should hold the name alone.
_TITLES = frozenset({
    "president", "king", "queen", "crown", "prince", "sheikh", "emir", "sultan", "field", "general", "captain",
    "colonel", "ayatollah", "secretary-general", "premier", "senior", "mullah", "sayyed", "sir", "lord", "daw",
})
# Ethnic and sectarian communities named as actors in conflict news.
_COMMUNITIES = (
    "Kurdish", "Kurds", "Kurd", "Rohingya", "Tuareg", "Tuaregs", "Yazidi", "Yazidis", "Alawite", "Alawites",
    "Druze", "Sunni", "Sunnis", "Shia", "Shias", "Shiite", "Shiites", "Pashtun", "Pashtuns", "Baloch", "Hazara",
    "Hazaras", "Uyghur", "Uyghurs", "Uighur", "Uighurs", "Tigrayan", "Tigrayans", "Amhara", "Oromo", "Fulani",
    "Tamil", "Tamils", "Sahrawi", "Arab", "Arabs", "Bedouin", "Chechen", "Chechens", "Copts", "Coptic",
)


def entity_patterns(kb: ActorKB | None = None) -> list[dict]:
    """Token patterns: ORG for groups, IGOs and media; PERSON for office holders; NORP for communities."""
    kb = kb or ActorKB.load()
    tokenizer = spacy.blank("en").tokenizer
    patterns: list[dict] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()

    def add(label: str, text: str, entity_id: str) -> None:
        words = tuple(t.text for t in tokenizer(text))
        if not words or (label, words) in seen:
            return
        seen.add((label, words))
        patterns.append({"label": label, "pattern": [{"ORTH": w} for w in words], "id": entity_id})

    for alias in kb.index:
        if alias.kind == "organisation" and alias.strength == 2:
            if _too_generic(alias.text):
                continue
            for form in _spellings(alias.text):
                add("ORG", form, alias.target.name)  # type: ignore[union-attr]
        elif alias.kind == "person" and alias.strength == 2 and len(alias.text.split()) >= 2 \
                and alias.text.split()[0].lower() not in _TITLES:
            for form in _spellings(alias.text):
                add("PERSON", form, alias.target.name)  # type: ignore[union-attr]
    for community in _COMMUNITIES:
        add("NORP", community, community)
    return patterns


def _too_generic(text: str) -> bool:
    """Aliases that are ordinary phrases out of context ("the Fund", "Brussels", "Amal")."""
    words = text.split()
    return words[0].lower() == "the" and len(words) <= 2 or text in {"Brussels", "Brotherhood", "Memorial", "Kan"} or (
        len(words) == 1 and text[:1].isupper() and text[1:].islower() and len(text) <= 4
    )


def _spellings(text: str) -> list[str]:
    """The alias as written, without accents, and with a capital first letter ("al-Qaeda", "Al-Qaeda")."""
    forms = [text]
    forms.append(_strip_accents(text))
    for form in list(forms):
        if form[:1].islower():
            forms.append(form[:1].upper() + form[1:])
    return list(dict.fromkeys(forms))


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
