"""Who acts and who is acted on: actor and recipient heads from the dependency parse."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from gestae.extract.modality import REPORTING
from gestae.extract.syntax import (
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    children,
    conjuncts,
    is_passive,
    prep_objects,
)

# Prepositions that introduce the target of an action ("strike on", "protest against").
TARGET_PREPS = ("on", "against", "at", "upon", "targeting", "into")
# Prepositions that introduce the partner of a two-sided action ("talks with", "agreement between").
PARTNER_PREPS = ("with", "between", "to")
# MOBILIZE is here because "exercises with X" turn into cooperation once refined.
PARTNER_TYPES = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "AID", "REQUEST", "CONCEDE", "RETREAT", "SANCTION", "MOBILIZE"}
NOT_PARTIES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
PRONOUNS_WITHOUT_REFERENT = {"it", "its", "they", "them", "their", "which", "that", "who", "this", "those", "these"}


@dataclass
class Roles:
    actor: Token | None = None
    recipient: Token | None = None
    actor_source: str = ""
    recipient_source: str = ""


def _usable(token: Token | None) -> Token | None:
    if token is None or token.pos_ in ("NUM", "PART"):
        return None
    if token.pos_ == "PRON":
        speaker = reported_speaker(token)
        if speaker is not None:
            return speaker
    if token.lower_ in PRONOUNS_WITHOUT_REFERENT:
        return None
    return token


def reported_speaker(pronoun: Token) -> Token | None:
    """'The air force says it has killed ...': a subject pronoun in reported speech is its speaker."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or pronoun.lower_ not in ("it", "they", "he", "she", "we"):
        return None
    node = pronoun.head
    for _ in range(4):
        if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_.lower() in REPORTING:
            subjects = [c for c in node.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
            return subjects[0] if subjects else None
        if node.dep_ not in ("xcomp", "conj", "aux") or node.head.i == node.i:
            return None
        node = node.head
    return None


def verb_roles(verb: Token, plover: str) -> Roles:
    """Actor and recipient of a verb trigger (or of the carrier verb of a noun trigger)."""
    roles = Roles()
    if is_passive(verb):
        agents = prep_objects(verb, "by")
        if agents:
            roles.actor, roles.actor_source = agents[0], "passive agent"
        subjects = children(verb, *PASSIVE_SUBJECT_DEPS)
        if subjects:
            roles.recipient, roles.recipient_source = subjects[0], "passive subject"
    else:
        subjects = children(verb, *SUBJECT_DEPS)
        if subjects:
            roles.actor, roles.actor_source = subjects[0], "subject"
        objects = children(verb, *OBJECT_DEPS)
        if objects:
            roles.recipient, roles.recipient_source = _through_abstract(objects[0]), "object"
    if roles.recipient is None:
        _recipient_from_preps(verb, plover, roles)
    if roles.actor is None:
        inherited = inherited_subject(verb)
        if inherited is not None:
            roles.actor, roles.actor_source = inherited, "inherited from governing clause"
    _split_coordinated_actor(roles, plover)
    roles.actor, roles.recipient = _usable(roles.actor), _usable(roles.recipient)
    return roles


# Papers that say things on behalf of whoever issued them.
DOCUMENTS = {"declaration", "statement", "letter", "report", "communique", "resolution", "decree", "message", "note",
             "memorandum", "petition", "appeal", "ultimatum", "order"}
# Objects that only carry the real target: 'pushing efforts for dissolving HTS', 'took steps against the group'.
ABSTRACT_OBJECTS = {"effort", "step", "measure", "action", "call", "push", "campaign", "move", "attempt", "plan", "bid"}


def _through_abstract(obj: Token) -> Token:
    """The target behind an abstract object: the object of its 'for/to/against' phrase or clause."""
    if obj.lemma_.lower() not in ABSTRACT_OBJECTS:
        return obj
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "to", "against", "toward", "towards"):
            for inner in prep.children:
                if inner.dep_ == "pobj":
                    return inner
                if inner.dep_ == "pcomp":  # 'for dissolving or demilitarizing the HTS': the object may sit on a conjunct
                    targets = [c for verb in (inner, *inner.conjuncts) for c in verb.children if c.dep_ == "dobj"]
                    if targets:
                        return targets[0]
    return obj


