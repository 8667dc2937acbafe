"""Reading articles from text, JSON Lines, JSON, CSV and HTML files, folders and standard input."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import tracemalloc
from pathlib import Path

import pytest

from gestae.ingest import DEFAULT_MAX_RECORD_BYTES, read_inputs
from gestae.ingest.dates import DateError, parse_article_date
from gestae.records import Article, InputProblem

DATA = Path(__file__).parent / "data" / "ingest"


def read_all(*paths: str | Path, **options) -> list[Article | InputProblem]:
    return list(read_inputs([str(path) for path in paths], **options))


def articles(items: list[Article | InputProblem]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def problems(items: list[Article | InputProblem]) -> list[InputProblem]:
    return [item for item in items if isinstance(item, InputProblem)]


def summary(items: list[Article | InputProblem]) -> list[tuple[str, str | int | None]]:
    """("article", id) or ("problem", line) for each item, in order."""
    return [("article", item.id) if isinstance(item, Article) else ("problem", item.line) for item in items]


# --- text files ---------------------------------------------------------------------------------


def test_text_file_with_date_header():
    [article] = read_all(DATA / "dated.txt")
    assert article.id == "dated"
    assert article.date == dt.date(2019, 3, 13)
    assert article.origin == str(DATA / "dated.txt")
    assert article.text.startswith("Government aircraft struck a fuel depot")
    assert article.text.endswith("The defence ministry did not comment.")
    # Only the header and the outer whitespace go: the rest is the file's text verbatim.
    raw = (DATA / "dated.txt").read_text(encoding="utf-8")
    assert article.text in raw
    assert "date" not in article.text.split()[0].lower()


def test_text_file_without_header_has_unknown_date():
    [article] = read_all(DATA / "undated.txt")
    assert article.date is None
    assert article.id == "undated"
    assert article.text.startswith("Farmers blocked the main highway")
    assert "\n\nThe blockade lasted six hours." in article.text


def test_impossible_header_date_is_a_problem_on_its_line():
    [problem] = read_all(DATA / "bad_date.txt")
    assert isinstance(problem, InputProblem)
    assert problem.line == 3
    assert str(problem).startswith(f"{DATA / 'bad_date.txt'}:3: ")
    assert "2019-02-30" in problem.message


def test_header_variants(tmp_path: Path):
    (tmp_path / "colon.txt").write_text("Date: 2020-05-01\n\nA curfew was imposed in the port city.\n")
    (tmp_path / "datetime.txt").write_text("date 2020-05-02T18:30:00+03:00 Troops withdrew from the bridge.")
    (tmp_path / "prose.txt").write_text("Date palms were burned in the southern groves, witnesses said.")
    (tmp_path / "future.txt").write_text("date 2999-01-01 A scheduled vote is expected.")
    (tmp_path / "header_only.txt").write_text("date 2020-05-03\n\n")
    names = ("colon.txt", "datetime.txt", "prose.txt", "future.txt", "header_only.txt")
    items = read_all(*(tmp_path / name for name in names))
    colon, with_time, prose, future, header_only = items
    assert (colon.date, colon.text) == (dt.date(2020, 5, 1), "A curfew was imposed in the port city.")
    assert (with_time.date, with_time.text) == (dt.date(2020, 5, 2), "Troops withdrew from the bridge.")
    assert prose.date is None and prose.text.startswith("Date palms")
    assert future.date == dt.date(2999, 1, 1)
    assert isinstance(header_only, InputProblem) and "no article text" in header_only.message


def test_windows_line_ends_become_newlines(tmp_path: Path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbfdate 2021-01-04\r\nStudents marched to the ministry.\r\nPolice used tear gas.\r\n")
    [article] = read_all(path)
    assert article.date == dt.date(2021, 1, 4)
    assert article.text == "Students marched to the ministry.\nPolice used tear gas."


# --- JSON Lines ---------------------------------------------------------------------------------


def test_jsonl_articles_and_problems_in_order():
    path = DATA / "articles.jsonl"
    items = read_all(path)
    assert summary(items) == [
        ("article", "lakeside-1"),
        ("article", "articles-2"),
        ("problem", 4),  # invalid JSON
        ("problem", 5),  # no text
        ("problem", 6),  # blank text
        ("problem", 7),  # text is a number
        ("problem", 8),  # 2021-02-30
        ("problem", 9),  # an array, not an object
        ("article", "lakeside-1~2"),
        ("problem", 10),  # note on the renamed duplicate
        ("article", "closing"),
    ]
    for problem in problems(items):
        assert str(problem).startswith(f"{path}:{problem.line}: ")
    first, second = articles(items)[:2]
    assert first.title == "Protest at Lakeside mill"
    assert first.url == "https://wire.example.org/lakeside-1"
    assert first.source == "Example Wire"
    assert first.origin == f"{path}:1"
    # A datetime keeps the day as written in its own offset, not the UTC day (June 4th).
    assert second.date == dt.date(2021, 6, 3)
    messages = {problem.line: problem.message for problem in problems(items)}
    assert "invalid JSON" in messages[4]
    assert "'text'" in messages[5] and "'text'" in messages[7]
    assert "2021-02-30" in messages[8]
    assert "lakeside-1" in messages[10] and "lakeside-1~2" in messages[10]


def test_generated_ids_are_stable():
    first = [item.id for item in articles(read_all(DATA / "articles.jsonl"))]
    second = [item.id for item in articles(read_all(DATA / "articles.jsonl"))]
    assert first == second
    assert "articles-2" in first


def test_jsonl_field_types_are_checked(tmp_path: Path):
    path = tmp_path / "types.jsonl"
    lines = [
        {"id": 17, "text": "Integer ids are kept as digits."},
        {"id": True, "text": "A boolean id is refused."},
        {"text": "A numeric date is refused.", "date": 20200101},
        {"text": "A numeric title is refused.", "title": 5},
        {"text": "A month is not a day.", "date": "2020-03"},
        {"text": "Empty optional fields are absent.", "date": "", "title": " ", "lang": "en"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    items = read_all(path)
    assert summary(items) == [
        ("article", "17"), ("problem", 2), ("problem", 3), ("problem", 4), ("problem", 5), ("article", "types-6")
    ]
    last = items[-1]
    assert last.date is None and last.title is None


def test_jsonl_line_that_is_not_utf8(tmp_path: Path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": "The mayor resigned."}).encode()
    bad = '{"text": "Caf\u00e9 owners protested."}'.encode("latin-1")
    path.write_bytes(good + b"\n" + bad + b"\n" + good + b"\n")
    assert summary(read_all(path)) == [("article", "mixed-1"), ("problem", 2), ("article", "mixed-3")]


def test_fifty_megabyte_line_is_skipped_in_bounded_memory(tmp_path: Path):
    path = tmp_path / "huge.jsonl"
    with path.open("w") as stream:
        stream.write(json.dumps({"id": "before", "text": "Rebels shelled the airport."}) + "\n")
        stream.write('{"id": "huge", "text": "')
        for _ in range(50):
            stream.write("a" * 1_000_000)
        stream.write('"}\n')
        stream.write(json.dumps({"id": "after", "text": "The airport reopened."}) + "\n")
    tracemalloc.start()
    try:
        items = read_all(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert summary(items) == [("article", "before"), ("problem", 2), ("article", "after")]
    assert "limit" in items[1].message and f"{DEFAULT_MAX_RECORD_BYTES:,}" in items[1].message
    assert peak < 3 * DEFAULT_MAX_RECORD_BYTES  # the 50 MB line never sat in memory whole


def test_text_file_over_the_limit(tmp_path: Path):
    path = tmp_path / "long.txt"
    path.write_text("date 2020-01-01 " + "The siege continued. " * 100)
    [problem] = read_all(path, max_record_bytes=1000)
    assert "1,000-byte limit" in problem.message
    assert read_all(path, max_record_bytes=10_000)[0].date == dt.date(2020, 1, 1)


def test_line_limit_is_configurable(tmp_path: Path):
    path = tmp_path / "limit.jsonl"
    short = json.dumps({"text": "Short report."})
    long = json.dumps({"text": "A much longer report about a ceasefire that broke down overnight."})
    path.write_text(f"{short}\n{long}\n")
    assert summary(read_all(path, max_record_bytes=len(short))) == [("article", "limit-1"), ("problem", 2)]
    with pytest.raises(ValueError):
        read_all(path, max_record_bytes=0)


# --- JSON documents -----------------------------------------------------------------------------


def test_json_array_reports_bad_elements_and_keeps_the_rest():
    path = DATA / "array.json"
    items = read_all(path)
    assert summary(items) == [("article", "summit-1"), ("problem", 7), ("article", "array-3")]
    assert items[0].date == dt.date(2023, 4, 20)
    assert items[2].origin == f"{path}:8"
    assert "found a string" in items[1].message


def test_single_pretty_printed_json_object():
    [article] = read_all(DATA / "single.json")
    assert (article.id, article.date, article.source) == ("election-day", dt.date(2024, 2, 11), "Example Daily")


def test_json_file_holding_json_lines(tmp_path: Path):
    path = tmp_path / "lines.json"
    path.write_text('{"text": "Shelling resumed at dawn."}\n{"text": "A truce was announced at noon."}\n')
    assert summary(read_all(path)) == [("article", "lines-1"), ("article", "lines-2")]


def test_json_lines_in_a_json_file_with_a_bad_first_line(tmp_path: Path):
    path = tmp_path / "lines.json"
    path.write_text('{"text": "Cut off\n{"text": "Shelling resumed at dawn."}\n')
    assert summary(read_all(path)) == [("problem", 1), ("article", "lines-2")]


def test_broken_json_document_is_one_problem(tmp_path: Path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "id": "x",\n  "text": "Unfinished\n}\n')
    [problem] = read_all(path)
    assert isinstance(problem, InputProblem) and problem.line == 3


def test_json_array_streams_large_elements_and_stops_at_an_oversized_one(tmp_path: Path):
    path = tmp_path / "big.json"
    elements = [
        {"text": "First."},
        {"text": "b" * 3_000_000},  # spans several read chunks but is under the limit
        {"text": "Third."},
        {"text": "c" * 6_000_000},  # over the limit: the scanner cannot find its end safely
        {"text": "Never reached."},
    ]
    path.write_text(json.dumps(elements))
    items = read_all(path)
    assert summary(items) == [("article", "big-1"), ("article", "big-2"), ("article", "big-3"), ("problem", 1)]
    assert len(items[1].text) == 3_000_000
    assert "rest of file skipped" in items[3].message


def test_json_array_element_over_a_small_limit_is_skipped(tmp_path: Path):
    path = tmp_path / "small.json"
    elements = [{"text": "Fine."}, {"text": "Too long for the limit set here."}, {"text": "Fine too."}]
    path.write_text(json.dumps(elements, indent=1))
    assert [kind for kind, _ in summary(read_all(path, max_record_bytes=30))] == ["article", "problem", "article"]


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_rows_in_order_with_problems_on_their_lines():
    path = DATA / "articles.csv"
    items = read_all(path)
    assert summary(items) == [
        ("article", "harbour-1"),
        ("article", "articles-3"),  # no id: named after the line the row starts on
        ("problem", 5),  # empty text
        ("problem", 6),  # 2020-02-30
        ("problem", 7),  # one field too many
        ("article", "harbour-6"),
    ]
    first, quoted = items[0], items[1]
    assert first.title == "Dock fire" and first.url == "https://port.example.com/1"
    assert first.date == dt.date(2020, 9, 14)
    assert quoted.text.endswith('compensation to the owners, "within weeks", her office said.')
    assert "\n" in quoted.text
    for problem in problems(items):
        assert str(problem).startswith(f"{path}:{problem.line}: ")


def test_csv_without_text_column(tmp_path: Path):
    path = tmp_path / "headless.csv"
    path.write_text("2021-01-01,Some report\n")
    [problem] = read_all(path)
    assert problem.line == 1 and "'text' column" in problem.message


def test_csv_allows_large_fields_up_to_the_limit(tmp_path: Path):
    path = tmp_path / "large.csv"
    body = "Delegates debated the budget. " * 20_000  # 600 KB, over csv's default field limit
    with path.open("w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "text"])
        writer.writerow(["long", body])
        writer.writerow(["short", "The session ended."])
    limit_before = csv.field_size_limit()
    assert summary(read_all(path)) == [("article", "long"), ("article", "short")]
    assert summary(read_all(path, max_record_bytes=100_000)) == [("problem", 2), ("article", "short")]
    assert csv.field_size_limit() == limit_before  # the process-wide setting is put back


def test_csv_row_that_is_not_utf8(tmp_path: Path):
    path = tmp_path / "mixed.csv"
    rows = ["id,text", "r1,The council met on Monday.", "r2,The caf\u00e9 owners walked out.", "r3,Talks resumed."]
    path.write_bytes(b"\n".join(row.encode("latin-1") for row in rows) + b"\n")
    items = read_all(path)
    assert summary(items) == [("article", "r1"), ("problem", 3), ("article", "r3")]
    assert "UTF-8" in items[1].message


# --- HTML ---------------------------------------------------------------------------------------


def test_html_page_main_text_title_and_date():
    [article] = read_all(DATA / "page.html")
    assert article.title == "Ferry workers strike in Port Halden"
    assert article.date == dt.date(2022, 11, 8)
    assert article.url == "https://courier.example.net/2022/11/ferry-strike"
    assert article.source == "Harbour Courier"
    assert "Hundreds of ferry workers walked off the job" in article.text
    assert "no arrests were reported" in article.text
    assert "Subscribe" not in article.text and "Weather" not in article.text


def test_html_page_without_text_is_a_problem():
    [problem] = read_all(DATA / "no_text.html")
    assert isinstance(problem, InputProblem) and "HTML" in problem.message


def test_html_date_is_not_guessed_from_body_text(tmp_path: Path):
    path = tmp_path / "undated.html"
    path.write_text(
        "<html><head><title>Talks</title></head><body><article><p>Envoys met in the capital on "
        "4 May 2021 to discuss prisoner exchanges, officials said after the meeting ended.</p>"
        "</article></body></html>"
    )
    [article] = read_all(path)
    assert article.date is None
    assert "prisoner exchanges" in article.text


def test_html_page_in_its_declared_charset(tmp_path: Path):
    path = tmp_path / "latin.html"
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Gr\u00e8ve</title></head><body><article><p>Les '
        "employ\u00e9s du caf\u00e9 de la gare ont d\u00e9clar\u00e9 une gr\u00e8ve lundi, selon le syndicat "
        "r\u00e9gional des transports.</p></article></body></html>"
    )
    path.write_bytes(page.encode("latin-1"))
    [article] = read_all(path)
    assert article.title == "Gr\u00e8ve"
    assert "employ\u00e9s du caf\u00e9" in article.text


# --- folders and standard input -----------------------------------------------------------------


def test_directory_is_read_recursively_in_name_order():
    items = read_all(DATA / "corpus")
    assert summary(items) == [
        ("article", "corpus-a"),
        ("article", "b_second"),
        ("article", "c_third"),
        ("article", "corpus-d"),
        ("article", "z_last"),
    ]
    origins = [item.origin for item in items]
    assert origins[2] == str(DATA / "corpus" / "nested" / "c_third.txt")
    assert all("hidden" not in item.text and "Markdown" not in item.text for item in items)


def test_empty_directory_is_a_problem(tmp_path: Path):
    (tmp_path / "readme.md").write_text("Not an article.")
    [problem] = read_all(tmp_path)
    assert problem.origin == str(tmp_path) and "no input files" in problem.message


def test_same_file_twice_keeps_both_with_distinct_ids():
    items = read_all(DATA / "dated.txt", DATA / "dated.txt", DATA / "dated.txt")
    assert summary(items) == [
        ("article", "dated"), ("article", "dated~2"), ("problem", None), ("article", "dated~3"), ("problem", None)
    ]
    assert items[0].text == items[1].text


def test_stdin_json_lines():
    stream = io.StringIO(
        '\n  {"id": "s1", "text": "Riot police cleared the square."}\n{"text": "Dozens were detained."}\n'
    )
    items = read_all("-", stdin=stream)
    assert summary(items) == [("article", "s1"), ("article", "stdin-3")]
    assert items[1].origin == "<stdin>:3"


def test_stdin_text_article():
    stream = io.StringIO("date 2017-08-21\nA car bomb exploded near the central bank.\n")
    [article] = read_all("-", stdin=stream)
    assert (article.id, article.date, article.origin) == ("stdin", dt.date(2017, 8, 21), "<stdin>")
    assert article.text == "A car bomb exploded near the central bank."


def test_stdin_bytes_are_checked_as_utf8():
    stream = io.TextIOWrapper(io.BytesIO("Caf\u00e9 owners protested.".encode("latin-1")), encoding="latin-1")
    [problem] = read_all("-", stdin=stream)
    assert problem.origin == "<stdin>" and "UTF-8" in problem.message


def test_empty_stdin_is_a_problem():
    [problem] = read_all("-", stdin=io.StringIO("  \n"))
    assert problem.origin == "<stdin>" and "empty" in problem.message


# --- unusable input never stops the batch -------------------------------------------------------


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_text("\n  \n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("Line one is fine.\nThe caf\u00e9 was closed.\n".encode("latin-1"))
    (tmp_path / "empty.csv").write_text("id,text\n")
    paths = [tmp_path / "missing.txt", tmp_path / "empty.txt", tmp_path / "blank.jsonl", tmp_path / "image.txt",
             tmp_path / "latin1.txt", tmp_path / "empty.csv", DATA / "undated.txt"]
    items = read_all(*paths)
    assert [type(item) for item in items] == [InputProblem] * 5 + [Article]
    missing, empty, blank, image, latin1 = items[:5]
    assert "no such file" in missing.message
    assert "empty" in empty.message and "empty" in blank.message
    assert "binary" in image.message
    assert latin1.line == 2 and "UTF-8" in latin1.message
    assert items[-1].id == "undated"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read files without permission")
def test_unreadable_file(tmp_path: Path):
    path = tmp_path / "locked.txt"
    path.write_text("Secret report.")
    path.chmod(0)
    try:
        [problem] = read_all(path)
    finally:
        path.chmod(0o644)
    assert "permission" in problem.message.lower()


def test_file_that_cannot_be_opened(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    # Runs everywhere, unlike the chmod test above: opening one file fails as it would without permission.
    from gestae.ingest import readers

    locked = tmp_path / "locked.txt"
    locked.write_text("Secret report.")

    def deny(path, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(readers, "open", deny, raising=False)
    items = read_all(locked, DATA / "undated.txt")
    assert summary(items) == [("problem", None), ("article", "undated")]
    assert items[0].origin == str(locked) and "permission denied" in items[0].message


def test_dangling_link_in_directory_is_reported(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Troops entered the village.")
    (tmp_path / "b.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "c.txt").write_text("The village was retaken.")
    items = read_all(tmp_path)
    assert summary(items) == [("article", "a"), ("problem", None), ("article", "c")]
    assert items[1].origin == str(tmp_path / "b.txt")


def test_reading_is_lazy(tmp_path: Path):
    path = tmp_path / "later.txt"
    items = read_inputs([str(DATA / "dated.txt"), str(path)])
    assert next(items).id == "dated"
    path.write_text("Written after the first article was read.")  # the second path is opened only now
    assert next(items).id == "later"


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-03-13", dt.date(2019, 3, 13)),
        (" 2019-03-13 ", dt.date(2019, 3, 13)),
        ("2019-03-13T10:00:00Z", dt.date(2019, 3, 13)),
        ("2019-03-13 23:59", dt.date(2019, 3, 13)),
        ("2020-02-29", dt.date(2020, 2, 29)),
    ],
)
def test_iso_dates(value: str, expected: dt.date):
    assert parse_article_date(value) == expected


@pytest.mark.parametrize(
    "value", ["2019-02-30", "2019-13-01", "0000-01-01", "2019-03-13T25:00", "13/03/2019", "2019-03", "March 13, 2019"]
)
def test_not_dates(value: str):
    with pytest.raises(DateError):
        parse_article_date(value)
