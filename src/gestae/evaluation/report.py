"""Per-dataset Markdown reports: how it was scored, the figures, a confusion table and error samples.

`write_reports(results, folder)` writes `<dataset>.md` for each result and an `index.md` with the
scoreboard, so anyone can open one file and see where the coder fails and on which sentences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gestae.evaluation.scoreboard import DatasetResult, Row

PATTERNS_SHOWN = 15
CONFUSIONS_LISTED = 20


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _figure(row: Row) -> str:
    if row.status:
        return row.status
    if row.figure is None:
        return ""
    return str(row.figure) if isinstance(row.figure, int) else f"{row.figure:.3f}"


def scoreboard_markdown(results: Sequence[DatasetResult]) -> str:
    lines = ["| dataset | metric | figure | goal | anchor | n | seconds |", "|---|---|---:|---:|---:|---:|---:|"]
    for result in results:
        for row in result.rows:
            anchor = f"{row.anchor} ({row.anchor_name})" if row.anchor is not None else ""
            goal = "" if row.goal is None else f"{row.goal:g}"
            lines.append(f"| {row.dataset} | {row.metric} | {_cell(_figure(row))} | {goal} | {anchor} | "
                         f"{row.n or ''} | {result.seconds:.0f} |")
    return "\n".join(lines)


def confusion_markdown(confusion: Counter[tuple[str, str]]) -> str:
    """Gold labels down, predicted labels across; zero cells left blank so the diagonal stands out."""
    gold_labels = sorted({g for g, _ in confusion})
    predicted_labels = sorted({p for _, p in confusion}, key=lambda p: (p not in gold_labels, p))
    header = "| gold \\ predicted | " + " | ".join(predicted_labels) + " | total | correct |"
    lines = [header, "|---|" + "---:|" * (len(predicted_labels) + 2)]
    for gold in gold_labels:
        cells = [str(confusion[(gold, p)] or "") for p in predicted_labels]
        total = sum(confusion[(gold, p)] for p in predicted_labels)
        if gold in predicted_labels:
            cells[predicted_labels.index(gold)] = f"**{confusion[(gold, gold)]}**"
        lines.append(f"| {gold} | " + " | ".join(cells) + f" | {total} | {confusion[(gold, gold)] / total:.0%} |")
    return "\n".join(lines)


def _samples_markdown(samples: list[dict[str, Any]]) -> list[str]:
    lines = []
    for sample in samples:
        fields = [f"`{sample['id']}`"] if "id" in sample else []
        text = sample.get("text") or sample.get("context") or sample.get("what")
        if text:
            fields.append(_cell(text))
        lines.append("- " + " ".join(fields))
        for key, value in sample.items():
            if key not in ("id", "text") and value not in (None, "") and value is not text:
                lines.append(f"  - {key}: {_cell(value)}")
    return lines


def dataset_markdown(result: DatasetResult) -> str:
    parts = [f"# {result.title} (`{result.name}`)", ""]
    parts += [f"- {line}" for line in result.method] + [""]
    parts += [scoreboard_markdown([result]), ""]
    scalars = {k: v for k, v in result.extra.items() if isinstance(v, (int, float, str))}
    if scalars:
        parts += ["Further figures:", ""]
        parts += [f"- {key.replace('_', ' ')}: {f'{v:.3f}' if isinstance(v, float) else v}" for key, v in scalars.items()]
        parts.append("")
    if result.confusion:
        parts += ["## Confusion (gold × predicted)", "", confusion_markdown(result.confusion), ""]
        wrong = [(pair, n) for pair, n in result.confusion.most_common() if pair[0] != pair[1]]
        if wrong:
            parts += ["Most frequent confusions:", ""]
            parts += [f"- {gold} → {predicted}: {n}" for (gold, predicted), n in wrong[:CONFUSIONS_LISTED]]
            parts.append("")
    patterns = result.errors.most_common()
    if patterns:
        total = sum(n for _, n in patterns)
        parts += ["## Error patterns", "", f"{total} errors in {len(patterns)} patterns; the commonest first.", ""]
        parts += [f"| pattern | count |", "|---|---:|"] + [f"| {_cell(p)} | {n} |" for p, n in patterns] + [""]
        for pattern, count in patterns[:PATTERNS_SHOWN]:
            parts += [f"### {pattern} ({count})", ""] + _samples_markdown(result.errors.samples[pattern]) + [""]
    return "\n".join(parts).rstrip() + "\n"


def write_reports(results: Sequence[DatasetResult], folder: Path) -> list[Path]:
    """Write one Markdown file per dataset plus `index.md`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for result in results:
        path = folder / f"{result.name}.md"
        path.write_text(dataset_markdown(result), encoding="utf-8")
        written.append(path)
    index = folder / "index.md"
    links = "\n".join(f"- [{r.title}]({r.name}.md)" for r in results)
    index.write_text(f"# gestae benchmark\n\n{scoreboard_markdown(results)}\n\n{links}\n", encoding="utf-8")
    return [index, *written]
