"""The HTTP API on a real temporary database filled by coding articles written for these tests."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the API needs FastAPI (pip install fastapi uvicorn fastapi-offline)")
pytest.importorskip("fastapi_offline", reason="the API docs need fastapi-offline")

from fastapi.testclient import TestClient  # noqa: E402

from gestae.api import ApiSettings, create_app, resolve_token, token_file_for  # noqa: E402
from gestae.api.jobs import CodingService  # noqa: E402
from gestae.api.spans import event_spans  # noqa: E402
from gestae.records import Article  # noqa: E402
from gestae.store import EventFilter, Store  # noqa: E402

TOKEN = "test-token-7f3a"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

# Invented reports: the same Nairobi march told by two outlets, an attack in Mali, talks in Addis Ababa.
ARTICLES = [
    Article(id="herald-0612", source="Lakeside Herald", date=dt.date(2024, 6, 12),
            title="Teachers tear-gassed in Nairobi",
            text="Police fired tear gas at hundreds of teachers who marched through Nairobi on Tuesday to demand "
                 "unpaid salaries. The teachers' union said members would stay off work until the arrears are paid."),
    Article(id="coast-0613", source="Coastal Times", date=dt.date(2024, 6, 13),
            title="Nairobi police disperse teachers",
            text="Kenyan police fired tear gas on Tuesday to break up a march by teachers in Nairobi who were "
                 "demanding months of unpaid salaries, witnesses said."),
    Article(id="sahel-0304", source="Sahel Wire", date=dt.date(2024, 3, 4), title="Army post attacked near Gao",
            text="Gunmen attacked an army post near Gao on Saturday, killing four soldiers, the Malian army said. "
                 "The army said it had launched an operation to find the attackers."),
    Article(id="horn-0515", source="Horn Dispatch", date=dt.date(2024, 5, 15), title="Ruto and Abiy meet",
            text="Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Addis Ababa on Tuesday "
                 "to discuss border security. The two leaders signed an agreement on cross-border trade."),
]
LATE_ARTICLE = {
    "id": "delta-0702", "source": "Delta Courier", "date": "2024-07-02", "title": "Clashes in Warri",
    "text": "Soldiers clashed with armed youths in Warri on Monday, and three people were killed, residents said.",
}


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory, pipeline) -> Path:
    path = tmp_path_factory.mktemp("api") / "events.db"
    with Store.open(path) as store:
        for article in ARTICLES:
            assert store.add(pipeline.process(article)).stored
    return path


@pytest.fixture(scope="module")
def client(db_path: Path, pipeline) -> Iterator[TestClient]:
    app = create_app(ApiSettings(database=str(db_path), token=TOKEN, max_body_bytes=256 * 1024),
                     coder=CodingService(lambda: pipeline))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def stored(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path, create=False) as store:
        yield store


def all_events(client: TestClient, **params) -> list[dict]:
    page = client.get("/events", params={**params, "limit": 1000})
    assert page.status_code == 200, page.text
    return page.json()["items"]


# --- reading events -------------------------------------------------------------------------------------------


def test_events_are_the_real_events_of_the_store(client: TestClient, stored: Store) -> None:
    body = client.get("/events").json()
    expected = {real.cluster_id for real in stored.events(EventFilter())}
    assert body["total"] == len(expected) > 0
    assert {item["real_event_id"] for item in body["items"]} == expected
    # The march told by two outlets is one real event with both articles behind it.
    marches = [item for item in body["items"] if item["event_type"] == "PROTEST" and item["location"] == "Nairobi"]
    assert len(marches) == 1
    assert marches[0]["num_sources"] == 2 and marches[0]["num_articles"] == 2
    assert set(marches[0]["sources"].split("; ")) == {"Lakeside Herald", "Coastal Times"}


@pytest.mark.parametrize("params, expected", [
    ({"type": "ASSAULT"}, EventFilter(types=("ASSAULT",))),
    ({"type": "assault,consult"}, EventFilter(types=("ASSAULT", "CONSULT"))),
    ({"country": "mli"}, EventFilter(country=("MLI",))),
    ({"actor": "ruto"}, EventFilter(actor="ruto")),
    ({"since": "2024-05-01", "until": "2024-05-31"},
     EventFilter(since=dt.date(2024, 5, 1), until=dt.date(2024, 5, 31))),
    ({"min_sources": 2}, EventFilter(min_sources=2)),
    ({"text": "tear"}, EventFilter(text="tear")),
    ({"bbox": "33,-5,42,5"}, EventFilter(bbox=(33.0, -5.0, 42.0, 5.0))),
    ({"admin1": "Nairobi City"}, EventFilter(admin1="Nairobi City")),
    ({"modality": "any"}, EventFilter(modality=None)),
])
def test_filters_select_what_the_store_selects(client: TestClient, stored: Store, params: dict,
                                               expected: EventFilter) -> None:
    found = {item["real_event_id"] for item in all_events(client, **params)}
    assert found == {real.cluster_id for real in stored.events(expected)}


def test_filters_narrow_to_matching_rows(client: TestClient) -> None:
    everything = all_events(client)
    assaults = all_events(client, type="ASSAULT")
    assert assaults and len(assaults) < len(everything)
    assert {item["event_type"] for item in assaults} == {"ASSAULT"}
    assert {item["country"] for item in all_events(client, country="MLI")} == {"MLI"}
    for item in all_events(client, actor="ruto"):
        assert "ruto" in f"{item['actor']} {item['recipient']}".lower()
    for item in all_events(client, bbox="33,-5,42,5"):
        assert 33 <= item["longitude"] <= 42 and -5 <= item["latitude"] <= 5
    for item in all_events(client, since="2024-05-01", until="2024-05-31"):
        assert "2024-05-01" <= item["date"] <= "2024-05-31"
    assert all(item["num_sources"] >= 2 for item in all_events(client, min_sources=2))
    assert all("tear" in item["evidence"].lower() for item in all_events(client, text="tear"))


def test_paging_walks_every_event_once_in_order(client: TestClient) -> None:
    full = [item["real_event_id"] for item in all_events(client, sort="date")]
    seen, offset, pages = [], 0, 0
    while offset is not None:
        page = client.get("/events", params={"limit": 2, "offset": offset, "sort": "date"}).json()
        assert len(page["items"]) <= 2
        seen += [item["real_event_id"] for item in page["items"]]
        offset = page["next_offset"]
        pages += 1
    assert seen == full
    assert pages == (len(full) + 1) // 2
    beyond = client.get("/events", params={"offset": len(full) + 10}).json()
    assert beyond["items"] == [] and beyond["next_offset"] is None and beyond["total"] == len(full)


@pytest.mark.parametrize("sort, field", [
    ("date", "date"), ("-date", "date"), ("-goldstein", "goldstein"), ("goldstein", "goldstein"),
    ("-sources", "num_sources"), ("id", "real_event_id"),
])
def test_sorting(client: TestClient, sort: str, field: str) -> None:
    values = [item[field] for item in all_events(client, sort=sort) if item[field] is not None]
    assert len(values) > 2
    assert values == sorted(values, reverse=sort.startswith("-"))


def test_event_detail_has_reports_mentions_and_evidence_spans(client: TestClient) -> None:
    (march,) = [item for item in all_events(client, type="PROTEST") if item["location"] == "Nairobi"]
    detail = client.get(f"/events/{march['real_event_id']}").json()
    assert detail["summary"] == march
    assert {report["article_id"] for report in detail["reports"]} == {"herald-0612", "coast-0613"}
    assert sum(report["representative"] for report in detail["reports"]) == 1
    assert detail["reports"][0]["representative"]
    for report in detail["reports"]:
        text = client.get(f"/articles/{report['article_id']}").json()["text"]
        event = report["event"]
        roles = {span["role"]: span for span in report["spans"]}
        # Every span is exactly the text it claims, and the trigger and place are the record's own offsets.
        for span in report["spans"]:
            assert text[span["start"]:span["end"]] == span["text"]
        trigger = event["trigger"]
        assert (roles["trigger"]["start"], roles["trigger"]["end"]) == (trigger["start"], trigger["end"])
        assert roles["location"]["text"] == event["location"]["text"]
        # The date is found inside the event's own sentence.
        assert roles["date"]["text"] == event["date"]["text"]
        assert event["sentence"]["start"] <= roles["date"]["start"] < event["sentence"]["end"]
        for mention in event["mentions"]:
            assert mention["article_id"] == report["article_id"]
            assert mention["sentence_text"] in text


def test_articles_list_and_detail(client: TestClient) -> None:
    page = client.get("/articles").json()
    ids = [item["id"] for item in page["items"]]
    assert set(ARTICLES_IDS) <= set(ids)
    dates = [item["date"] for item in page["items"]]
    assert dates == sorted(dates, reverse=True)
    by_source = client.get("/articles", params={"source": "sahel wire"}).json()["items"]
    assert [item["id"] for item in by_source] == ["sahel-0304"]
    detail = client.get("/articles/horn-0515").json()
    assert detail["text"] == ARTICLES[3].text and detail["title"] == "Ruto and Abiy meet"
    assert detail["num_events"] == len(detail["events"]) > 0
    known = {item["real_event_id"] for item in all_events(client, modality="any")}
    for coded in detail["events"]:
        assert coded["real_event_id"] in known
        assert coded["event"]["article_id"] == "horn-0515"
        trigger = next(span for span in coded["spans"] if span["role"] == "trigger")
        assert trigger["text"] == coded["event"]["trigger"]["text"]


ARTICLES_IDS = [article.id for article in ARTICLES]


def test_stats_add_up_to_the_selection(client: TestClient) -> None:
    events = all_events(client)
    dyads = client.get("/stats/dyads").json()
    assert sum(row["events"] for row in dyads["total"]) == len(events)
    for row in dyads["total"]:
        assert row["cooperation"] + row["conflict"] <= row["events"]
        if row["goldstein_mean"] is not None:
            assert -10 <= row["goldstein_mean"] <= 10
    # Talks between two leaders are cooperation; the attack in Mali is conflict.
    talks = [row for row in dyads["total"] if "Ruto" in row["actor"] and "Abiy" in row["recipient"]]
    assert talks and talks[0]["goldstein_mean"] > 0
    attacks = client.get("/stats/dyads", params={"type": "ASSAULT"}).json()["total"]
    assert attacks and all(row["goldstein_sum"] < 0 for row in attacks)
    dated = [item for item in events if item["date"]]
    timeline = client.get("/stats/timeline").json()
    assert sum(row["events"] for row in timeline) == len(dated)
    assert {row["day"] for row in timeline} == {item["date"] for item in dated}
    regions = client.get("/stats/regions").json()
    assert sum(row["events"] for row in regions["total"]) == len(dated)
    assert {row["country"] for row in regions["total"]} >= {"KEN", "MLI", "ETH"}


def test_map_points_are_the_placed_events(client: TestClient) -> None:
    placed = {item["real_event_id"] for item in all_events(client) if item["latitude"] is not None}
    body = client.get("/events/points").json()
    assert not body["truncated"]
    assert {point["id"] for point in body["points"]} == placed
    talks = client.get("/events/points", params={"type": "CONSULT"}).json()["points"]
    assert {point["type"] for point in talks} == {"CONSULT"}


def test_exports(client: TestClient) -> None:
    total = len(all_events(client))
    lines = client.get("/export", params={"format": "plover-json"})
    assert lines.status_code == 200 and "attachment" in lines.headers["content-disposition"]
    assert len(lines.text.strip().splitlines()) == total
    geo = client.get("/export", params={"format": "geojson", "country": "KEN"}).json()
    assert geo["features"] and all(f["properties"]["country"] == "KEN" for f in geo["features"])
    parquet = client.get("/export", params={"format": "parquet"})
    assert parquet.content[:4] == b"PAR1"


def test_info_and_basemap(client: TestClient, stored: Store) -> None:
    info = client.get("/info").json()
    assert info["counts"] == stored.counts() and not info["protected_reads"]
    world = client.get("/basemap/world.geojson").json()
    assert len(world["features"]) > 150
    kenya = next(f for f in world["features"] if f["properties"]["iso3"] == "KEN")
    # Simplification must keep geography: Nairobi lies inside Kenya's outline, Addis Ababa does not.
    assert inside((36.82, -1.29), kenya["geometry"])
    assert not inside((38.75, 9.03), kenya["geometry"])


def inside(point: tuple[float, float], geometry: dict) -> bool:
    x, y = point
    hit = False
    for polygon in geometry["coordinates"]:
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                    hit = not hit
    return hit


def test_docs_are_served_without_any_external_url(client: TestClient) -> None:
    for path in ("/docs", "/redoc"):
        page = client.get(path)
        assert page.status_code == 200
        assert not re.search(r"https?://", page.text), path
        for asset in re.findall(r"(/docs-assets/[\w.\-]+)", page.text):
            assert client.get(asset).status_code == 200, asset
    schema = client.get("/openapi.json").json()
    assert {"/events", "/events/{real_event_id}", "/articles", "/stats/dyads", "/ingest", "/code",
            "/jobs/{job_id}", "/export"} <= set(schema["paths"])
    assert schema["paths"]["/events"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]\
        .endswith("/EventPage")


# --- coding ---------------------------------------------------------------------------------------------------


def test_code_returns_events_with_spans_and_stores_nothing(client: TestClient, stored: Store) -> None:
    before = stored.counts()
    text = "Rebels shelled the town of Goma on Monday, killing three civilians, the Congolese army said."
    answer = client.post("/code", json={"text": text, "date": "2024-02-07"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["article"]["text"] == text
    assert body["events"]
    attack = next(item for item in body["events"] if item["event"]["event_type"] == "ASSAULT")
    assert attack["event"]["date"]["start"] == "2024-02-05"  # the Monday before the Wednesday it was published
    assert {span["role"] for span in attack["spans"]} >= {"trigger", "location", "date"}
    for span in attack["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]
    assert stored.counts() == before


def test_ingest_job_codes_and_stores_in_the_background(client: TestClient, stored: Store) -> None:
    before = stored.counts()
    again = {"id": "herald-0612", "text": ARTICLES[0].text, "date": "2024-06-12", "source": "Lakeside Herald"}
    accepted = client.post("/ingest", json={"articles": [LATE_ARTICLE, again]}, headers=AUTH)
    assert accepted.status_code == 202, accepted.text
    job_id = accepted.json()["job_id"]
    assert accepted.json()["status_url"].endswith(f"/jobs/{job_id}")
    status = wait_for_job(client, job_id)
    assert status["state"] == "done", status
    assert (status["articles"], status["processed"], status["stored"], status["skipped"]) == (2, 2, 1, 1)
    assert status["article_ids"] == ["delta-0702"]
    after = stored.counts()
    assert after["articles"] == before["articles"] + 1
    assert after["events"] == before["events"] + status["events"]
    article = client.get("/articles/delta-0702").json()
    assert article["source"] == "Delta Courier" and article["num_events"] == status["events"]


def wait_for_job(client: TestClient, job_id: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        status = client.get(f"/jobs/{job_id}").json()
        if status["state"] in ("done", "failed") or time.monotonic() > deadline:
            return status
        time.sleep(0.1)


# --- errors and the token -------------------------------------------------------------------------------------


@pytest.mark.parametrize("method, path, kwargs, code", [
    ("get", "/events/999999", {}, 404),
    ("get", "/events/abc", {}, 422),
    ("get", "/events/99999999999999999999", {}, 422),
    ("get", "/articles/no-such-article", {}, 404),
    ("get", "/jobs/no-such-job", {}, 404),
    ("get", "/nowhere", {}, 404),
    ("get", "/events", {"params": {"since": "last week"}}, 422),
    ("get", "/events", {"params": {"since": "2024-06-01", "until": "2024-05-01"}}, 422),
    ("get", "/events", {"params": {"type": "RIOT"}}, 422),
    ("get", "/events", {"params": {"bbox": "1,2,3"}}, 422),
    ("get", "/events", {"params": {"bbox": "east,2,3,4"}}, 422),
    ("get", "/events", {"params": {"bbox": "40,0,30,10"}}, 422),
    ("get", "/events", {"params": {"limit": 0}}, 422),
    ("get", "/events", {"params": {"limit": 5000}}, 422),
    ("get", "/events", {"params": {"offset": -1}}, 422),
    ("get", "/events", {"params": {"sort": "colour"}}, 422),
    ("get", "/events", {"params": {"modality": "rumoured"}}, 422),
    ("get", "/events", {"params": {"min_sources": -2}}, 422),
    ("get", "/events", {"params": {"country": "Kenya"}}, 422),
    ("get", "/events", {"params": {"text": '"unbalanced'}}, 400),
    ("get", "/events/points", {"params": {"text": "AND"}}, 400),
    ("get", "/stats/dyads", {"params": {"type": "NOPE"}}, 422),
    ("get", "/stats/dyads", {"params": {"text": '"unbalanced'}}, 400),
    ("get", "/stats/regions", {"params": {"text": '"unbalanced'}}, 400),
    ("get", "/stats/timeline", {"params": {"text": '"unbalanced'}}, 400),
    ("get", "/export", {"params": {"text": '"unbalanced'}}, 400),
    ("get", "/events", {"params": {"sort": "--date"}}, 422),
    ("get", "/export", {"params": {"format": "xlsx"}}, 422),
    ("get", "/articles", {"params": {"since": "2024-13-01"}}, 422),
    ("post", "/code", {"json": {"text": ""}}, 422),
    ("post", "/code", {"json": {"date": "2024-01-01"}}, 422),
    ("post", "/code", {"json": {"text": "Police fired.", "date": "yesterday"}}, 422),
    ("post", "/code", {"json": {"text": "Police fired.", "colour": "red"}}, 422),
    ("post", "/code", {"json": {"text": "Police fired on Friday.", "date": "0001-01-01"}}, 422),
    ("post", "/code", {"content": b'{"text": "\\ud800 Police"}', "headers": {"content-type": "application/json"}}, 422),
    ("post", "/code", {"content": b"text=Police",
                       "headers": {"content-type": "application/x-www-form-urlencoded"}}, 422),
    ("post", "/code", {"json": ["not", "an", "object"]}, 422),
    ("post", "/code", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 422),
    ("post", "/code", {"content": json.dumps({"text": "x" * 300_000}).encode(),
                       "headers": {"content-type": "application/json"}}, 413),
    ("post", "/code", {"json": {"text": "x" * 200_001}}, 422),
    ("post", "/ingest", {"json": {"articles": []}, "headers": AUTH}, 422),
    ("post", "/ingest", {"json": {"articles": "all of them"}, "headers": AUTH}, 422),
    ("post", "/ingest", {"json": {"articles": [{"id": "x"}]}, "headers": AUTH}, 422),
    ("get", "/ingest", {}, 405),
])
def test_bad_requests_get_json_4xx(client: TestClient, method: str, path: str, kwargs: dict, code: int) -> None:
    answer = getattr(client, method)(path, **kwargs)
    assert answer.status_code == code, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    assert isinstance(answer.json()["detail"], str) and answer.json()["detail"]


def test_writes_need_the_token(client: TestClient, stored: Store) -> None:
    before = stored.counts()
    body = {"articles": [{"text": "Protesters marched in Lagos on Friday.", "date": "2024-04-05"}]}
    missing = client.post("/ingest", json=body)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert client.post("/ingest", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert client.post("/ingest", json=body, headers={"Authorization": TOKEN}).status_code == 401
    assert stored.counts() == before


def test_protected_reads(db_path: Path, pipeline) -> None:
    app = create_app(ApiSettings(database=str(db_path), token=TOKEN, protected_reads=True),
                     coder=CodingService(lambda: pipeline))
    with TestClient(app) as protected:
        for path in ("/events", "/events/points", "/articles", "/stats/dyads", "/info", "/export"):
            assert protected.get(path).status_code == 401, path
            assert protected.get(path, headers=AUTH).status_code == 200, path
        assert protected.post("/code", json={"text": "Police fired tear gas."}).status_code == 401
        # The dashboard itself, its files, the base map and the docs stay reachable: they hold no events.
        for path in ("/", "/static/js/main.js", "/basemap/world.geojson", "/docs"):
            assert protected.get(path).status_code == 200, path
        assert protected.get("/info", headers=AUTH).json()["protected_reads"] is True


def test_token_comes_from_option_environment_or_a_private_file(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GESTAE_API_TOKEN", raising=False)
    database = tmp_path / "events.db"
    first = resolve_token(database)
    assert first.origin == "generated" and len(first.token) >= 24
    assert first.path == token_file_for(database) == tmp_path / "events.db.api-token"
    assert stat.S_IMODE(os.stat(first.path).st_mode) == 0o600
    again = resolve_token(database)
    assert (again.origin, again.token) == ("file", first.token)
    monkeypatch.setenv("GESTAE_API_TOKEN", "from-env")
    assert resolve_token(database).token == "from-env"
    assert resolve_token(database, "from-option").token == "from-option"
    assert resolve_token(tmp_path / "other.db", None).origin == "environment"


def test_date_span_prefers_the_event_sentence(pipeline) -> None:
    # The first "Friday" is nearer the trigger, but the arrest's date is read from its own sentence.
    text = ("The council met on Friday. Police arrested two journalists who had reported from the flooded "
            "districts of Kisumu and then held them without charge since Friday, their editor said.")
    result = pipeline.process(Article(id="spans", text=text, date=dt.date(2024, 3, 11)))
    arrest = next(event for event in result.events if event.trigger.text.startswith("arrest"))
    spans = {span.role: span for span in event_spans(arrest, text)}
    assert arrest.trigger.start - text.index("Friday") < text.rindex("Friday") - arrest.trigger.start
    assert spans["date"].text == "Friday"
    assert spans["date"].start == text.rindex("Friday")
    assert spans["trigger"].text == arrest.trigger.text
