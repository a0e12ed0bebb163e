"""What a person reads on a model version's page in the MLflow UI: what the adapter learned, how it did at the gate.

MLflow draws one chart per metric, so the gate's nested report (every preference
kind times base, profile and adapter) flattened into metrics gave ninety
single-bar charts. Here the report becomes one table (rows = what was measured,
columns = base / base+profile / adapter), shown in the version description as
Markdown and logged with `log_table`; only the handful of headline numbers the
gate decides on stay metrics, so they chart over versions.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

COLUMNS = (("base", "base"), ("profile", "base+profile"), ("adapter", "adapter"))
HEADLINE = {  # metric name -> path in the gate's nested metrics
    "gate.fact_recall": ("facts", "recall", "adapter"),
    "gate.preferences": ("preferences", "mean", "adapter"),
    "gate.kl_gap_closed": ("kl", "gap_closed"),
    "gate.perplexity_regression": ("retention", "regression"),
    "gate.leak_rate": ("isolation", "leak_rate"),
    "gate.abstention_excess": ("abstention", "excess"),
    "gate.items_carried": ("items", "counts", "carried"),
    "gate.items_not_carried": ("items", "counts", "not_carried"),
    "gate.items_not_learnable": ("items", "counts", "not_learnable"),
    "gate.items_unchecked": ("items", "counts", "unchecked"),
}
MAX_ITEMS = 40
MAX_TAG = 4000  # under MLflow's tag value limit; ids past it are in the run's eval/eval.json


def _num(v: Any) -> float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(float(v)):
        return None
    return float(v)


def _get(d: Any, path: tuple[str, ...]) -> Any:
    for k in path:
        d = d.get(k) if isinstance(d, dict) else None
    return d


def headline(metrics: dict) -> dict[str, float]:
    """The gate's deciding numbers, under stable names; top-level numbers of a flat report are kept as they are."""
    out = {name: v for name, path in HEADLINE.items() if (v := _num(_get(metrics, path))) is not None}
    out.update({f"eval.{k}": x for k, v in metrics.items() if (x := _num(v)) is not None})
    return out


LABELS = {  # the gate's own words (adapters/evaluate.py's table); other paths are shown as they are
    ("facts", "recall"): "fact recall (on topic)", ("preferences", "mean"): "preferences (mean)",
    ("kl",): "KL to teacher / token", ("retention",): "general-text perplexity",
    ("abstention",): "invented specifics (abstention)", ("isolation",): "other tenants' facts leaked",
}


def _label(path: tuple[str, ...]) -> str:
    if path in LABELS:
        return LABELS[path]
    if path[:2] == ("preferences", "by_kind") and len(path) == 3:
        return f"preference: {path[2]}"
    return " / ".join(path).replace("_", " ")


def gate_rows(metrics: dict, path: tuple[str, ...] = ()) -> list[dict]:
    """Every measurement that compares base / base+profile / adapter, as one row each (nested kinds included)."""
    rows = []
    for k, v in (metrics or {}).items():
        if not isinstance(v, dict):
            continue
        keys = {"base": "base_leaks", "adapter": "adapter_leaks"} if (*path, k) == ("isolation",) else {}
        cells = {label: _num(v.get(keys.get(key, key))) for key, label in COLUMNS}
        if any(c is not None for c in cells.values()):
            rows.append({"metric": _label((*path, str(k))), **cells})
        rows += gate_rows(v, (*path, str(k)))
    return rows


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3g}"


def markdown_table(rows: list[dict]) -> str:
    head = ["metric"] + [label for _, label in COLUMNS]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join([r["metric"]] + [_fmt(r[c]) for c in head[1:]]) + " |" for r in rows]
    return "\n".join(lines)


def profile_items(profile_path: Path | None) -> list[dict]:
    """The profile's items ({kind, text}) as distill wrote them; none when there is no readable profile."""
    if profile_path is None or not Path(profile_path).is_file():
        return []
    try:
        items = json.loads(Path(profile_path).read_text(encoding="utf-8")).get("items") or []
    except (json.JSONDecodeError, AttributeError, OSError):
        return []
    return [{"kind": str(i.get("kind", "")), "text": str(i.get("text", ""))} for i in items if isinstance(i, dict)]


def item_results(metrics: dict) -> list[dict]:
    """The per-item gate's results (adapters/item_gate.py), none for a report without them."""
    res = _get(metrics, ("items", "results"))
    return [r for r in res if isinstance(r, dict)] if isinstance(res, list) else []


def item_tags(metrics: dict) -> dict[str, str]:
    """`items.<verdict>` = how many, `items.<verdict>.ids` = which: the per-item verdict searchable on versions."""
    ids = _get(metrics, ("items", "ids"))
    if not isinstance(ids, dict):
        return {}
    out = {}
    for v, lst in ids.items():
        lst = [str(i) for i in lst] if isinstance(lst, list) else []
        out[f"items.{v}"] = str(len(lst))
        if lst:
            out[f"items.{v}.ids"] = ",".join(lst)[:MAX_TAG]
    return out


def item_section(results: list[dict]) -> list[str]:
    """Markdown: per selected item its verdict and compliance in the four columns, why, and a count line."""
    if not results:
        return []
    counts: dict[str, int] = {}
    lines = ["| item | verdict | base | base+profile | teacher | adapter | n | why |", "|" + "---|" * 8]
    for r in results[:MAX_ITEMS]:
        rt = r.get("rates") or {}
        cells = [_fmt(_num(rt.get(c))) for c in ("base", "profile", "teacher", "adapter")]
        what = f"*{r.get('kind')}*: {str(r.get('value') or r.get('text'))[:60]}".replace("|", "/")
        lines.append(f"| {what} | **{r.get('verdict')}** | " + " | ".join(cells) + f" | {r.get('n', 0)} | {str(r.get('why', '')).replace('|', '/')} |")
    for r in results:
        counts[str(r.get("verdict"))] = counts.get(str(r.get("verdict")), 0) + 1
    head = ", ".join(f"{n} {v.replace('_', ' ')}" for v, n in sorted(counts.items()))
    return [f"**Per item** ({head}; not carried, not learnable and unchecked items are served from `residual.json`)", "", *lines, ""]


def description(tenant: str, verdict: str, stamp: str, items: list[dict], rows: list[dict], reasons: list[str],
                base_fingerprint: str, dataset_hash: str, results: list[dict] | None = None) -> str:
    """The version description (Markdown): verdict, what it learned, the per-item verdict, the gate table, lineage."""
    # first line plain text: the versions list shows its start, unrendered
    out = [f"{verdict}" + (f" ({'; '.join(reasons)})" if reasons else "") + f": tenant {tenant}, trained {stamp} UTC", ""]
    if items:
        out += [f"**What this adapter learned** ({len(items)} profile item(s))", ""]
        out += [f"- *{i['kind']}*: {i['text']}" for i in items[:MAX_ITEMS]]
        if len(items) > MAX_ITEMS:
            out.append(f"- … {len(items) - MAX_ITEMS} more in the run's `profile/profile.json`")
        out.append("")
    out += item_section(results or [])
    if rows:
        out += ["**Quality gate**", "", markdown_table(rows), ""]
    out.append(f"Base `{base_fingerprint[:12]}`, training set `{dataset_hash[:12] or '-'}` (the run's dataset input).")
    return "\n".join(out)
