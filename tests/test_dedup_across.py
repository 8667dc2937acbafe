"""Cross-article dedup: the linking rules on invented reports, and the benchmark in benchmarks/dedup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gestae.dedup import benchmark
from gestae.dedup.across import (
    Candidate,
    EventProfile,
    LinkConfig,
    best_cluster,
    event_date_range,
    link_score,
    tokenize,
)
from gestae.dedup.benchmark import event_from_spec

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "dedup"

SHELLING = {
    "type": "ASSAULT", "trigger": "shelled",
    "sentence": "Rebel artillery shelled the grain market in Northgate on Tuesday, killing twelve traders.",
    "actor": {"name": "Highland Rebels", "country": "ETH", "sector": "REB"},
    "recipient": {"name": "traders", "country": "ETH", "sector": "CVL"},
    "place": {"name": "Northgate", "lat": 9.0, "lon": 38.7, "admin1": "Amhara", "country": "ETH"},
    "date": "2024-02-13", "fatalities": 12,
}


def profile(spec: dict, *, article: str = "a1", article_date: dt.date | None = dt.date(2024, 2, 14),
            **changes: object) -> EventProfile:
    merged = {**spec, **changes}
    event = event_from_spec(merged, article_id=article)
    return EventProfile.from_event(event, sentence_text=merged["sentence"], article_date=article_date)


RETOLD = dict(
    trigger="shelling",
    sentence="Twelve traders died when the Highland Rebels' shelling hit Northgate market, officials said.",
)


def test_same_event_from_another_outlet_links() -> None:
    score = link_score(profile(SHELLING), profile(SHELLING, article="a2", **RETOLD))
    assert score is not None and score >= LinkConfig().min_score


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"date": "2024-02-15"}, "another day"),
        ({"type": "COERCE"}, "compatible type, but what else?"),
        ({"type": "PROTEST"}, "another type"),
        ({"place": {"name": "Southport", "lat": 7.0, "lon": 39.5, "admin1": "Oromia", "country": "ETH"}},
         "another town"),
        ({"actor": {"name": "Federal army", "country": "ETH", "sector": "MIL"},
          "recipient": {"name": "Highland Rebels", "country": "ETH", "sector": "REB"}}, "rebels as targets"),
        ({"modality": "hypothetical"}, "only feared"),
    ],
)
def test_near_misses_do_not_link(change: dict, why: str) -> None:
    other = profile(SHELLING, article="a2", **{**RETOLD, **change})
    score = link_score(profile(SHELLING), other)
    if change.get("type") == "COERCE":
        # Compatible types may link, but pay a penalty against the same report coded ASSAULT.
        same_type = link_score(profile(SHELLING), profile(SHELLING, article="a2", **RETOLD))
        assert score is not None and same_type is not None and score < same_type
    else:
        assert score is None, why


def test_nearby_town_in_another_division_is_another_place() -> None:
    suburb = {"name": "Eastfield", "lat": 9.05, "lon": 38.8, "admin1": "Oromia", "country": "ETH"}
    assert link_score(profile(SHELLING), profile(SHELLING, article="a2", place=suburb, **RETOLD)) is None
    same_division = dict(suburb, admin1="Amhara")
    assert link_score(profile(SHELLING), profile(SHELLING, article="a2", place=same_division, **RETOLD)) is not None


def test_actors_may_be_told_the_other_way_round() -> None:
    swapped = profile(SHELLING, article="a2", actor=SHELLING["recipient"], recipient=SHELLING["actor"], **RETOLD)
    assert link_score(profile(SHELLING), swapped) is not None


def test_swapping_does_not_excuse_a_different_actor() -> None:
    alone = {k: v for k, v in SHELLING.items() if k != "recipient"}
    other_group = dict(alone, actor={"name": "Lowland Front", "country": "ETH", "sector": "OPP"})
    assert link_score(profile(alone), profile(other_group, article="a2", **RETOLD)) is None


def test_actor_identity_by_knowledge_base_id_then_by_group() -> None:
    highland = {"name": "Highland Rebels", "country": "ETH", "sector": "REB", "wikidata": "Q900001"}
    valley = {"name": "Valley Militia", "country": "ETH", "sector": "REB", "wikidata": "Q900002"}
    alone = {k: v for k, v in SHELLING.items() if k != "recipient"}
    assert link_score(profile(alone, actor=highland), profile(alone, article="a2", actor=valley, **RETOLD)) is None
    # Without ids, two names for one country and sector ("rebel artillery", "Highland Rebels") can agree.
    unnamed = {"name": "rebel forces", "country": "ETH", "sector": "REB"}
    assert link_score(profile(alone), profile(alone, article="a2", actor=unnamed, **RETOLD)) is not None


def test_coarse_place_matches_on_division() -> None:
    region = {"name": "Amhara", "lat": 11.5, "lon": 38.0, "admin1": "Amhara", "country": "ETH",
              "precision": "admin1"}
    assert link_score(profile(SHELLING), profile(SHELLING, article="a2", place=region, **RETOLD)) is not None
    other_region = dict(region, name="Tigray", admin1="Tigray")
    assert link_score(profile(SHELLING), profile(SHELLING, article="a2", place=other_region, **RETOLD)) is None


def test_far_apart_death_tolls_count_against_a_link() -> None:
    close = link_score(profile(SHELLING), profile(SHELLING, article="a2", fatalities=14, **RETOLD))
    far = link_score(profile(SHELLING), profile(SHELLING, article="a2", fatalities=2, **RETOLD))
    assert close is not None and far is not None and far < close


def test_date_ranges_follow_precision_and_fall_back_to_publication() -> None:
    week = event_from_spec(dict(SHELLING, date={"value": "2024-W07", "precision": "week"}), article_id="a")
    assert event_date_range(week, None) == (dt.date(2024, 2, 12), dt.date(2024, 2, 18))
    month = event_from_spec(dict(SHELLING, date={"value": "2024-02", "precision": "month"}), article_id="a")
    assert event_date_range(month, None) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    undated = event_from_spec({k: v for k, v in SHELLING.items() if k != "date"}, article_id="a")
    assert event_date_range(undated, dt.date(2024, 2, 20)) == (dt.date(2024, 2, 13), dt.date(2024, 2, 20))
    assert event_date_range(undated, None) == (None, None)
    # A month-precise retelling overlaps the day; a week-precise one from the next week does not.
    assert link_score(profile(SHELLING), profile(SHELLING, article="a2", date={"value": "2024-02"}, **RETOLD))
    later_week = {"value": "2024-W08", "precision": "week"}
    assert link_score(profile(SHELLING), profile(SHELLING, article="a2", date=later_week, **RETOLD)) is None


def test_tokenize_strips_suffixes_and_stopwords() -> None:
    assert tokenize("The rebels attacked; attacks were attacking the villages") == [
        "rebel", "attack", "attack", "attack", "village"]
    assert tokenize("Militias raided churches") == tokenize("militia raid church")


def test_best_cluster_needs_every_member_and_skips_own_article() -> None:
    member = profile(SHELLING, article="a1")
    newcomer = profile(SHELLING, article="a3", **RETOLD)
    assert best_cluster(newcomer, [Candidate(7, [member])]) is not None
    assert best_cluster(newcomer, [Candidate(7, [member])])[0] == 7
    # One member reported another day: the cluster is not compatible as a whole.
    odd = profile(SHELLING, article="a2", date="2024-02-20")
    assert best_cluster(newcomer, [Candidate(7, [member, odd])]) is None
    # A second event from the same article never joins a cluster that article is already in.
    assert best_cluster(profile(SHELLING, article="a1", **RETOLD), [Candidate(7, [member])]) is None


def test_score_counts_pairs() -> None:
    gold = {"m1": "x", "m2": "x", "m3": "y", "m4": "y"}
    result = benchmark.score(gold, {"m1": 1, "m2": 1, "m3": 1, "m4": 2})
    assert result["gold_pairs"] == 2 and result["predicted_pairs"] == 3
    assert result["precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert result["recall"] == pytest.approx(0.5)
    assert result["missed"] == [("m3", "m4")]


def test_benchmark_corpus_is_well_formed() -> None:
    records = benchmark.load(BENCHMARK)
    assert 40 <= len({r["article"]["id"] for r in records}) <= 70
    assert len({r["article"]["source"] for r in records}) >= 5
    labels = [r["real_event"] for r in records]
    assert any(labels.count(label) >= 3 for label in labels)  # some events told many times
    assert sum(labels.count(label) == 1 for label in set(labels)) >= 5  # and near-misses told once
    assert len({r["id"] for r in records}) == len(records)


def test_benchmark_reaches_the_goal() -> None:
    for reverse in (False, True):
        result = benchmark.run(BENCHMARK, reverse=reverse)
        assert result["precision"] >= 0.9, result["false_merges"]
        assert result["recall"] >= 0.9, result["missed"]
