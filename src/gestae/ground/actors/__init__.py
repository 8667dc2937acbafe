"""Actor grounding: who acts, resolved to a canonical name, ISO country, PLOVER sector and Wikidata id.

    kb = ActorKB.load()                       # resource files read once per process
    resolver = ActorResolver(kb)
    resolver.resolve(span, on=date)           # a spaCy noun phrase -> gestae.records.Actor | None
    resolver.resolve_text("Turkish troops")   # a plain string
    entity_patterns(kb)                       # EntityRuler patterns for names the small model misses
"""

from .kb import ActorKB
from .patterns import entity_patterns
from .resolver import ActorResolver

__all__ = ["ActorKB", "ActorResolver", "entity_patterns"]
