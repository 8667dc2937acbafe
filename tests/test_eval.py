"""`gestae eval`: the metrics on hand-made inputs, the label mapping, the reports, and a smoke run."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gestae.cli.main import app
from gestae.evaluation.case2021 import ACLED_LABELS, ACLED_TO_CASE, ALL_LABELS, case_label
from gestae.evaluation.event_location import LocationTally, event_for_verb, is_place_span
from gestae.evaluation.penta import penta_class, statement_or_quad_class
from gestae.evaluation.plover import source_countries
from gestae.evaluation.report import confusion_markdown, dataset_markdown
from gestae.evaluation.scoreboard import (
    DatasetResult, ErrorLog, Row, accuracy, best_event, confusion, per_label_f1, weighted_f1,
)
from gestae.evaluation.spans import RoleSpan, count_matches, event_spans
from gestae.records import Actor, Event, SentenceRef, SentenceReport, Trigger, TriggerDecision

ACLED_TABLE = Path(__file__).resolve().parents[1] / "src" / "gestae" / "resources" / "coding" / "acled.tsv"


def make_event(trigger: str = "shelled", start: int = 10, *, confidence: float = 0.5, cameo: str = "190",
               quad: int = 4, acled: str | None = None, **fields) -> Event:
    return Event(
        event_id=f"e{start}", article_id="a", sentence=SentenceRef(index=0, start=0, end=80),
        trigger=Trigger(text=trigger, start=start, end=start + len(trigger)), event_type=fields.pop("event_type", "ASSAULT"),
        cameo=cameo, quad_class=quad, goldstein=-10 if quad == 4 else 3, acled_sub_event_type=acled,
        confidence=confidence, **fields,
    )


# ---------------------------------------------------------------- metrics


def test_weighted_f1_weights_each_label_by_its_gold_count():
    pairs = [("A", "A"), ("A", "A"), ("A", "B"), ("B", "B"), ("C", None)]
    # A: P 2/2, R 2/3 -> 0.8; B: P 1/2, R 1/1 -> 2/3; C: never predicted -> 0.
    expected = (0.8 * 3 + (2 / 3) * 1 + 0 * 1) / 5
    assert weighted_f1(pairs, ["A", "B", "C"]) == pytest.approx(expected)
    assert per_label_f1(pairs, ["A", "B", "C"]) == pytest.approx({"A": 0.8, "B": 2 / 3, "C": 0.0})


def test_weighted_f1_ignores_labels_without_gold_but_their_predictions_cost_precision():
    pairs = [("A", "A"), ("A", "Z")]
    assert weighted_f1(pairs, ["A", "Z"]) == pytest.approx(2 * 1 * 0.5 / 1.5)
    assert weighted_f1([], ["A"]) == 0.0


def test_accuracy_counts_a_missing_prediction_as_wrong():
    assert accuracy([("x", "x"), ("y", None), ("z", "x"), ("x", "x")]) == 0.5
    assert confusion([("y", None), ("y", None)]) == Counter({("y", "(none)"): 2})


def test_best_event_is_the_most_confident_and_the_earliest_on_ties():
    early, late, sure = make_event(start=5, confidence=0.6), make_event(start=30, confidence=0.6), make_event(start=50, confidence=0.9)
    assert best_event([late, early]) is early
    assert best_event([early, sure, late]) is sure
    assert best_event([]) is None


def test_best_political_event_passes_over_crisis_only_reports():
    flood = make_event("flooded", start=2, confidence=0.9, cameo=None, quad=None, event_type=None,
                       crisis_type="natural_disaster")
    rescue = make_event("evacuated", start=40, confidence=0.5, cameo="0233", quad=2, event_type="AID")
    assert best_event([flood, rescue]) is flood
    assert best_event([flood, rescue], political=True) is rescue
    assert case_label(flood) == "NATURAL_DISASTER" and penta_class(flood) is None


# ---------------------------------------------------------------- label mappings


def test_every_acled_sub_event_type_of_the_coder_has_a_case_label():
    coded = {line.split("\t")[0] for line in ACLED_TABLE.read_text().splitlines() if line and not line.startswith("#")}
    assert coded == set(ACLED_TO_CASE)
    assert len(set(ACLED_LABELS)) == 25 and len(set(ALL_LABELS)) == 30


def test_case_label_precedence():
    assert case_label(make_event(acled="Air/drone strike", claim_of_responsibility=True)) == "AIR_STRIKE"
    assert case_label(make_event(crisis_type="natural_disaster")) == "NATURAL_DISASTER"
    assert case_label(make_event(claim_of_responsibility=True)) == "ATTRIB"
    assert case_label(make_event(cameo="042", quad=1, event_type="CONSULT")) == "DIPLO"
    assert case_label(make_event(cameo="163", quad=4, event_type="SANCTION")) == "DIPLO"
    assert case_label(make_event()) is None  # an assault without an ACLED sub-type
    assert case_label(make_event(cameo="141", event_type="PROTEST")) is None
    assert case_label(None) is None


def test_penta_class_groups_cameo_roots_the_phoenix_way():
    assert penta_class(make_event(cameo="012", quad=1, event_type="SUPPORT")) == 0
    assert penta_class(make_event(cameo="020", quad=1, event_type="REQUEST")) == 0
    assert penta_class(make_event(cameo="112", quad=3, event_type="ACCUSE")) == 3
    assert penta_class(make_event(cameo="163", quad=4, event_type="SANCTION")) == 3
    assert penta_class(make_event(cameo="1823", quad=4)) == 4
    assert penta_class(None) is None


def test_statement_or_quad_class_keeps_the_events_own_quad_class():
    assert statement_or_quad_class(make_event(cameo="012", quad=1, event_type="SUPPORT")) == 0
    assert statement_or_quad_class(make_event(cameo="020", quad=1, event_type="REQUEST")) == 1
    assert statement_or_quad_class(make_event(cameo="163", quad=4, event_type="SANCTION")) == 4


def test_plover_source_countries_take_the_first_three_letters():
    record = {"actors": [{"code": "KENGOV"}, {"code": "igo"}, {"code": ""}]}
    assert source_countries(record) == {"KEN", "IGO"}


# ---------------------------------------------------------------- spans and places


def test_exact_span_matching_is_one_to_one_and_reciprocal_fits_either_role():
    gold = [RoleSpan("source", 0, 12), RoleSpan("reciprocal", 20, 31)]
    assert count_matches([RoleSpan("source", 0, 12)], gold) == 1
    assert count_matches([RoleSpan("target", 0, 12)], gold) == 0  # right words, wrong role
    assert count_matches([RoleSpan("target", 20, 31), RoleSpan("source", 20, 31)], gold) == 1
    assert count_matches([RoleSpan("source", 4, 12)], gold) == 0
    assert count_matches([RoleSpan("source", 4, 12)], gold, exact=False) == 1


def test_event_spans_are_distinct_actor_and_recipient_offsets():
    text = "Militia fighters shelled the market in Tessit"
    actor = Actor(text="Militia fighters", start=0, end=16)
    market = Actor(text="the market", start=25, end=35)
    first = make_event(start=17, actor=actor, recipient=market)
    second = make_event(start=17, actor=actor)
    assert [text[s.start:s.end] for s in event_spans([first, second])] == ["Militia fighters", "the market"]


def test_place_spans_must_hold_whole_words():
    text = "Gunmen stormed a police post in Ouallam on Sunday."
    assert is_place_span(text, 32, 39)
    assert is_place_span(text, 31, 40)  # surrounding spaces are trimmed
    assert not is_place_span(text, 33, 36)
    assert not is_place_span(text, 10, 10)


def test_location_tally_counts_a_wrong_place_against_precision_and_recall():
    tally = LocationTally()
    assert tally.add((32, 39), [(32, 39)], exact=True)
    assert not tally.add((0, 6), [(32, 39)], exact=True)
    assert not tally.add(None, [(32, 39)], exact=True)
    assert not tally.add((5, 9), [], exact=True)
    # right 1, predicted 3, gold 3
    assert tally.f1() == pytest.approx(1 / 3)


def test_event_for_verb_takes_the_most_confident_overlapping_trigger():
    weak, strong, elsewhere = (make_event(start=7, confidence=0.4), make_event(start=7, confidence=0.8),
                               make_event(start=40, confidence=0.99))
    assert event_for_verb([weak, strong, elsewhere], {"start": 8, "end": 12}) is strong
    assert event_for_verb([elsewhere], {"start": 8, "end": 12}) is None


def test_event_for_verb_follows_a_merged_trigger_to_its_event():
    text = "A car bomb exploded in Mogadishu, killing six."
    blast = make_event("exploded", start=11)
    killing = {"start": 34, "end": 41}
    report = SentenceReport(index=0, start=0, end=len(text), text=text, triggers=[
        TriggerDecision(text="killing", start=34, end=41, lemma="kill", outcome="merged",
                        reason="same event as 'exploded'", event_id=blast.event_id),
    ])
    assert event_for_verb([blast], killing) is None
    assert event_for_verb([blast], killing, [report]) is blast


# ---------------------------------------------------------------- reports and the command


def test_report_shows_confusions_and_samples_by_pattern():
    errors = ErrorLog(samples_per_pattern=1)
    for i in range(3):
        errors.add("PROTEST -> ASSAULT", {"id": f"s{i}", "text": f"Crowds marched in Bamako ({i}).", "gold": "PROTEST"})
    result = DatasetResult("toy", "Toy set", [Row("toy", "accuracy", 0.25, 4, goal=0.8)], ["Made up."],
                           Counter({("PROTEST", "ASSAULT"): 3, ("PROTEST", "PROTEST"): 1}), errors)
    text = dataset_markdown(result)
    assert "| gold \\ predicted | PROTEST | ASSAULT | total | correct |" in text
    assert "| PROTEST | **1** | 3 | 4 | 25% |" in text
    assert "### PROTEST -> ASSAULT (3)" in text
    assert "`s0` Crowds marched in Bamako (0)." in text and "`s1`" not in text
    assert "| AID |" in confusion_markdown(Counter({("AID", "(none)"): 2}))


def test_missing_data_gives_skipped_rows_not_a_traceback(tmp_path):
    result = CliRunner().invoke(app, ["eval", "--data", str(tmp_path), "--only", "plover,timex",
                                      "--json", str(tmp_path / "scores.json")])
    assert result.exit_code == 0, result.output
    assert "skipped" in result.stdout
    rows = json.loads((tmp_path / "scores.json").read_text())["rows"]
    assert [r["dataset"] for r in rows] == ["plover", "timex"]
    assert all(r["figure"] is None and r["status"].startswith("skipped: gold data not found") for r in rows)


def test_unknown_dataset_name_is_refused():
    result = CliRunner().invoke(app, ["eval", "--only", "plover,acled"])
    assert result.exit_code == 2
    assert "acled" in result.output


@pytest.mark.shared
def test_quick_run_scores_two_datasets(shared_data, tmp_path):
    scores, reports = tmp_path / "scores.json", tmp_path / "report"
    result = CliRunner().invoke(app, ["eval", "--quick", "--only", "plover,case2021", "--data", str(shared_data),
                                      "--json", str(scores), "--report", str(reports)])
    assert result.exit_code == 0, result.output
    rows = json.loads(scores.read_text())["rows"]
    assert {r["dataset"] for r in rows} == {"plover", "case2021"}
    for row in rows:
        assert row["status"] is None and 0.0 <= row["figure"] <= 1.0 and row["n"] > 0, row
    plover_type = next(r for r in rows if r["metric"] == "event type accuracy")
    assert plover_type["n"] == 40 and plover_type["figure"] > 0.2
    assert "## Confusion" in (reports / "case2021.md").read_text()
