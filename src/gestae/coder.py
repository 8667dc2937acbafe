"""Coding one parsed article: candidates -> grounded events -> folded mentions, with a report per sentence."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from gestae.dedup.within import Telling, fold_mentions
from gestae.extract.attribution import claims_event, source_claim
from gestae.extract.candidates import Candidate, Dropped, build_candidate, sentence_candidates
from gestae.extract.intent import demanding_speaker, intent_coding, intent_span
from gestae.extract.lexicon import TriggerEntry, quad_class
from gestae.extract.triggers import TriggerMatch
from gestae.extract.crises import DISASTERS, SentenceCrises, crisis_of_violence, sentence_crises
from gestae.extract.refine import Coding
from gestae.extract.casualties import casualties
from gestae.extract.coding import claims_responsibility, code, coding_context
from gestae.extract.modality import REPORTING
from gestae.extract.syntax import path_to_root, phrase
from gestae.ground import attach
from gestae.reports import article_notes, fill_reports
from gestae.records import (
    Actor, Article, ArticleResult, Attribution, Event, EventDate, Location, Mention, Modality, SentenceRef,
    SentenceReport, Trigger,
)

if TYPE_CHECKING:
    from gestae.pipeline import Pipeline

PERSON_PRONOUNS = {"he", "she", "him", "her"}
STATEMENT = "STATEMENT"
# Entities that are never who acts or is acted on.
UNCODABLE_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
SAY = TriggerEntry(("say",), verb=True, noun=False, plover=STATEMENT, mode="statement", cameo="010", acled_sub=None, context=None)
VIOLENT_TYPES = {"ASSAULT", "COERCE"}
# Acts that answer a disaster rather than make politics: aid, evacuation, rescue.
RESPONSE_TYPES = {"AID"}
# Verbs too general to trust alone: they lower an event's confidence.
GENERIC_TRIGGERS = {"provide", "send", "hit", "push", "ease", "allow", "back", "support", "ask", "offer", "target", "mass", "press", "destroy", "burn"}


def clause_depth(anchor: Token) -> int:
    """How deep the event sits below the sentence's main clause; verbs of saying do not count."""
    depth = 0
    for ancestor, dep in path_to_root(anchor):
        if ancestor.lemma_.lower() in REPORTING and dep in ("ccomp", "parataxis", "dobj"):
            break
        if dep not in ("conj", "aux", "xcomp") or ancestor.pos_ != "VERB":
            depth += 1
    return depth


def _names_someone(span: Span | None) -> bool:
    return span is not None and any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in span)


def event_id(article_id: str, start: int, end: int) -> str:
    return hashlib.sha1(f"{article_id}\x1f{start}\x1f{end}".encode()).hexdigest()[:16]


