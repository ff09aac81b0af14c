"""Evaluation outputs: metrics.json (the settings, and each pipeline's metrics), results.jsonl,
report.md and PNG charts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rag.settings import Settings

TABLE_COLUMNS = (
    "n",
    "recall@1",
    "recall@5",
    "recall@10",
    "recall@100",
    "hit@5",
    "mrr@10",
    "ndcg@10",
    "citation_precision",
    "citation_recall",
    "keyword_accuracy",
    "refusal_precision",
    "refusal_recall",
    "false_refusal_rate",
    "latency_ms_p50",
    "latency_ms_p95",
)


def cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.0f}" if value >= 10 else f"{value:.3f}"
    return str(value)


def markdown_table(metrics: dict[str, dict[str, Any]], columns: tuple[str, ...]) -> str:
    lines = ["| pipeline | " + " | ".join(columns) + " |", "|---|" + "---|" * len(columns)]
    for name, values in metrics.items():
        lines.append(f"| {name} | " + " | ".join(cell(values.get(c)) for c in columns) + " |")
    return "\n".join(lines)


def breakdown_table(metrics: dict[str, dict[str, Any]], group: str, metric: str) -> str:
    keys = sorted({k for m in metrics.values() for k in m.get(group, {})})
    lines = ["| pipeline | " + " | ".join(keys) + " |", "|---|" + "---|" * len(keys)]
    for name, values in metrics.items():
        row = [cell(values.get(group, {}).get(k, {}).get(metric)) for k in keys]
        lines.append(f"| {name} | " + " | ".join(row) + " |")
    return "\n".join(lines)


def outcome_markdown(
    metrics: dict[str, dict[str, Any]],
    key: str = "outcomes",
    row_header: str = "gold",
    empty: str = "No pipeline answered.",
) -> str:
    """A table of outcome counts per answering pipeline (`key`: gold class × outcome, or the
    answerable questions' gold place × outcome), its rows headed `row_header`; `empty` when
    none has one."""
    blocks = []
    for name, values in metrics.items():
        table = values.get(key)
        if not table:
            continue
        outcomes = list(next(iter(table.values())))
        lines = [
            f"{name}:",
            "",
            f"| {row_header} | " + " | ".join(outcomes) + " |",
            "|---|" + "---|" * len(outcomes),
        ]
        lines += [
            f"| {row} | " + " | ".join(str(counts[o]) for o in outcomes) + " |"
            for row, counts in table.items()
        ]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) or empty


def write_outputs(
    out: Path,
    metrics: dict[str, dict[str, Any]],
    results: list[dict[str, Any]],
    context: dict[str, Any],
    settings: Settings,
) -> None:
    """The outputs of one evaluation; metrics.json and report.md record the settings it ran
    with (without secrets), report.md as the variables that set them."""
    out.mkdir(parents=True, exist_ok=True)
    recorded = {"settings": settings.recorded(), "pipelines": metrics}
    (out / "metrics.json").write_text(
        json.dumps(recorded, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    with open(out / "results.jsonl", "w", encoding="utf-8") as handle:
        for row in results:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    _charts(out, metrics)
    lines = [
        "# lawqa evaluation",
        "",
        *(f"- {key}: {value}" for key, value in context.items()),
        "",
        "Settings:",
        "",
        "```sh",
        *(f"{name}={value}" for name, value in settings.environment().items()),
        "```",
        "",
        "## Pipelines",
        "",
        markdown_table(metrics, TABLE_COLUMNS),
        "",
        "Recall, hit, MRR and nDCG are over answerable questions (non-empty gold); refusal "
        "metrics judge refusals against empty gold; answer metrics exist only for pipelines "
        "that answer.",
        "",
        "## Outcomes by gold class",
        "",
        "Answerable questions should be answered; near misses (the documents discuss the topic "
        "but not the detail asked) should be not stated; off-topic ones not addressed.",
        "",
        outcome_markdown(metrics),
        "",
        "## Answerable questions by where their gold ranked",
        "",
        "Gold first: the best-ranked gold article is the first source; gold read: it is among "
        "the other sources the decision reads; gold not read: it is not (ranked lower, or not "
        "retrieved), so the question can only be declined or answered from other passages.",
        "",
        outcome_markdown(
            metrics,
            "answerable_by_gold_place",
            "answerable",
            "No answering pipeline, or no answerable question.",
        ),
        "",
        "## recall@5 by question type",
        "",
        breakdown_table(metrics, "by_type", "recall@5"),
        "",
        "## recall@5 by language",
        "",
        breakdown_table(metrics, "by_lang", "recall@5"),
        "",
        "## Refusal recall by question type (lawqa)",
        "",
        breakdown_table(
            {k: v for k, v in metrics.items() if k == "lawqa"}, "by_type", "refusal_recall"
        ),
        "",
        "![recall@k](recall_at_k.png)",
        "",
        "![recall@5 by type](recall5_by_type.png)",
        "",
    ]
    (out / "report.md").write_text("\n".join(lines), encoding="utf-8")


def _charts(out: Path, metrics: dict[str, dict[str, Any]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(7, 4.5))
    for name, values in metrics.items():
        curve = values.get("recall_curve", {})
        ks = [int(k) for k in curve]
        axis.plot(ks, [curve[str(k)] or 0 for k in ks], marker="o", label=name)
    axis.set_xscale("log")
    axis.set_xlabel("k")
    axis.set_ylabel("recall@k")
    axis.set_ylim(0, 1.02)
    axis.grid(True, alpha=0.3)
    axis.legend()
    axis.set_title("Recall@k per pipeline")
    figure.tight_layout()
    figure.savefig(out / "recall_at_k.png", dpi=120)
    plt.close(figure)

    types = sorted({t for v in metrics.values() for t in v.get("by_type", {})})
    figure, axis = plt.subplots(figsize=(max(6, len(types) * 1.2), 4.5))
    width = 0.8 / max(1, len(metrics))
    for i, (name, values) in enumerate(metrics.items()):
        heights = [(values.get("by_type", {}).get(t, {}).get("recall@5") or 0) for t in types]
        axis.bar([x + i * width for x in range(len(types))], heights, width, label=name)
    axis.set_xticks([x + width * (len(metrics) - 1) / 2 for x in range(len(types))])
    axis.set_xticklabels(types, rotation=20)
    axis.set_ylabel("recall@5")
    axis.set_ylim(0, 1.02)
    axis.legend()
    axis.set_title("Recall@5 by question type")
    figure.tight_layout()
    figure.savefig(out / "recall5_by_type.png", dpi=120)
    plt.close(figure)
