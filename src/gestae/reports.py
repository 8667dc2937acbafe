"""What `gestae explain` shows: the fate of every trigger in every sentence, and article-level notes."""

from __future__ import annotations

from gestae.dedup.within import Telling
from gestae.extract.candidates import Dropped
from gestae.records import Article, Event, Modality, SentenceReport, TriggerDecision


def kind_of(event: Event) -> str:
    """How an event reads in explanations: its PLOVER type and CAMEO code, a crisis, or a statement."""
    if event.event_type:
        return f"{event.event_type} (CAMEO {event.cameo})"
    if event.crisis_type:
        return f"crisis: {event.crisis_type.replace('_', ' ')}"
    return f"statement (CAMEO {event.cameo})"


def fill_reports(reports: list[SentenceReport], folded: list[Telling], dropped: list[list[Dropped]]) -> None:
    """Record in each sentence report what became of its triggers: coded, merged into an event, or dropped."""
    # Every telling's trigger start -> the event it ended up in, for triggers merged before grounding.
    event_at = {m.trigger.start: t.event.event_id for t in folded for m in t.event.mentions}
    for telling in folded:
        e = telling.event
        what = f"{kind_of(e)}, {e.modality.value}" + (f" [cue: {e.modality_cue}]" if e.modality_cue else "")
        who = f"; actor {e.actor.name or e.actor.text}" if e.actor else "; no actor found"
        reports[e.sentence.index].triggers.append(TriggerDecision(
            text=e.trigger.text, start=e.trigger.start, end=e.trigger.end, lemma=e.trigger.lemma,
            outcome="coded", reason=what + who, event_id=e.event_id))
        for other in telling.merged_from:
            reports[other.sentence.index].triggers.append(TriggerDecision(
                text=other.trigger.text, start=other.trigger.start, end=other.trigger.end, lemma=other.trigger.lemma,
                outcome="merged", reason=f"another mention of the event '{e.trigger.text}' (sentence {e.sentence.index})",
                event_id=e.event_id))
    for report, drops in zip(reports, dropped):
        for d in drops:
            report.triggers.append(TriggerDecision(text=d.token.doc.text[d.token.idx:d.end], start=d.token.idx, end=d.end,
                                                   lemma=d.lemma, outcome=d.outcome, reason=d.reason,
                                                   event_id=event_at.get(d.host_start) if d.host_start is not None else None))
        report.triggers.sort(key=lambda t: t.start)

def article_notes(article: Article, events: list[Event], reports: list[SentenceReport]) -> list[str]:
    """Why an article gave no event, or only unasserted ones, or why its dates stay unknown."""
    notes = []
    if article.date is None:
        notes.append("publication date unknown: relative dates ('on Wednesday', 'last week') cannot be resolved and are left unknown")
    if not article.text.strip():
        notes.append("the article has no text")
    elif not events:
        tried = sum(len(r.triggers) for r in reports)
        if tried == 0:
            notes.append("no event: no sentence contains a trigger word of the lexicon (no verb or noun of attack, protest, talks, aid, ...)")
        else:
            notes.append(f"no event: {tried} candidate trigger(s) were found and all were dropped; see the sentences for why")
    asserted = sum(1 for e in events if e.modality is Modality.asserted)
    if events and not asserted:
        notes.append("every event is planned, hypothetical or negated: nothing here is reported as having happened")
    return notes
