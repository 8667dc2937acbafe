"""CASE 2021 shared task 2 snippets: one of 30 event labels for the most confident event.

The label of a snippet's most confident event (any modality) is, in this order:
1. its ACLED sub-event type under the task's label name (`ACLED_TO_CASE`);
2. its `crisis_type` as NATURAL_DISASTER, MAN_MADE_DISASTER or ORG_CRIME;
3. ATTRIB when it carries a claim of responsibility;
4. DIPLO when it is a non-violent political event: any PLOVER type but the uses and shows of force
   and street action (ASSAULT, COERCE, MOBILIZE, PROTEST), so sanctions, expulsions, rejections
   and agreements without an ACLED sub-type are DIPLO;
5. otherwise none, which counts as wrong (e.g. an ASSAULT without an ACLED sub-type).
No event at all is also a wrong (null) prediction.

Figures: weighted F1 over all 30 labels on every snippet, and weighted F1 over the 25 ACLED labels
on the snippets whose gold label is an ACLED one (the task's second figure). Weighted F1 is
per-label F1 averaged with each label's gold count as weight; a null prediction only costs recall.
"""

from __future__ import annotations

import time
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from gestae.evaluation.scoreboard import (
    NO_PREDICTION, DatasetResult, ErrorLog, Row, accuracy, best_event, code_records, confusion, crash_rows, describe,
    list_events, per_label_f1, ratio, read_jsonl, weighted_f1,
)
from gestae.records import Event

if TYPE_CHECKING:
    from gestae.pipeline import Pipeline

NAME = "case2021"
TITLE = "CASE 2021 task 2 snippets"

# The task names each ACLED sub-event type with a short upper-case label; this is that naming convention.
ACLED_TO_CASE = MappingProxyType({
    "Armed clash": "ARMED_CLASH",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Chemical weapon": "CHEM_WEAP",
    "Air/drone strike": "AIR_STRIKE",
    "Suicide bomb": "SUIC_BOMB",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Grenade": "GRENADE",
    "Sexual violence": "SEX_VIOL",
    "Attack": "ATTACK",
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Peaceful protest": "PEACE_PROTEST",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Violent demonstration": "VIOL_DEMONSTR",
    "Mob violence": "MOB_VIOL",
    "Agreement": "AGREEMENT",
    "Arrests": "ARREST",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Disrupted weapons use": "DISR_WEAP",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
})
CRISIS_TO_CASE = MappingProxyType({
    "natural_disaster": "NATURAL_DISASTER",
    "man_made_disaster": "MAN_MADE_DISASTER",
    "organized_crime": "ORG_CRIME",
})
# PLOVER types that use or show force, or take to the street: never DIPLO.
FORCEFUL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})
ACLED_LABELS = tuple(ACLED_TO_CASE.values())
OTHER_LABELS = (*CRISIS_TO_CASE.values(), "ATTRIB", "DIPLO")
ALL_LABELS = ACLED_LABELS + OTHER_LABELS
ANCHOR_ALL, ANCHOR_ACLED = 0.771, 0.839


def case_label(event: Event | None) -> str | None:
    """The CASE 2021 label an event stands for, by the precedence in the module docstring."""
    if event is None:
        return None
    if event.acled_sub_event_type:
        return ACLED_TO_CASE.get(event.acled_sub_event_type)
    if event.crisis_type:
        return CRISIS_TO_CASE[event.crisis_type]
    if event.claim_of_responsibility:
        return "ATTRIB"
    if event.event_type is not None and event.event_type not in FORCEFUL_TYPES:
        return "DIPLO"
    return None


def evaluate(pipeline: Pipeline, path: Path, limit: int | None = None) -> DatasetResult:
    records = read_jsonl(path, limit)
    started = time.perf_counter()
    pairs: list[tuple[str, str | None]] = []
    coded_anywhere = 0
    errors = ErrorLog()
    for record, result in code_records(pipeline, records, errors):
        event = best_event(result.events)
        predicted = case_label(event)
        gold = record["case_label"]
        pairs.append((gold, predicted))
        coded_anywhere += any(case_label(e) == gold for e in result.events)
        if predicted != gold:
            errors.add(f"{gold} -> {predicted or NO_PREDICTION}", {
                "id": record["id"], "text": record["text"], "gold": gold,
                "predicted": f"{predicted or NO_PREDICTION}: {describe(event)}", "all events": list_events(result.events),
            })
    acled_pairs = [(g, p) for g, p in pairs if g in ACLED_LABELS]
    rows = [
        Row(NAME, "weighted F1, 30 labels", weighted_f1(pairs, ALL_LABELS), len(pairs), goal=0.80,
            anchor=ANCHOR_ALL, anchor_name="best CASE 2021"),
        Row(NAME, "weighted F1, 25 ACLED labels", weighted_f1(acled_pairs, ACLED_LABELS), len(acled_pairs),
            goal=0.80, anchor=ANCHOR_ACLED, anchor_name="best CASE 2021"),
    ]
    rows += crash_rows(NAME, errors, len(records))
    method = [
        "Label of the most confident event: ACLED sub-event type (mapped to the task's label names), else "
        "crisis type, else ATTRIB for a claim of responsibility, else DIPLO for a PLOVER type other than ASSAULT, "
        "COERCE, MOBILIZE and PROTEST; otherwise none.",
        "No event, or none of the above, is a null prediction: wrong, costing recall of the gold label only.",
        "30-label figure over every snippet; 25-label figure over the snippets with an ACLED gold label.",
    ]
    extra = {
        "accuracy": accuracy(pairs),
        "accuracy_any_event": ratio(coded_anywhere, len(pairs)),
        "null_predictions": sum(p is None for _, p in pairs),
        "per_label_f1": per_label_f1(pairs, ALL_LABELS),
    }
    return DatasetResult(NAME, TITLE, rows, method, confusion(pairs), errors, extra,
                         seconds=time.perf_counter() - started)