class ArticleCoder:
    """Holds what one article's coding needs across sentences (narrative time, last person named)."""

    def __init__(self, pipeline: Pipeline, article: Article, doc: Doc) -> None:
        self.p = pipeline
        self.article = article
        self.doc = doc
        self.timexes = pipeline.timex.tag(article.text, article.date)
        self.places = pipeline.geoparser.geoparse(doc)
        self.focus = attach.focus_place(self.places)
        self.narrative: EventDate | None = None
        self.last_person: Actor | None = None
        self.actor_by_head: dict[int, Actor] = {}
        self._context_country: str | None | bool = False  # computed on first need

    # -- actors ---------------------------------------------------------------------------------
    def resolve(self, token: Token | None, on) -> tuple[Actor | None, Span | None]:
        if token is None:
            return None, None
        if token.lower_ in PERSON_PRONOUNS:
            if self.last_person is None:
                return None, None
            span = self.doc[token.i:token.i + 1]
            return self.last_person.model_copy(update={"text": token.text, "start": token.idx, "end": token.idx + len(token.text)}), span
        if token.i in self.actor_by_head:  # 'the strike coordinated with Turkey': the strike's actor
            return self.actor_by_head[token.i], None
        span = phrase(token)
        actor = self.p.actors.resolve(span, on)
        possessors = [c for c in token.children if c.dep_ == "poss"]
        if possessors and (actor is None or not self.p.actors.is_agent(span)):
            # 'HTS's weapons store': the store belongs to the actor we want.
            owner_span = phrase(possessors[0])
            owner = self.p.actors.resolve(owner_span, on)
            if owner is not None:
                return owner, owner_span
        if actor is not None and actor.sector is None and token.i > span.start and not self.p.actors.is_agent(span):
            # 'a Malian army convoy': the convoy is a thing; its modifiers name who it belongs to.
            owner_span = self.doc[span.start:token.i]
            owner = self.p.actors.resolve(owner_span, on)
            if owner is not None and owner.sector is not None:
                return owner, owner_span
        if actor is None and token.pos_ in ("NOUN", "PROPN") and token.ent_type_ not in UNCODABLE_ENTS:
            # Named in words but not in the knowledge base: keep the words, codes unknown.
            return Actor(text=span.text, start=span.start_char, end=span.end_char), span
        if actor is not None and actor.sector is None and actor.country is None and actor.name is None:
            return (actor if actor.text else None), span
        if actor is not None and actor.name and actor.sector in ("GOV", "MIL", "REB", "OPP", "JUD", "LEG") and token.ent_type_ == "PERSON":
            self.last_person = actor
        return actor, span

    def context_country(self) -> str | None:
        """The country the article is about: the most named among its places and its actors' names."""
        if self._context_country is False:
            counts: Counter[str] = Counter(p.country for p in self.places if p.country)
            for ent in self.doc.ents:
                if ent.label_ in ("NORP", "GPE"):
                    actor = self.p.actors.resolve(ent, self.article.date)
                    if actor is not None and actor.country and actor.country != "IGO":
                        counts[actor.country] += 1
            self._context_country = counts.most_common(1)[0][0] if counts else None
        return self._context_country

    def with_country(self, actor: Actor | None, location: Location | None) -> Actor | None:
        """'President Dos Santos' with no country in the knowledge base: the country the event happens
        in, else the one the article is about, is the best guess, as coders of the field do."""
        if actor is None or actor.country is not None or actor.sector in (None, "IGO", "NGO"):
            return actor
        country = location.country if location is not None and not location.inherited and location.country else self.context_country()
        return actor.model_copy(update={"country": country}) if country else actor

    # -- one candidate ------------------------------------------------------------------------
    def grounded(self, cand: Candidate, sent_ref: SentenceRef, crises: SentenceCrises, others: list[tuple[int, int]]) -> Telling:
        on = self.article.date
        actor, actor_span = self.resolve(cand.roles.actor, on)
        recipient, recipient_span = self.resolve(cand.roles.recipient, on)
        if recipient is not None and actor is not None and recipient == actor:
            recipient, recipient_span = None, None
        entry = cand.match.entry
        if entry.crisis:
            coding, quad, goldstein, acled_type = Coding(None, None, None, None, None, "crisis word"), None, None, None
            crisis = entry.crisis
        elif entry.plover == STATEMENT:  # PLOVER has no statements; CAMEO's 01x keeps them
            coding = Coding(None, entry.mode or "statement", entry.cameo, None, None, "statement")
            quad, goldstein, acled_type, crisis = quad_class(entry.cameo), self.p.lexicon.goldstein_of(entry.cameo), None, None
        else:
            ctx = coding_context(cand, actor_span, recipient_span, actor, recipient)
            coding, quad, goldstein, acled_type = code(cand, ctx, self.p.lexicon)
            crisis = None
            if coding.plover in VIOLENT_TYPES:
                crisis = crisis_of_violence(crises, cand.roles.actor, actor is not None and bool(actor.country or actor.name))
                if crisis is not None:  # a disaster's toll, not a political act
                    coding, quad, goldstein, acled_type = Coding(None, None, None, None, None, "disaster"), None, None, None
                elif crises.crime:
                    crisis = "organized_crime"
            elif coding.plover in RESPONSE_TYPES or coding.mode == "investigate":
                # Rescuers airlifting the injured, police investigating a crash: a response to the disaster.
                disasters = crises.of_kind(*DISASTERS)
                crisis = disasters[0].entry.crisis if disasters else None
        claim = source_claim(cand.sent)
        attribution = None
        excluded = [(s.start_char, s.end_char) for s in (actor_span, recipient_span) if s is not None]
        speaker = self.p.actors.resolve(claim.speaker, on) if claim is not None and claim.speaker is not None else None
        if claim is not None and claims_event(claim, cand.head) and (speaker is not None or _names_someone(claim.speaker)):
            attribution = Attribution(
                text=claim.text,
                name=(speaker.name if speaker and speaker.name else claim.speaker.text if claim.speaker else None),
                via=claim.via.text if claim.via is not None else None,
            )
            excluded += [(s.start_char, s.end_char) for s in (claim.speaker, claim.via) if s is not None]
        location, _how = attach.locate(cand.anchor, cand.head, cand.sent, self.places, excluded, self.focus, others)
        actor, recipient = self.with_country(actor, location), self.with_country(recipient, location)
        date = attach.date(cand.anchor, cand.head, cand.sent, self.timexes, self.narrative, self.article.date,
                           verbal=quad in (1, 3) and cand.modality is Modality.asserted)
        if self.narrative is None and date.reason and date.reason.startswith("'") and cand.modality is Modality.asserted:
            self.narrative = date
        toll_counts = coding.plover in VIOLENT_TYPES or crisis in ("natural_disaster", "man_made_disaster")
        killed, hurt = casualties(cand.sent) if toll_counts else (None, None)
        span = cand.match.span
        trigger = Trigger(text=span.text, start=span.start_char, end=span.end_char, lemma=cand.head.lemma_.lower())
        if actor is not None:
            self.actor_by_head[cand.head.i] = actor
        event = Event(
            event_id=event_id(self.article.id, trigger.start, trigger.end),
            article_id=self.article.id,
            sentence=sent_ref,
            trigger=trigger,
            event_type=coding.plover,
            mode=coding.mode,
            context=[coding.context] if coding.context else [],
            cameo=coding.cameo,
            quad_class=quad,
            goldstein=goldstein,
            acled_event_type=acled_type,
            acled_sub_event_type=coding.acled_sub,
            crisis_type=crisis,
            claim_of_responsibility=claims_responsibility(cand.sent),
            actor=actor,
            recipient=recipient,
            location=location,
            date=date,
            modality=cand.modality,
            modality_cue=cand.modality_cue.text if cand.modality_cue is not None else None,
            attribution=attribution,
            fatalities=killed,
            injured=hurt,
            confidence=self.confidence(cand, actor, recipient, coding.rule),
            mentions=[Mention(article_id=self.article.id, sentence=sent_ref, trigger=trigger, sentence_text=cand.sent.text)],
        )
        return Telling(event, set(cand.lemmas), cand.definite)

    def statement(self, sent: Span, index: int) -> list[Candidate]:
        claim = source_claim(sent)
        if claim is None or claim.verb is None or claim.speaker is None:
            return []
        speaker = self.p.actors.resolve(claim.speaker, self.article.date)
        if speaker is None or not (speaker.country or speaker.name) or speaker.sector == "MED":
            return []
        verb = claim.verb
        return [build_candidate(TriggerMatch(verb.i, verb.i + 1, verb, SAY), sent, index)]

    def intents(self, candidates: list[Candidate], told: list[Telling]) -> list[Telling]:
        """The asserted acts of announcing planned events ('X will withdraw' -> X expressed intent)."""
        found = []
        covered = {i for t in told for i in range(t.event.trigger.start, t.event.trigger.end)}
        for cand, telling in zip(candidates, told):
            event = telling.event
            if event.modality is Modality.asserted or cand.modality_cue is None or cand.modality_cue.idx in covered:
                continue
            coding = intent_coding(event.event_type, cand.modality_cue)
            speaker = demanding_speaker(cand.modality_cue, cand.anchor)
            if coding is None and speaker is not None:
                # 'The minister said Libya must hand over the suspects': the minister demands it of Libya.
                demander, _ = self.resolve(speaker, self.article.date)
                if demander is not None:
                    coding = ("REQUEST", "100")
                    event = event.model_copy(update={"actor": demander, "recipient": event.actor})
            if coding is None or event.actor is None:
                continue
            span = intent_span(cand.modality_cue, cand.anchor)
            trigger = Trigger(text=span.text, start=span.start_char, end=span.end_char, lemma=cand.modality_cue.lemma_.lower())
            plover, cameo = coding
            intent = event.model_copy(update={
                "event_id": event_id(self.article.id, trigger.start, trigger.end), "trigger": trigger,
                "event_type": plover, "mode": "intent", "cameo": cameo, "quad_class": quad_class(cameo),
                "goldstein": self.p.lexicon.goldstein_of(cameo), "acled_event_type": None, "acled_sub_event_type": None,
                "modality": Modality.asserted, "modality_cue": None, "fatalities": None, "injured": None,
                "confidence": round(min(0.95, event.confidence + 0.15), 2),
                "mentions": [m.model_copy(update={"trigger": trigger}) for m in event.mentions],
            })
            covered.update(range(trigger.start, trigger.end))
            found.append(Telling(intent, {trigger.lemma, "intent"}, False))
        return found

    @staticmethod
    def confidence(cand: Candidate, actor: Actor | None, recipient: Actor | None, rule: str) -> float:
        """A heuristic 0-1 score: specific triggers in the main clause with grounded actors score high;
        generic verbs, nested clauses and events not said to have happened score low."""
        score = 0.45 + 0.1 - 0.05 * min(clause_depth(cand.anchor), 3)
        score -= 0.1 if cand.modality is not Modality.asserted else 0.0
        score += 0.2 if actor is not None and (actor.country or actor.name) else 0.0
        score += 0.1 if recipient is not None else 0.0
        score += 0.1 if rule != "lexicon" else 0.0
        score += 0.05 if len(cand.match.entry.words) > 1 else 0.0
        score -= 0.2 if cand.head.lemma_.lower() in GENERIC_TRIGGERS else 0.0
        return round(max(0.05, min(score, 0.95)), 2)

    # -- the article ------------------------------------------------------------------------------
    def run(self) -> ArticleResult:
        tellings: list[Telling] = []
        reports: list[SentenceReport] = []
        dropped_by_sentence: list[list[Dropped]] = []
        for index, sent in enumerate(self.doc.sents):
            ref = SentenceRef(index=index, start=sent.start_char, end=sent.end_char)
            candidates, dropped = sentence_candidates(sent, index, self.p.lexicon)
            crises = sentence_crises(sent, self.p.crisis_lexicon)
            if not candidates:  # a sentence about a flood or a robbery, with no political act in it
                candidates = [build_candidate(m, sent, index) for m in crises.standalone()[:1]]
            if not candidates:  # nothing done, only said: a public statement (CAMEO 010) by a known speaker
                candidates = self.statement(sent, index)
            clauses = [attach.clause_ranges(c.anchor, c.head) for c in candidates]
            told = [
                self.grounded(cand, ref, crises, [r for j, ranges in enumerate(clauses) if j != i for r in ranges if r not in clauses[i]])
                for i, cand in enumerate(candidates)
            ]
            tellings.extend(told)
            tellings.extend(self.intents(candidates, told))
            dropped_by_sentence.append(dropped)
            reports.append(SentenceReport(index=index, start=sent.start_char, end=sent.end_char, text=sent.text.strip(),
                                          entities=[f"{e.text} ({e.label_})" for e in sent.ents]))
        folded = fold_mentions(tellings)
        events = [t.event for t in folded if t.event.confidence >= self.p.config.min_confidence]
        fill_reports(reports, folded, dropped_by_sentence)
        notes = article_notes(self.article, events, reports)
        return ArticleResult(article=self.article, events=events, sentences=reports, notes=notes)
