"""Small, pure helpers over spaCy's dependency parse, shared by the extraction steps."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
OBJECT_DEPS = {"dobj", "obj", "dative", "attr", "oprd"}
# Dependents that belong to a noun phrase's name: "Russia's defense ministry", "the Turkish army".
NAME_DEPS = {"det", "amod", "compound", "poss", "nmod", "nummod", "case", "quantmod", "punct", "npadvmod", "prep_of"}
# Head nouns whose "of" phrase is part of the name: "Ministry of Defence", "leader of Hamas".
OF_NAME_HEADS = {
    "ministry", "minister", "secretary", "council", "head", "leader", "chief", "commander", "president",
    "members", "member", "spokesman", "spokeswoman", "spokesperson", "government", "army", "forces",
    "office", "department", "prime", "king", "militia", "supporters", "fighters", "militants",
    "detachment", "detachments", "unit", "units", "elements", "soldiers", "troops", "officers", "officials",
    "representatives", "delegation", "envoy", "wing", "branch", "faction", "division", "brigade", "battalion",
}


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass", "agent") for c in verb.children)


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def prep_objects(token: Token, *preps: str) -> list[Token]:
    """Objects of the prepositions `preps` attached to `token` ("strike on X" -> X)."""
    found = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps:
            found.extend(c for c in prep.children if c.dep_ == "pobj")
    return found


def conjuncts(token: Token) -> list[Token]:
    """Tokens coordinated with `token` ("Russia and Turkey" -> [Turkey])."""
    return [t for t in token.conjuncts if t.i > token.i]


def phrase(token: Token) -> Span:
    """The noun phrase that names `token`: its determiners, modifiers, possessors and appositions."""
    doc = token.doc
    start = token.i
    for child in token.lefts:
        if child.dep_ in NAME_DEPS or child.dep_ == "appos":
            start = min(start, child.left_edge.i)
    end = token.i + 1
    for child in token.rights:
        if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ == "of" and token.lower_ in OF_NAME_HEADS):
            end = max(end, child.right_edge.i + 1)
        elif child.dep_ in ("compound", "flat", "nmod") and child.i == end:
            end = child.right_edge.i + 1
    while end - 1 > start and doc[end - 1].is_punct and doc[end - 1].text != ")":
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    # Unbalanced parenthesis at the edge: keep "Hayat Tahrir al-Sham (HTS)" whole, drop a dangling "(".
    span = doc[start:end]
    if span.text.count("(") > span.text.count(")") and end < len(doc) and doc[end].text == ")":
        span = doc[start:end + 1]
    return span


def path_to_root(token: Token) -> Iterator[tuple[Token, str]]:
    """Walk up the tree: yields (ancestor, dependency of the step taken to reach it)."""
    while token.head.i != token.i:
        yield token.head, token.dep_
        token = token.head


def clause_subtree_tokens(head: Token) -> Iterator[Token]:
    """Tokens in `head`'s subtree that are not inside a nested clause of their own."""
    stack = [head]
    while stack:
        tok = stack.pop()
        yield tok
        for child in tok.children:
            if child.dep_ in ("relcl", "ccomp", "parataxis", "conj") and child.pos_ in ("VERB", "AUX"):
                continue
            stack.append(child)
