"""The command line as a user runs it: JSONL out, one-line errors, exit codes, explain, schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gestae.cli.main import app
from gestae.records import Event
from gestae.schema_doc import markdown

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "articles" / "sahel_ambush.txt"


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def test_code_writes_valid_event_records(runner):
    result = runner.invoke(app, ["code", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    events = [Event.model_validate_json(line) for line in result.stdout.splitlines()]
    assert events and all(e.article_id == "sahel_ambush" for e in events)
    text = EXAMPLE.read_text().split(None, 2)[2]
    for event in events:
        assert text[event.trigger.start:event.trigger.end] == event.trigger.text


def test_bad_input_is_reported_on_one_line_and_the_rest_goes_on(runner, tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(
        '{"id": "a1", "date": "2024-02-30", "text": "Rebels attacked a convoy."}\n'
        "this is not json\n"
        '{"id": "a3", "date": "2024-02-28", "text": "Police arrested 12 protesters in Dakar on Monday."}\n'
    )
    result = runner.invoke(app, ["code", str(corpus)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert len(errors) == 2 and "news.jsonl:1" in errors[0] and "news.jsonl:2" in errors[1]
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert {e["article_id"] for e in events} == {"a3"}


def test_missing_file_is_an_error_not_a_traceback(runner, tmp_path):
    result = runner.invoke(app, ["code", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "nope.txt" in result.stderr


def test_unknown_model_is_explained(runner):
    result = runner.invoke(app, ["code", "--model", "no_such_pipeline", str(EXAMPLE)])
    assert result.exit_code == 2
    assert "not installed" in result.stderr


def test_explain_tells_every_sentence(runner):
    result = runner.invoke(app, ["explain", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n#") >= 4 or result.stdout.count("#") >= 4
    assert "coded" in result.stdout and "merged" in result.stdout


def test_timex_resolves_against_the_header_date(runner):
    result = runner.invoke(app, ["timex", str(EXAMPLE)])
    record = json.loads(result.stdout)
    values = {t["text"]: t["value"] for t in record["timexes"]}
    assert values.get("Tuesday") == "2023-09-05"


def test_record_docs_are_generated_from_the_models():
    assert (ROOT / "docs" / "record.md").read_text() == markdown(), "run: gestae schema --markdown > docs/record.md"
