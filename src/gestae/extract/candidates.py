"""From a parsed sentence to candidate events: triggers joined with their carrier verbs, roles and modality.

A candidate is still syntax (spaCy tokens). Grounding turns its tokens into actors, places and dates,
and `gestae.dedup.within` folds candidates that tell the same event.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from gestae.extract.evaluation_verbs import judgement_matches
from gestae.extract.lexicon import Lexicon
from gestae.extract.modality import REPORTING, modality_of
from gestae.extract.roles import Roles, complete_recipient, noun_roles, verb_roles
from gestae.extract.triggers import TriggerMatch, find_triggers
from gestae.records import Modality

# Verbs that carry an event noun without adding meaning: "carried out a strike", "launched patrols".
LIGHT_VERBS = {
    "carry", "launch", "conduct", "stage", "mount", "hold", "wage", "begin", "start", "continue", "resume",
    "step", "intensify", "unleash", "perform", "undertake", "organize", "organise", "lead", "make", "go",
    "announce", "declare", "reach", "escalate", "renew", "execute", "order", "plan", "use", "prepare",
}
# Verbs of going somewhere for an event: 'negotiators return to Geneva for talks' -> the negotiators talk.
MOTION_VERBS = {"return", "travel", "arrive", "come", "go", "head", "fly", "gather", "convene", "sit", "assemble"}
# Abstract heads an event noun may modify: 'launched a mediation effort' is launching mediation.
EVENT_HOLDERS = {"effort", "process", "initiative", "mission", "campaign", "bid", "drive", "round", "session"}
# Lexicon verbs that also only carry their object when it is an event noun: "impose sanctions".
CARRIER_VERBS = {"impose", "provide", "send", "deliver", "supply", "offer", "sign", "broker", "agree", "commit", "perpetrate"}
# Verbs that tell the toll of an attack rather than a second attack.
CONSEQUENCES = {"kill", "wound", "injure", "leave", "hurt", "destroy", "damage"}
DISCOVERED_WEAPONS = {"bomb", "explosive", "device", "ied", "mine", "landmine", "cache", "stash", "weapon", "arm",
                      "ammunition", "rocket", "grenade", "projectile", "detonator", "munition", "missile"}
# Generic lexicon verbs that code an event only with a fitting object.
OBJECT_GATED = {
    "provide": {"aid", "assistance", "food", "medicine", "supply", "weapon", "arm", "fund", "loan", "support", "shelter", "equipment", "ammunition", "training", "money", "troop", "relief", "intelligence", "information", "photograph"},
    "send": {"aid", "assistance", "troop", "soldier", "force", "weapon", "arm", "food", "medicine", "supply", "warship", "jet", "reinforcement", "relief"},
    "deliver": {"aid", "assistance", "food", "medicine", "supply", "weapon", "arm", "relief", "fuel"},
    "supply": {"weapon", "arm", "aid", "food", "ammunition", "missile", "equipment", "fuel"},
    "mass": {"troop", "force", "soldier", "tank"},
    "train": {"troop", "force", "soldier", "police", "fighter", "army", "officer", "pilot", "rebel"},
    "impose": {"curfew", "sanction", "ban", "embargo", "restriction", "blockade", "tariff", "fine", "lockdown"},

    "fire": {"rocket", "missile", "shell", "mortar", "shot", "bullet", "gun", "round", "grenade", "gas", "weapon"},
    "hit": {"rocket", "missile", "shell", "mortar", "airstrike", "strike", "bomb", "drone", "shelling", "attack", "blast", "explosion", "bullet", "raid"},
    "back": {"plan", "proposal", "bid", "candidate", "call", "resolution", "effort", "move", "government", "president", "deal", "initiative", "agreement"},
    "meet": set(),
    "share": {"intelligence", "information", "expertise", "data", "technology", "experience", "know-how", "evidence"},
    "cut": {"aid", "tie", "relation", "funding", "assistance", "trade", "supply", "export", "import", "flight", "cooperation", "contact", "link"},
    "cancel": {"visit", "talk", "meeting", "summit", "trip", "deal", "agreement", "contract", "election", "exercise", "flight", "visa"},
    "halt": {"aid", "assistance", "funding", "trade", "talk", "negotiation", "cooperation", "export", "import", "supply", "delivery", "flight", "deportation"},
    "seek": {"asylum", "help", "aid", "assistance", "talk", "support", "ceasefire", "truce", "release", "extradition", "dialogue", "negotiation", "meeting"},
    "close": {"border", "embassy", "consulate", "crossing", "airspace", "office", "school", "road", "port", "mosque", "church", "checkpoint", "frontier", "camp", "newspaper", "station"},
    "grant": {"access", "permission", "amnesty", "visa", "autonomy", "pardon", "asylum", "citizenship", "independence", "immunity", "license", "concession", "right"},
    "permit": {"access", "entry", "inspector", "inspection", "flight", "visit", "aid", "return"},
    "distribute": {"aid", "food", "supply", "medicine", "tent", "blanket", "ration", "relief", "water", "kit", "vaccine", "seed"},
    "strengthen": {"force", "troop", "presence", "defense", "defence", "army", "garrison", "position", "deployment"},
    "find": DISCOVERED_WEAPONS,
    "recover": DISCOVERED_WEAPONS,
    "discover": DISCOVERED_WEAPONS,
    "uncover": DISCOVERED_WEAPONS,
    "contribute": {"troop", "soldier", "force", "fund", "money", "aid", "assistance", "peacekeeper", "peace-keeping", "personnel"},
}
# For gated verbs, the lemma must appear as object, subject or instrument; "meet" only needs a person-like object.
UNGATED_MEET_OBJECTS = {"demand", "target", "goal", "requirement", "deadline", "criterion", "need", "expectation", "standard", "end"}


@dataclass
class Candidate:
    """One possible event in one sentence, before grounding."""

    sent_index: int
    sent: Span
    match: TriggerMatch
    anchor: Token
    roles: Roles
    modality: Modality
    modality_cue: Token | None
    lemmas: set[str] = field(default_factory=set)

    @property
    def head(self) -> Token:
        return self.match.head

    @property
    def definite(self) -> bool:
        """'The strike', 'the raid': a noun that points back to an event already told."""
        pointing = ("the", "this", "that", "these", "those", "its", "their")
        if any(c.dep_ in ("det", "poss") and c.lower_ in pointing for c in self.head.children):
            return True
        # The parser sometimes hangs "The" elsewhere ("The shelling hit ..."); the word order still tells.
        start = self.match.start
        return start > self.sent.start and self.head.doc[start - 1].lower_ in pointing


@dataclass(frozen=True)
class Dropped:
    token: Token
    end: int
    lemma: str
    outcome: str  # "dropped" or "merged"
    reason: str
    host_start: int | None = None  # for "merged": where the trigger of the event it joined starts


def _object_lemmas(verb: Token) -> set[str]:
    lemmas = set()
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "dative"):
            lemmas.add(child.lemma_.lower())
            lemmas.update(c.lemma_.lower() for c in child.children if c.dep_ in ("compound", "conj", "amod"))
        if child.dep_ in ("prep", "agent"):
            lemmas.update(g.lemma_.lower() for g in child.children if g.dep_ == "pobj")
    return lemmas


# Verbs that are an event only when their object is someone: 'called his counterpart', not 'called it a lie'.
PERSON_GATED = {"call"}
COUNTERPARTS = {"counterpart", "president", "minister", "leader", "king", "chancellor", "premier", "envoy", "ambassador",
                "secretary", "official", "prince", "emir", "sultan", "head", "chief"}
# Generic lexicon verbs that code an event unless their object says otherwise ('released a statement').
OBJECT_EXCLUDED = {
    "release": {"statement", "report", "video", "footage", "data", "figure", "album", "film", "record", "document",
                "list", "detail", "image", "photo", "photograph", "result", "version", "book", "song", "plan", "budget",
                "audio", "recording", "communique", "transcript", "information", "finding", "toll", "name",
                "cloud", "gas", "smoke", "chemical", "toxin", "fume", "water", "radiation", "emission"},
}


def _gate(match: TriggerMatch) -> str | None:
    """Reason to drop a generic verb whose object does not make it an event, else None."""
    head = match.head
    adjectival = head.dep_ == "amod" and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in head.children)
    if head.pos_ == "VERB" and adjectival and len(match.entry.words) == 1:
        return f"'{head.text}' describes a noun here ('{head.head.text}'), it tells no event"
    if head.pos_ != "VERB" and head.dep_ == "pobj" and head.head.lower_ == "at" and head.head.head.lemma_.lower() in REPORTING:
        return f"'{head.text}' is where something was said, not an event told here"
    lemma = match.head.lemma_.lower()
    if match.entry.words == (lemma,) and lemma in OBJECT_EXCLUDED and match.head.pos_ == "VERB":
        unwanted = _object_lemmas(match.head) & OBJECT_EXCLUDED[lemma]
        return f"'{match.head.text}' a {', '.join(sorted(unwanted))}, not people or property" if unwanted else None
    if match.entry.words == (lemma,) and lemma in PERSON_GATED and match.head.pos_ == "VERB":
        objects = [c for c in match.head.children if c.dep_ == "dobj"]
        if any(o.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or o.lemma_.lower() in COUNTERPARTS for o in objects):
            return None
        return f"'{match.head.text}' here does not name someone called"
    if match.entry.words != (lemma,) or lemma not in OBJECT_GATED or match.head.pos_ != "VERB":
        return None
    objects = _object_lemmas(match.head)
    if lemma == "meet":
        return "'meet' a goal, not a person" if objects & UNGATED_MEET_OBJECTS else None
    if objects & OBJECT_GATED[lemma]:
        return None
    return f"'{match.head.text}' here has no object that makes it an event ({', '.join(sorted(objects)) or 'none'})"


def _carrier(noun: Token) -> Token | None:
    """The light or carrier verb an event noun is the object of ('carried out a strike' -> carried)."""
    for child in noun.children:
        # 'patrols carried out by Turkey': the carrier modifies the noun.
        if child.dep_ == "acl" and child.lemma_.lower() in LIGHT_VERBS:
            return child
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in EVENT_HOLDERS:
        noun = noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ in ("for", "to") and noun.head.head.lemma_.lower() in MOTION_VERBS:
        return noun.head.head
    # 'provide 25,000 tons of food aid': the verb's object is the quantity, the event is what it measures.
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "NUM") and noun.head.head.dep_ in ("dobj", "nsubjpass"):
        noun = noun.head.head
    if noun.dep_ in ("dobj", "nsubjpass", "obj", "attr", "pobj") and noun.head.pos_ in ("VERB", "AUX"):
        verb = noun.head if noun.dep_ != "pobj" else noun.head.head
        if noun.dep_ == "pobj" and not (noun.head.lower_ in ("in", "on", "to") and verb.pos_ == "VERB" and verb.lemma_.lower() in LIGHT_VERBS | {"go"}):
            return None
        if verb.lemma_.lower() in LIGHT_VERBS | CARRIER_VERBS:
            return verb
    return None


def sentence_candidates(sent: Span, sent_index: int, lexicon: Lexicon) -> tuple[list[Candidate], list[Dropped]]:
    """Candidate events of one sentence, and what was dropped or merged on the way, with reasons."""
    matches, misses = find_triggers(sent, lexicon)
    taken = {m.head.i for m in matches}
    matches += [m for m in judgement_matches(sent) if m.head.i not in taken]
    dropped = [Dropped(tok, tok.idx + len(tok.text), tok.lemma_.lower(), "dropped", reason) for tok, reason in misses]
    kept: list[TriggerMatch] = []
    for match in matches:
        reason = _gate(match)
        if reason:
            dropped.append(_drop(match, "dropped", reason))
        else:
            kept.append(match)
    by_head = {m.head.i: m for m in kept}
    absorbed: dict[int, TriggerMatch] = {}  # head index -> the match that absorbs it
    for match in kept:
        head = match.head
        if head.pos_ != "VERB":
            continue
        for child in head.children:
            other = by_head.get(child.i)
            if other is None or other is match:
                continue
            if child.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() not in CARRIER_VERBS:
                absorbed[child.i] = match  # 'brokered a cease-fire': the verb tells the event
            elif child.dep_ in ("dobj", "nsubjpass"):
                absorbed[head.i] = other  # 'imposed sanctions': the noun tells the event
            elif child.dep_ == "nsubj" and other.head.pos_ in ("NOUN", "PROPN"):
                absorbed[head.i] = other  # 'the strike targeted X': the verb is more of the strike
            elif child.dep_ in ("advcl", "conj", "xcomp") and child.lemma_.lower() in CONSEQUENCES and match.entry.plover == "ASSAULT":
                # 'shelled the district, killing four and wounding 19': one event and its toll.
                for toll in (child, *child.conjuncts):
                    if toll.i in by_head and toll.lemma_.lower() in CONSEQUENCES:
                        absorbed.setdefault(toll.i, match)
    candidates: dict[int, Candidate] = {}
    for match in kept:
        if match.head.i in absorbed:
            continue
        candidates[match.head.i] = build_candidate(match, sent, sent_index)
    for head_i, host_match in absorbed.items():
        seen = {head_i}
        while host_match.head.i in absorbed and host_match.head.i not in seen:  # absorbed into an absorbed one
            seen.add(host_match.head.i)
            host_match = absorbed[host_match.head.i]
        host = candidates.get(host_match.head.i)
        match = by_head[head_i]
        if host is None:
            candidates[head_i] = build_candidate(match, sent, sent_index)
            continue
        host.lemmas.add(match.head.lemma_.lower())
        if host.roles.recipient is None and match.head.pos_ == "VERB":
            extra = verb_roles(match.head, host.match.entry.plover)
            if extra.recipient is not None and extra.recipient.i != host.head.i:
                host.roles.recipient, host.roles.recipient_source = extra.recipient, f"object of '{match.head.text}'"
        dropped.append(_drop(match, "merged", f"same event as '{host.head.text}' in this sentence", host.match.span.start_char))
    return sorted(candidates.values(), key=lambda c: c.head.i), dropped


def _drop(match: TriggerMatch, outcome: str, reason: str, host_start: int | None = None) -> Dropped:
    span = match.span
    return Dropped(span[0], span.end_char, match.head.lemma_.lower(), outcome, reason, host_start)


def build_candidate(match: TriggerMatch, sent: Span, sent_index: int) -> Candidate:
    head = match.head
    plover = match.entry.plover
    if head.pos_ == "VERB":
        anchor, roles = head, verb_roles(head, plover)
    else:
        carrier = _carrier(head)
        own = noun_roles(head, plover)
        if carrier is not None:
            anchor, roles = carrier, verb_roles(carrier, plover)
            if roles.recipient is not None and roles.recipient.i == head.i:
                roles.recipient = None
            if own.actor is not None and (roles.actor is None or own.actor_source == "by-phrase"):
                roles.actor, roles.actor_source = own.actor, own.actor_source
            if own.recipient is not None:
                roles.recipient, roles.recipient_source = own.recipient, own.recipient_source
            complete_recipient(carrier, plover, roles)
        else:
            anchor, roles = head, own
    if roles.recipient is not None and match.start <= roles.recipient.i < match.end:
        # 'opened fire on a bus': the phrase's own noun is no recipient; its 'on' phrase is.
        roles.recipient = None
        complete_recipient(anchor, plover, roles)
    modality, cue = modality_of(anchor)
    if modality is Modality.asserted and anchor.i != head.i:
        modality, cue = modality_of(head) if head.dep_ not in ("dobj", "nsubjpass") else (modality, cue)
    return Candidate(sent_index, sent, match, anchor, roles, modality, cue, {head.lemma_.lower()})
