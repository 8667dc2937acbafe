"""Rendering an ArticleResult for people: sentence by sentence, with the fate of every trigger."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from gestae.records import ArticleResult, Event

OUTCOME_STYLE = {"coded": "green", "merged": "cyan", "dropped": "yellow"}


def _event_line(e: Event) -> str:
    who = e.actor.name or e.actor.text if e.actor else "?"
    whom = (e.recipient.name or e.recipient.text) if e.recipient else "-"
    where = f"{e.location.name} ({e.location.precision.value}{', inherited' if e.location.inherited else ''})" if e.location else "-"
    when = f"{e.date.value} ({e.date.precision.value})" if e.date.value else "unknown"
    kind = f"{e.event_type}/{e.cameo}" if e.event_type else (e.crisis_type or f"statement/{e.cameo}")
    return (f"{kind} {e.modality.value}: {escape(who)} -> {escape(whom)} at {escape(where)} on {when}"
            f"; ACLED {e.acled_sub_event_type or '-'}; {len(e.mentions)} mention(s); confidence {e.confidence}")


def render(result: ArticleResult, console: Console | None = None) -> None:
    console = console or Console()
    article = result.article
    console.rule(f"[bold]{escape(article.id)}[/] published {article.date or 'unknown'}")
    for note in result.notes:
        console.print(f"[magenta]note:[/] {escape(note)}")
    events = {e.event_id: e for e in result.events}
    for sentence in result.sentences:
        console.print(f"\n[bold]#{sentence.index}[/] {escape(sentence.text)}")
        if sentence.entities:
            console.print(f"   names: {escape(', '.join(sentence.entities))}", style="dim")
        if not sentence.triggers:
            console.print("   no trigger word: nothing to code here", style="dim")
        for t in sentence.triggers:
            style = OUTCOME_STYLE[t.outcome]
            console.print(f"   [{style}]{t.outcome}[/] '{escape(t.text)}': {escape(t.reason)}")
            if t.outcome == "coded" and t.event_id in events:
                console.print(f"      {_event_line(events[t.event_id])}")
    console.print(f"\n[bold]{len(result.events)} event(s)[/], "
                  f"{sum(1 for e in result.events if e.modality.value == 'asserted')} asserted")
