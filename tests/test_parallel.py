"""Coding in parallel: worker processes and a Dask cluster give the same events, in input order, as one process."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gestae.config import PipelineConfig
from gestae.parallel import InProcessEngine, ProcessPoolEngine, WorkerError, count_articles, open_engine
from gestae.parallel.batching import chunked, peek
from gestae.records import Article

# Short reports written for these tests: each has something to code (or, the fourth, nothing).
REPORTS = [
    ("riot-1", "2024-04-02", "Police fired tear gas at thousands of protesters in Nairobi on Tuesday."),
    ("strike-2", "2024-04-03", "Russian missiles struck an apartment block in Kharkiv overnight, killing four people."),
    ("talks-3", "2024-04-04", "Sudan's army chief met the Egyptian president in Cairo on Thursday to discuss a truce."),
    ("weather-4", "2024-04-05", "Sunny skies are expected across the coast for the rest of the week."),
    ("arrest-5", "2024-04-06", "Soldiers arrested a local journalist in Bamako on Saturday, his family said."),
    ("ambush-6", "2024-04-07", "Gunmen ambushed a military convoy near Maiduguri, killing seven soldiers."),
]


def _articles(copies: int = 1) -> list[Article]:
    return [Article(id=f"{rid}-{n}", date=dt.date.fromisoformat(day), text=text)
            for n in range(copies) for rid, day, text in REPORTS]


def _dumped(results) -> list[dict]:
    return [result.model_dump(mode="json") for result in results]


@pytest.fixture(scope="module")
def reference():
    """The results of coding in this process: what every engine must reproduce."""
    with InProcessEngine(PipelineConfig()) as engine:
        return _dumped(engine.map(_articles(copies=3)))


def test_chunks_and_peek_read_no_further_than_needed():
    pulled = []

    def numbers():
        for n in range(10):
            pulled.append(n)
            yield n

    assert [len(c) for c in chunked(numbers(), 4)] == [4, 4, 2]
    pulled.clear()
    head, everything, ended = peek(numbers(), 3)
    assert head == [0, 1, 2] and not ended and pulled == [0, 1, 2]
    assert list(everything) == list(range(10))
    assert peek(iter([1]), 3)[2] is True


def test_worker_processes_give_the_same_results_in_input_order(reference):
    articles = _articles(copies=3)
    # Small chunks and a narrow window: results arrive out of order and must be put back in order.
    with ProcessPoolEngine(PipelineConfig(), workers=2, chunk_size=2, max_pending=3) as engine:
        results = list(engine.map(articles))
        assert len(engine.worker_pids) == 2 and os.getpid() not in engine.worker_pids
    assert [r.article.id for r in results] == [a.id for a in articles]
    assert _dumped(results) == reference
    assert any(r.events for r in results) and not results[3].events  # the weather report codes nothing


def test_spawn_start_method_codes_the_same(reference):
    with ProcessPoolEngine(PipelineConfig(), workers=2, chunk_size=4, start_method="spawn") as engine:
        assert _dumped(engine.map(_articles(copies=3))) == reference


def test_local_engine_codes_small_inputs_in_process():
    with open_engine(PipelineConfig(), workers=2) as engine:
        results = list(engine.map(_articles()))
        assert engine.worker_pids == []  # six articles: starting workers would cost more than it saves
    assert [r.article.id for r in results] == [a.id for a in _articles()]


def test_a_failing_article_is_named_or_kept_with_a_note():
    # spaCy refuses texts over its max_length (1,000,000 characters): a real failure inside a worker.
    config = PipelineConfig()
    huge = Article(id="too-long", text="word " * 300_000)  # over spaCy's default max_length of 1,000,000
    articles = [*_articles(), huge, *_articles()]
    with ProcessPoolEngine(config, workers=2, chunk_size=3) as engine:
        with pytest.raises(WorkerError, match="too-long"):
            list(engine.map(articles))
    with ProcessPoolEngine(config, workers=2, chunk_size=3, keep_going=True) as engine:
        results = list(engine.map(articles))
    assert [r.article.id for r in results] == [a.id for a in articles]
    failed = [r for r in results if any(n.startswith("coding failed") for n in r.notes)]
    assert [r.article.id for r in failed] == ["too-long"]


def test_a_missing_model_stops_the_workers_with_model_not_installed():
    from gestae.nlp.model import ModelNotInstalled

    with pytest.raises(ModelNotInstalled):
        ProcessPoolEngine(PipelineConfig(spacy_model="no_such_model_xx"), workers=2).start()


def test_count_articles_counts_lines_and_files(tmp_path):
    (tmp_path / "news.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}')
    (tmp_path / "one.txt").write_text("Rebels shelled the town.")
    (tmp_path / ".hidden.txt").write_text("not read")
    assert count_articles([str(tmp_path)]) == 4
    assert count_articles([str(tmp_path / "news.jsonl"), "-"]) is None
    (tmp_path / "table.csv").write_text("text\nsomething\n")
    assert count_articles([str(tmp_path)]) is None


def _cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", "from gestae.cli.main import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)


def _write_jsonl(path: Path, articles: list[Article]) -> None:
    path.write_text("".join(json.dumps({"id": a.id, "date": a.date.isoformat(), "text": a.text}) + "\n"
                            for a in articles))


def test_code_with_workers_writes_what_one_process_writes(tmp_path):
    corpus = tmp_path / "news.jsonl"
    _write_jsonl(corpus, _articles(copies=8))  # 48 articles: enough for the worker pool to start
    single = _cli("code", str(corpus), "--workers", "1")
    pooled = _cli("code", str(corpus), "--workers", "2")
    assert single.returncode == pooled.returncode == 0, pooled.stderr
    assert pooled.stdout == single.stdout and single.stdout.count("\n") > 20


def _summary(stdout: str) -> dict[str, int]:
    rows = (line.strip("│ ").split("│") for line in stdout.splitlines() if line.count("│") == 3)
    return {name.strip(): int(value) for name, value in rows}


def test_ingest_with_workers_stores_every_new_article(tmp_path):
    from gestae.bench.synthetic import write_jsonl

    corpus = tmp_path / "news.jsonl"
    write_jsonl(corpus, articles=40)  # invented reports, each different, so none is a duplicate
    db = tmp_path / "events.sqlite"
    first = _cli("ingest", str(corpus), "--db", str(db), "--workers", "2", "--no-progress")
    assert first.returncode == 0, first.stderr
    counts = _summary(first.stdout)
    assert counts["new"] == 40 and counts["events"] > 40
    again = _summary(_cli("ingest", str(corpus), "--db", str(db), "--workers", "2", "--no-progress").stdout)
    assert again["new"] == 0 and again["skipped (already stored)"] == 40


def test_unknown_engine_is_a_usage_error(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Rebels shelled the town.")
    result = _cli("code", str(article), "--engine", "spark")
    assert result.returncode == 2 and "engine must be one of local, dask" in result.stderr


def test_ctrl_c_stops_the_workers_cleanly(tmp_path):
    from gestae.bench.synthetic import write_jsonl

    corpus = tmp_path / "long.jsonl"
    write_jsonl(corpus, articles=3000)
    process = subprocess.Popen(
        [sys.executable, "-c", "from gestae.cli.main import main; main()", "code", str(corpus), "--workers", "2",
         "-o", str(tmp_path / "events.jsonl")],
        stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not _children(process.pid):
            time.sleep(0.2)
        time.sleep(8)  # let the workers start and code a while
        workers = _children(process.pid)
        assert len(workers) >= 2, "no worker processes were started"
        os.killpg(process.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C: to the whole group
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode != 0
    assert "Traceback" not in stderr, stderr
    time.sleep(0.5)
    assert not [pid for pid in workers if _alive(pid)], "workers outlived Ctrl-C"


def _children(pid: int) -> list[int]:
    import psutil

    return [child.pid for child in psutil.Process(pid).children(recursive=True)]


def _alive(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_dask_local_cluster_gives_the_same_events_as_the_local_engine(reference):
    pytest.importorskip("distributed")
    from gestae.parallel.cluster import DaskEngine

    with DaskEngine(PipelineConfig(), workers=2, partition_size=4) as engine:
        results = list(engine.map(_articles(copies=3)))
        assert len(set(engine.worker_pids)) == 2
    assert _dumped(results) == reference


def test_bench_measures_gestae_against_raw_spacy(tmp_path):
    from gestae.bench.synthetic import write_jsonl

    corpus = tmp_path / "news.jsonl"
    write_jsonl(corpus, articles=40)
    report_file = tmp_path / "bench.json"
    result = _cli("bench", "--data", str(corpus), "--workers", "2", "--cold-starts", "1", "--json", str(report_file))
    assert result.returncode in (0, 1), result.stderr  # 1: a goal was missed on a busy machine
    report = json.loads(report_file.read_text())
    assert report["articles"] == 40 and report["failed"] == 0 and report["events"] > 40
    assert report["gestae"]["per_second"] > 0 and report["spacy"]["per_second"] > 0
    # Two workers with a spaCy model each: far more than the reading process alone.
    assert 300 < report["figures"]["peak_memory_mb"] < 4000
    assert 0.2 < report["figures"]["cold_start_seconds"] < 60
    assert set(report["goals"]) == {"throughput_ratio", "articles_per_second", "peak_memory_mb", "cold_start_seconds"}
    assert "ratio to raw spaCy" in result.stdout


def test_bench_without_a_corpus_says_so(tmp_path):
    result = _cli("bench", env={**os.environ, "GESTAE_SHARED_DATA": str(tmp_path / "absent")})
    assert result.returncode == 2 and "no corpus to measure on" in result.stderr
