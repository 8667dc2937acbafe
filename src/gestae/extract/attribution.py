"""Who says so: the source a sentence attributes its report to ("X said, according to Y")."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from gestae.extract.modality import REPORTING
from gestae.extract.syntax import phrase


@dataclass(frozen=True)
class SourceClaim:
    """The reporting clause of a sentence: the speaker, and the outlet it came through."""

    verb: Token | None
    speaker: Span | None
    via: Span | None

    @property
    def text(self) -> str:
        doc_spans = [s for s in (self.speaker, self.via) if s is not None]
        if self.verb is not None:
            doc_spans.append(self.verb.doc[self.verb.i:self.verb.i + 1])
        start = min(s.start_char for s in doc_spans)
        end = max(s.end_char for s in doc_spans)
        return doc_spans[0].doc.text[start:end]


def _according_to(sent: Span) -> Span | None:
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and token.nbor().lower_ == "to":
            objects = [c for c in token.nbor().children if c.dep_ == "pobj"]
            if objects:
                return phrase(objects[0])
    return None


def source_claim(sent: Span) -> SourceClaim | None:
    """The sentence's reporting clause, if it has one."""
    via = _according_to(sent)
    for token in sent:
        if token.pos_ != "VERB" or token.lemma_.lower() not in REPORTING:
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or subjects[0].pos_ == "PRON" and subjects[0].lower_ in ("it",):
            continue
        speaker = phrase(subjects[0])
        # "RIA cited the defense ministry as saying": the ministry speaks, through RIA.
        if token.lemma_.lower() in ("cite", "quote"):
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if objects:
                return SourceClaim(token, phrase(objects[0]), speaker)
        return SourceClaim(token, speaker, via)
    if via is not None:
        return SourceClaim(None, via, None)
    return None


def claims_event(claim: SourceClaim, trigger: Token) -> bool:
    """True unless the trigger is inside the speaker's own name (the speaker is not the event)."""
    return claim.speaker is None or not (claim.speaker.start <= trigger.i < claim.speaker.end)
