"""The defining example: every required event, asserted once; no non-event asserted."""

from __future__ import annotations

import json

import pytest

from gestae.evaluation.seed import check
from gestae.ingest import read_inputs

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def seed(shared_data, pipeline):
    folder = shared_data / "seed"
    expected = json.loads((folder / "expected.json").read_text())
    (article,) = list(read_inputs([str(folder / expected["article"])]))
    return pipeline.process(article), expected


def test_publication_date_read_from_header(seed):
    result, expected = seed
    assert result.article.date.isoformat() == expected["published"]


@pytest.mark.parametrize("kind", ["must", "must_not"])
def test_expectations(seed, kind):
    result, expected = seed
    failures = [c for c in check(result.events, expected) if c.kind == kind and not c.passed]
    assert not failures, "\n".join(f"{c.what}: {c.detail}" for c in failures)


def test_strike_told_three_times_is_one_event_with_attribution(seed):
    result, _ = seed
    strikes = [e for e in result.events if e.event_type == "ASSAULT" and e.modality.value == "asserted" and e.actor and e.actor.country == "RUS"]
    assert len(strikes) == 1
    strike = strikes[0]
    assert {m.trigger.text for m in strike.mentions} >= {"strike", "raid"}
    assert strike.attribution is not None and "RIA" in (strike.attribution.via or "")
    assert "ministry" in strike.attribution.text.lower()
