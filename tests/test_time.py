"""Time expressions: finding them in news text and normalising them against the publication date."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from gestae.ground.time import TimexTagger, resolve_value
from gestae.records import DatePrecision, Timex

# Wednesday, 13 March 2019.
DCT = dt.date(2019, 3, 13)


@pytest.fixture(scope="module")
def tagger() -> TimexTagger:
    return TimexTagger()


def only(timexes: list[Timex], text: str) -> Timex:
    found = [t for t in timexes if t.text == text]
    assert len(found) == 1, f"expected one timex {text!r}, got {[t.text for t in timexes]}"
    return found[0]


def test_weekday_is_latest_such_day_and_same_weekday_is_the_dct(tagger: TimexTagger) -> None:
    text = "Rebels shelled the northern district on Wednesday, two days after talks collapsed on Friday in Geneva."
    timexes = tagger.tag(text, DCT)
    wednesday = only(timexes, "Wednesday")
    assert wednesday.value == "2019-03-13"
    assert text[wednesday.start : wednesday.end] == "Wednesday"  # "on" is not part of the span
    friday = only(timexes, "Friday")
    assert friday.value == "2019-03-08"
    assert (friday.range_start, friday.range_end, friday.precision) == (
        dt.date(2019, 3, 8), dt.date(2019, 3, 8), DatePrecision.day,
    )


def test_future_tense_moves_a_weekday_ahead(tagger: TimexTagger) -> None:
    timexes = tagger.tag("The foreign ministers will meet again on Friday in Vienna.", DCT)
    assert only(timexes, "Friday").value == "2019-03-15"


def test_last_week_is_the_previous_iso_week(tagger: TimexTagger) -> None:
    text = "Police said last week that the convoy had been ambushed near the border."
    week = only(tagger.tag(text, DCT), "last week")
    assert week.value == "2019-W10"
    assert (week.range_start, week.range_end) == (dt.date(2019, 3, 4), dt.date(2019, 3, 10))
    assert week.precision is DatePrecision.week
    assert (week.start, week.end) == (text.index("last week"), text.index("last week") + len("last week"))


def test_month_name_is_the_latest_one_unless_the_clause_looks_ahead(tagger: TimexTagger) -> None:
    past = only(tagger.tag("The army withdrew from the valley in September.", DCT), "September")
    assert past.value == "2018-09"
    assert (past.range_start, past.range_end, past.precision) == (
        dt.date(2018, 9, 1), dt.date(2018, 9, 30), DatePrecision.month,
    )
    ahead = only(tagger.tag("The government is expected to hold a referendum in September.", DCT), "September")
    assert ahead.value == "2019-09"
    named_year = only(tagger.tag("The accord was signed in September 2017.", DCT), "September 2017")
    assert named_year.value == "2017-09"


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The ceasefire was agreed on March 7, 2019, in Khartoum.", "March 7, 2019", "2019-03-07"),
        ("Troops entered the town on 7 March after heavy fighting.", "7 March", "2019-03-07"),
        ("The bulletin dated 2019-03-13 lists eleven dead.", "2019-03-13", "2019-03-13"),
        ("Protesters first gathered on Dec. 3 outside parliament.", "Dec. 3", "2018-12-03"),
        ("Tuesday, Feb. 26, 2019 was the last day of the strike.", "Tuesday, Feb. 26, 2019", "2019-02-26"),
        ("The mayor resigned yesterday.", "yesterday", "2019-03-12"),
        ("The curfew begins tonight.", "tonight", "2019-03-13"),
        ("Voting resumes tomorrow in the capital.", "tomorrow", "2019-03-14"),
        ("The bridge was destroyed two days ago.", "two days ago", "2019-03-11"),
        ("Militants seized the depot three weeks ago.", "three weeks ago", "2019-W08"),
        ("Turnout fell last year to its lowest level.", "last year", "2018"),
        ("Exports rose sharply this year.", "this year", "2019"),
        ("The talks stalled last month.", "last month", "2019-02"),
        ("Fighting flared in 1998 along the border.", "1998", "1998"),
        ("The conflict began in the 1990s.", "1990s", "199X"),
        ("The rebels advanced last fall.", "last fall", "2018-FA"),
        ("Growth slowed in the third quarter of 2018.", "the third quarter of 2018", "2018-Q3"),
        ("Officials met on Thanksgiving Day to discuss aid.", "Thanksgiving Day", "2018-11-22"),
        ("The minister is now in hiding.", "now", "PRESENT_REF"),
        ("The group is currently led by a former colonel.", "currently", "PRESENT_REF"),
        ("The militia recently moved its base.", "recently", "PAST_REF"),
    ],
)
def test_dates_are_normalised_against_the_dct(tagger: TimexTagger, sentence: str, expression: str, value: str) -> None:
    timex = only(tagger.tag(sentence, DCT), expression)
    assert timex.type == "DATE"
    assert timex.value == value
    assert sentence[timex.start : timex.end] == expression


def test_earlier_this_month_keeps_the_month_and_leaves_earlier_out_of_the_span(tagger: TimexTagger) -> None:
    text = "Two soldiers were killed earlier this month in a roadside blast."
    timex = only(tagger.tag(text, DCT), "this month")
    assert timex.value == "2019-03"
    assert timex.range_end == dt.date(2019, 3, 31)


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The city was besieged for three weeks before the relief column arrived.", "three weeks", "P3W"),
        ("Attacks have doubled over the past three years.", "the past three years", "P3Y"),
        ("The envoy arrived after a 16-hour flight.", "16-hour", "PT16H"),
        ("The delegation spent 5 1/2 hours in Nairobi.", "5 1/2 hours", "PT5H30M"),
        ("Refugees have waited for weeks at the crossing.", "weeks", "PXW"),
    ],
)
def test_durations(tagger: TimexTagger, sentence: str, expression: str, value: str) -> None:
    timex = only(tagger.tag(sentence, DCT), expression)
    assert (timex.type, timex.value) == ("DURATION", value)
    assert timex.range_start is None and timex.precision is DatePrecision.unknown


def test_clock_times_take_their_day_from_the_sentence(tagger: TimexTagger) -> None:
    timexes = tagger.tag("The blast came at 10 a.m. and a second one followed at 10 p.m. Friday.", DCT)
    assert only(timexes, "10 a.m.").value == "2019-03-13T10:00"
    evening = only(timexes, "10 p.m. Friday")
    assert (evening.type, evening.value, evening.range_start) == ("TIME", "2019-03-08T22:00", dt.date(2019, 3, 8))


def test_sets_and_rates(tagger: TimexTagger) -> None:
    timexes = tagger.tag("Convoys cross twice a day and the bulletin appears weekly.", DCT)
    assert (only(timexes, "a day").type, only(timexes, "a day").value) == ("SET", "P1D")
    assert only(timexes, "weekly").value == "P1W"


def test_text_relative_expressions_count_from_the_last_date(tagger: TimexTagger) -> None:
    timexes = tagger.tag("The town fell on Feb. 20. The next day, aid workers fled.", DCT)
    assert only(timexes, "The next day").value == "2019-02-21"


def test_counts_are_not_years(tagger: TimexTagger) -> None:
    timexes = tagger.tag("About 2000 soldiers were deployed, the ministry said.", DCT)
    assert [t.text for t in timexes] == []


def test_without_a_dct_relative_expressions_are_found_but_left_unresolved(tagger: TimexTagger) -> None:
    text = "Rebels attacked on Friday, and last week in September the army withdrew; on March 7, 2019 talks began."
    timexes = tagger.tag(text, None)
    friday, last_week, september = only(timexes, "Friday"), only(timexes, "last week"), only(timexes, "September")
    assert friday.value == "XXXX-WXX-5"
    assert last_week.value == "XXXX-WXX"
    assert september.value == "XXXX-09"
    for timex in (friday, last_week, september):
        assert timex.range_start is None and timex.range_end is None
        assert timex.precision is DatePrecision.unknown
    assert only(timexes, "March 7, 2019").value == "2019-03-07"


def test_offsets_point_into_the_text(tagger: TimexTagger) -> None:
    text = (
        "KABUL, March 12 (Reuters) -- A suicide bomber struck a wedding on Tuesday night, officials said,\n"
        "three weeks after a similar attack killed 40 people. The interior ministry said in January that\n"
        "attacks had risen for five years."
    )
    timexes = tagger.tag(text, DCT)
    assert [t.text for t in timexes] == ["March 12", "Tuesday night", "three weeks", "January", "five years"]
    for timex in timexes:
        assert text[timex.start : timex.end] == timex.text
    assert only(timexes, "Tuesday night").value == "2019-03-12TNI"
    assert only(timexes, "January").value == "2019-01"


def test_a_datetime_dct_is_read_as_its_date(tagger: TimexTagger) -> None:
    timexes = tagger.tag("Officials met on Monday.", dt.datetime(2019, 3, 13, 18, 30))
    assert only(timexes, "Monday").value == "2019-03-11"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-03-13", (dt.date(2019, 3, 13), dt.date(2019, 3, 13), DatePrecision.day)),
        ("2019-03-13TMO", (dt.date(2019, 3, 13), dt.date(2019, 3, 13), DatePrecision.day)),
        ("2019-W10", (dt.date(2019, 3, 4), dt.date(2019, 3, 10), DatePrecision.week)),
        ("2019-W10-WE", (dt.date(2019, 3, 9), dt.date(2019, 3, 10), DatePrecision.week)),
        ("2019-02", (dt.date(2019, 2, 1), dt.date(2019, 2, 28), DatePrecision.month)),
        ("2018-Q4", (dt.date(2018, 10, 1), dt.date(2018, 12, 31), DatePrecision.year)),
        ("2018-WI", (dt.date(2018, 12, 1), dt.date(2019, 2, 28), DatePrecision.year)),
        ("2019", (dt.date(2019, 1, 1), dt.date(2019, 12, 31), DatePrecision.year)),
        ("199X", (dt.date(1990, 1, 1), dt.date(1999, 12, 31), DatePrecision.year)),
        ("1998-10-XX", (dt.date(1998, 10, 1), dt.date(1998, 10, 31), DatePrecision.month)),
        ("P3W", (None, None, DatePrecision.unknown)),
        ("PRESENT_REF", (None, None, DatePrecision.unknown)),
        ("XXXX-09", (None, None, DatePrecision.unknown)),
        ("2019-02-30", (None, None, DatePrecision.unknown)),
    ],
)
def test_resolve_value(value: str, expected: tuple[dt.date | None, dt.date | None, DatePrecision]) -> None:
    assert resolve_value(value) == expected


def _shared_data() -> Path:
    configured = os.environ.get("GESTAE_SHARED_DATA")
    return Path(configured) if configured else Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.mark.shared
def test_tempeval_date_values_on_a_sample() -> None:
    corpus = _shared_data() / "time" / "tempeval3_aquaint.jsonl"
    if not corpus.exists():
        pytest.skip(f"TempEval-3 gold data not found at {corpus}")
    from gestae.evaluation.timex import evaluate

    figures = evaluate(corpus, limit=12)
    assert figures["documents"] == 12
    assert figures["gold_dates"] > 0
    assert figures["date_value_accuracy"] > 0.5
    assert figures["relaxed"]["recall"] > 0.5
    for sample in figures["errors"]:
        assert "[[" in sample["context"]


def test_day_ranges_without_publication_date_do_not_fail():
    from gestae.ground.time import TimexTagger

    found = TimexTagger().tag("The tests took place on May 11 and 13, officials said.", None)
    assert [t.text for t in found][:1] == ["May 11"]
    assert all(t.value.startswith("XXXX") for t in found)
