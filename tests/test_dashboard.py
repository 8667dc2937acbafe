"""The web dashboard in a real browser (Debian's Chromium driven by Playwright) against `gestae serve`.

Skips when Playwright or /usr/bin/chromium is missing. Nothing is downloaded: the browser is the system one,
and the test fails if the page asks any host other than the local server for anything.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from gestae.records import Article
from gestae.store import Store

CHROMIUM = Path(os.environ.get("GESTAE_CHROMIUM", "/usr/bin/chromium"))
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
SRC = Path(__file__).resolve().parents[1] / "src"

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed "
                                     "(pip install playwright; the browser is Debian's chromium, not a download)")
pytest.importorskip("fastapi", reason="the dashboard is served by the API, which needs FastAPI and uvicorn")
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium, or set GESTAE_CHROMIUM)",
                allow_module_level=True)

# Invented reports: a strike and a rally in Accra, border shelling, a ceasefire signed in Doha.
ARTICLES = [
    Article(id="gold-coast-1", source="Gold Coast Post", date=dt.date(2024, 9, 10), title="Nurses strike in Accra",
            text="Nurses went on strike in Accra on Monday to protest against unpaid allowances, the nurses' "
                 "association said. Police arrested six union leaders outside the health ministry on Monday."),
    Article(id="frontier-7", source="Frontier Daily", date=dt.date(2024, 9, 3), title="Shelling near Kharkiv",
            text="Russian forces shelled villages near Kharkiv on Sunday, killing two civilians, Ukrainian "
                 "officials said."),
    Article(id="gulf-22", source="Gulf Observer", date=dt.date(2024, 8, 22), title="Truce signed in Doha",
            text="Sudan's army and the Rapid Support Forces signed a ceasefire agreement in Doha on Wednesday. "
                 "Qatar's foreign minister praised both sides for the deal."),
]
PASTED = ("Soldiers clashed with armed youths in Warri on Monday, and three people were killed, residents said. "
          "Hundreds of traders marched in Lagos on Tuesday to protest against new market fees.")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, pipeline) -> Iterator[str]:
    """`gestae serve` in a subprocess on a free port, over a database of the articles above."""
    folder = tmp_path_factory.mktemp("dashboard")
    database = folder / "events.db"
    with Store.open(database) as store:
        for article in ARTICLES:
            store.add(pipeline.process(article))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-c", "from gestae.cli.main import app; app()", "serve", "--db", str(database),
               "--host", "127.0.0.1", "--port", "0", "--token", "dashboard-test"]
    log = (folder / "serve.log").open("w+", encoding="utf-8")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        yield _wait_until_up(process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait_until_up(process: subprocess.Popen, log, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            pytest.fail(f"gestae serve exited with {process.returncode}:\n{log.read()}")
        log.seek(0)
        found = re.search(r"at (http://127\.0\.0\.1:\d+)/", log.read())
        if found:
            try:
                with urllib.request.urlopen(found.group(1) + "/info", timeout=2) as answer:
                    if answer.status == 200:
                        return found.group(1)
            except OSError:
                pass
        time.sleep(0.2)
    pytest.fail("gestae serve did not start within a minute")


def api(base: str, path: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.load(answer)


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS,
            viewport={"width": 1400, "height": 1000})
        yield context
        context.close()


@pytest.fixture
def page(browser_context, server: str) -> Iterator:
    """A fresh tab that fails the test on any JavaScript error or any request to another host."""
    tab = browser_context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    tab.on("request", lambda request: None if request.url.startswith((server, "data:"))
           else problems.append(f"request to another host: {request.url}"))
    yield tab
    tab.close()
    assert not problems, problems


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("GESTAE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_dashboard(page, server: str) -> None:
    page.goto(server + "/")
    page.wait_for_selector("body[data-loaded=true]", timeout=20_000)
    page.wait_for_function("document.querySelector('#map').dataset.countries > 0", timeout=20_000)


def table_ids(page) -> list[int]:
    return [int(value) for value in page.eval_on_selector_all("#events-table tbody tr[data-id]",
                                                             "rows => rows.map(r => r.dataset.id)")]


def test_dashboard_draws_map_timeline_dyads_and_table(page, server: str, shots: Path) -> None:
    open_dashboard(page, server)
    events = api(server, "/events?limit=1000")
    points = api(server, "/events/points")["points"]
    assert events["total"] > 0 and points
    # Base map: country outlines served by gestae itself.
    assert page.locator("#map path.country").count() > 150
    # Markers: every placed event is in exactly one cluster.
    counts = page.eval_on_selector_all("#map g.marker", "ms => ms.map(m => Number(m.dataset.count))")
    assert counts and sum(counts) == len(points)
    # Timeline: one bar segment per day and type, adding up to the dated events.
    bar_total = sum(page.eval_on_selector_all("#timeline rect.bar", "bs => bs.map(b => Number(b.dataset.events))"))
    assert bar_total == sum(1 for item in events["items"] if item["date"])
    # Dyads matrix and the table.
    assert page.locator("#dyads table.dyad-matrix td[data-actor]").count() > 0
    assert sorted(table_ids(page)) == sorted(item["real_event_id"] for item in events["items"])[:25]
    assert page.locator("#table-count").inner_text() == f"({events['total']} real events)"
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
    assert (shots / "dashboard.png").stat().st_size > 20_000


def test_zoom_splits_clusters(page, server: str) -> None:
    open_dashboard(page, server)
    page.click("[data-zoom=fit]")
    page.wait_for_timeout(200)
    before = int(page.get_attribute("#map", "data-markers"))
    scale = float(page.get_attribute("#map", "data-scale"))
    for _ in range(4):
        page.click("[data-zoom=out]")
    page.wait_for_function(f"Number(document.querySelector('#map').dataset.scale) < {scale}")
    # Zoomed out to the whole world, nearby events merge: never more markers than before.
    assert int(page.get_attribute("#map", "data-markers")) <= before
    assert sum(page.eval_on_selector_all("#map g.marker", "ms => ms.map(m => Number(m.dataset.count))")) == \
        len(api(server, "/events/points")["points"])


def test_drag_pans_the_map(page, server: str) -> None:
    open_dashboard(page, server)
    page.wait_for_timeout(200)
    before = [float(v) for v in page.get_attribute("#map", "viewBox").split()]
    box = page.locator("#map").bounding_box()
    # Start the drag on open sea near the top-left corner, away from the markers.
    page.mouse.move(box["x"] + 20, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + 220, box["y"] + 120, steps=8)
    page.mouse.up()
    page.wait_for_timeout(200)
    after = [float(v) for v in page.get_attribute("#map", "viewBox").split()]
    scale = float(page.get_attribute("#map", "data-scale"))
    # Dragging right and down shows what lies west and north: the view moves by the drag over the scale.
    assert after[0] == pytest.approx(before[0] - 200 / scale, rel=0.05)
    assert after[1] == pytest.approx(before[1] - 100 / scale, rel=0.05)
    assert after[2:] == pytest.approx(before[2:])
    assert page.url.endswith("/")  # a drag is not a click on a marker


def test_api_docs_render_offline(page, server: str) -> None:
    page.goto(server + "/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=20_000)
    paths = page.eval_on_selector_all(".opblock-summary-path", "ps => ps.map(p => p.dataset.path)")
    assert {"/events", "/events/{real_event_id}", "/ingest", "/code"} <= set(paths)


def test_filter_by_type(page, server: str) -> None:
    open_dashboard(page, server)
    wanted = api(server, "/events?type=ASSAULT&limit=1000")
    assert 0 < wanted["total"] < api(server, "/events")["total"]
    page.check("#type-list input[value=ASSAULT]")
    page.click("#filters button[type=submit]")
    page.wait_for_function(f"document.querySelector('#events-table').dataset.total === '{wanted['total']}'")
    assert sorted(table_ids(page)) == sorted(item["real_event_id"] for item in wanted["items"])
    assert set(page.eval_on_selector_all("#events-table tbody tr", "rs => rs.map(r => r.dataset.type)")) == {"ASSAULT"}
    # The map redraws from its own request, after the table: wait for it, then check.
    page.wait_for_function(
        "[...document.querySelectorAll('#map g.marker')].every(m => m.dataset.type === 'ASSAULT')", timeout=10_000
    )
    assert set(page.eval_on_selector_all("#map g.marker", "ms => ms.map(m => m.dataset.type)")) <= {"ASSAULT"}


def test_event_page_highlights_the_evidence(page, server: str, shots: Path) -> None:
    open_dashboard(page, server)
    first = table_ids(page)[0]
    page.click(f"#events-table tbody tr[data-id='{first}']")
    page.wait_for_selector("#event-title")
    assert page.url.endswith(f"#/event/{first}")
    detail = api(server, f"/events/{first}")
    report = detail["reports"][0]
    card = page.locator(f"article.report[data-article='{report['article_id']}']").first
    for span in report["spans"]:
        if span["role"] == "mention":
            continue
        # Each highlighted stretch starts where the API says and reads the same text.
        marked = card.locator(f"mark[data-start='{span['start']}']").first
        assert span["role"] in marked.get_attribute("data-roles").split()
        joined = card.evaluate(
            "(node, span) => [...node.querySelectorAll('mark')].filter(m => Number(m.dataset.start) >= span.start"
            " && Number(m.dataset.end) <= span.end).map(m => m.textContent).join('')", span)
        assert joined == span["text"]
    assert card.locator("mark[data-role=trigger]").first.inner_text() == report["event"]["trigger"]["text"]
    page.screenshot(path=str(shots / "event.png"), full_page=True)


def test_paste_an_article_and_see_it_coded(page, server: str, shots: Path) -> None:
    expected = api(server, "/code", {"text": PASTED, "date": "2024-10-02"})
    assert expected["events"]
    before = api(server, "/info")["counts"]
    page.goto(server + "/#/code")
    page.fill("#code-text", PASTED)
    page.fill("#code-date", "2024-10-02")
    page.click("#code-submit")
    page.wait_for_selector(".coded-event", timeout=30_000)
    types = page.eval_on_selector_all(".coded-event", "cards => cards.map(c => c.dataset.type)")
    assert types == [item["event"]["event_type"] or "" for item in expected["events"]]
    triggers = page.eval_on_selector_all("#coded-text mark[data-role=trigger]", "ms => ms.map(m => m.textContent)")
    assert triggers == [item["event"]["trigger"]["text"] for item in expected["events"]]
    # Choosing one event shows only its own evidence.
    page.click(".coded-event >> nth=0")
    chosen = expected["events"][0]
    marked = page.eval_on_selector_all("#coded-text mark", "ms => ms.map(m => Number(m.dataset.start))")
    assert min(marked) == min(span["start"] for span in chosen["spans"])
    page.screenshot(path=str(shots / "code.png"), full_page=True)
    assert api(server, "/info")["counts"] == before  # nothing was stored