def noun_roles(noun: Token, plover: str) -> Roles:
    """Actor and recipient of an event noun standing on its own ("Russia's strike on X")."""
    roles = Roles()
    for child in noun.lefts:
        if child.dep_ == "poss":
            roles.actor, roles.actor_source = child, "possessor"
        elif child.dep_ in ("compound", "amod", "nmod") and (child.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or child.pos_ == "PROPN" or any(c.ent_type_ for c in child.subtree)):
            if roles.actor is None:
                roles.actor, roles.actor_source = child, "modifier"
    agents = prep_objects(noun, "by")
    if agents:
        roles.actor, roles.actor_source = agents[0], "by-phrase"
    _recipient_from_preps(noun, plover, roles)
    if plover in PARTNER_TYPES and roles.actor is None:
        between = prep_objects(noun, "between", "among")
        if between:
            roles.actor, roles.actor_source = between[0], "between-phrase"
            roles.recipient, roles.recipient_source = None, ""
    _split_coordinated_actor(roles, plover)
    roles.actor, roles.recipient = _usable(roles.actor), _usable(roles.recipient)
    return roles


def complete_recipient(head: Token, plover: str, roles: Roles) -> None:
    """Fill a missing recipient from `head`'s prepositions, else from a coordinated actor."""
    if roles.recipient is None:
        _recipient_from_preps(head, plover, roles)
    _split_coordinated_actor(roles, plover)
    roles.recipient = _usable(roles.recipient)


def _recipient_from_preps(head: Token, plover: str, roles: Roles) -> None:
    preps = TARGET_PREPS + (PARTNER_PREPS if plover in PARTNER_TYPES else ())
    # 'on Saturday' is a date and 'at Gao' a place: neither is acted on.
    targets = [
        t for t in prep_objects(head, *preps)
        if t.ent_type_ not in NOT_PARTIES and not (t.head.lower_ in ("at", "into") and t.ent_type_ in PLACE_ENTS)
    ]
    if targets:
        roles.recipient, roles.recipient_source = targets[0], f"'{targets[0].head.lower_}' phrase"


def _split_coordinated_actor(roles: Roles, plover: str) -> None:
    """'Russia and Turkey brokered ...': the second party of a two-sided act becomes the recipient."""
    if roles.actor is None or roles.recipient is not None or plover not in PARTNER_TYPES:
        return
    partners = conjuncts(roles.actor)
    if partners:
        roles.recipient, roles.recipient_source = partners[0], "coordinated with the actor"


def inherited_subject(verb: Token) -> Token | None:
    """The subject a verb shares with the clause that governs it ('planned to attack', 'and then fled')."""
    token = verb
    for _ in range(4):
        # 'France is ready to contribute': through the adjective to the subject of 'is'.
        if token.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") and token.head.i != token.i:
            head = token.head
            subjects = children(head, *SUBJECT_DEPS)
            if subjects:
                return subjects[0]
            if is_passive(head):
                agents = prep_objects(head, "by")
                if agents:
                    return agents[0]
            token = head
        elif token.dep_ == "acl" and token.head.lemma_.lower() in DOCUMENTS and token.head.dep_ in ("dobj", "nsubjpass"):
            # 'The party issued a declaration demanding ...': the issuer demands, not the paper.
            token = token.head
        elif token.dep_ in ("dobj", "nsubjpass") and token.lemma_.lower() in DOCUMENTS:
            subjects = children(token.head, *SUBJECT_DEPS)
            agents = prep_objects(token.head, "by")
            return subjects[0] if subjects else agents[0] if agents else None
        elif token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
            # 'fighters who stormed the town': the modified noun is the actor, unless the clause is
            # passive or the noun is itself an event ('the strike coordinated with Turkey').
            return None if is_passive(token) and token.dep_ == "relcl" else token.head
        else:
            return None
    return None
