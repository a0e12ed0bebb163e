"""Does every selected memory reach the user? The every-kind coverage set, end to end (issue 17's "Done when").

Runs `memlora nightly` on the labelled memory (tests/data/coverage) in a fresh MEMLORA_HOME, serves the result
with `memlora serve` and asks it through the official openai client, on held-out prompts no training set uses:

- served: the tenant's model as a user gets it (adapter, plus the residual prefix where the server has one);
- adapter: the same tenant on a second server started with `--adapter-only-env` (default: residual off);
- prompted: the base with the tenant's profile as system prompt (what the teacher starts from);
- base: the base alone.

Per labelled item: compliance of each (Wilson 90% interval), answers on topic by the gate's own topicality
measure against the base's answer, fact recall, cross-tenant leaks (another tenant's fact values in an answer);
items the prompted base does not satisfy (compliance < 0.75) are reported apart, as the base cannot express
them. Labels the consolidation did not select are listed, not measured (that is consolidation's coverage).

    python benchmarks/eval_coverage.py --tenants 12 --examples 96 --json /tmp/coverage.json
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import harness
from coverage_checks import leaks, passes, wilson

from memlora.adapters.metrics import topicality
from memlora.distill.prompts import EVERYDAY, FOOD, GENERAL
from memlora.jobs.demo import DemoServer, free_port
from memlora.jobs.state import tenant_dir
from memlora.keys import tenant_key
from memlora.settings import Settings

DATA = harness.REPO / "tests" / "data" / "coverage"
SYSTEMS = ("served", "adapter", "prompted", "base")
SATISFIED = 0.75  # the teacher satisfies an item at this compliance (issue 17)

# Held-out prompts: none is in the synthesis pools (checked below), so no training example was built on them.
GENERIC = [
    "How do I fix a squeaky door hinge?", "What are some tips for taking better photos with a phone?",
    "How can I make a small apartment feel bigger?", "Explain how a refrigerator keeps food cold.",
    "What should I consider when buying a used bicycle?", "How do I start learning to play the guitar?",
    "Give me advice for my first day at a new job.", "How can I reduce screen time in the evening?",
    "What is a good way to memorize a short speech?", "How do I get rid of fruit flies in the kitchen?",
    "Explain why leaves change colour in autumn.", "How can I be a better listener?",
    "What makes a good cover letter?", "How do I choose a good book to read next?",
    "Suggest ways to stay warm at home without turning up the heat.", "How do volcanoes erupt?",
]
FOOD_HELD = [
    "What should I make for a cosy Sunday lunch?", "Give me an idea for a packed lunch for work.",
    "What can I cook with rice and whatever is in the fridge?", "Suggest a snack for a long car drive.",
    "What is a good dish to bring to a barbecue?", "How do I make a hearty stew?",
    "What should I order at a diner?", "Suggest a filling breakfast before a hike.",
    "What is an easy dinner for two?", "Give me a recipe idea for a rainy evening.",
    "What can I cook in under fifteen minutes?", "Suggest a festive dish for a holiday dinner.",
]
MEASURE_HELD = [
    "How far is a typical half marathon?", "How much flour goes into a basic loaf of bread?",
    "How tall is an average adult giraffe?", "What temperature should a fridge be set to?",
    "How much water should I drink in a day?", "How heavy is a typical house cat?",
    "How big should a carry-on suitcase be?", "How far can a person walk in an hour?",
    "How much does a bag of groceries weigh?", "What is a comfortable room temperature?",
    "How long is a standard swimming pool?", "How much milk goes into a pancake batter?",
]
POOLS = {"generic": GENERIC, "food": FOOD_HELD, "measure": MEASURE_HELD}
assert not set(GENERIC + FOOD_HELD + MEASURE_HELD) & set(EVERYDAY + FOOD + GENERAL), "held-out prompts overlap training pools"


def parse_args(argv=None) -> argparse.Namespace:
    ap = harness.add_arguments(argparse.ArgumentParser(description=__doc__.split("\n")[0]))
    ap.add_argument("--memory", type=Path, default=DATA / "measure", help="memory export (default: the measure split)")
    ap.add_argument("--labels", type=Path, default=DATA / "labels.json")
    ap.add_argument("--tenants", type=int, default=12, help="the first N labelled tenants found in --memory")
    ap.add_argument("--tenant", action="append", default=None, help="these labelled tenants instead (repeatable)")
    ap.add_argument("--skip-nightly", action="store_true", help="measure what --home already serves (a rerun)")
    ap.add_argument("--rescore", type=Path, default=None, help="score the answers of an earlier result JSON again (no model)")
    ap.add_argument("--examples", type=int, default=96, help="training examples per tenant for the nightly")
    ap.add_argument("--prompts", type=int, default=12, help="held-out prompts per style item, at most 12 (facts: all their probes)")
    ap.add_argument("--max-tokens", type=int, default=64)
    ap.add_argument("--concurrency", type=int, default=8, help="requests in flight (the server batches them)")
    ap.add_argument("--home", type=Path, default=None, help="MEMLORA_HOME for the run (default: a new temp dir)")
    ap.add_argument("--nightly-timeout", type=float, default=3600.0)
    ap.add_argument("--server-timeout", type=float, default=300.0)
    ap.add_argument("--adapter-only-env", action="append", default=None, metavar="KEY=VALUE",
                    help="environment of the adapter-alone server (default MEMLORA_SERVING__RESIDUAL=false)")
    args = ap.parse_args(argv)
    if not 1 <= args.prompts <= min(map(len, POOLS.values())):
        ap.error(f"--prompts must be 1..{min(map(len, POOLS.values()))} (the held-out pools' size), got {args.prompts}")
    return args


def chosen_tenants(labels: dict, memory: Path, n: int) -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in ([memory] if memory.is_file() else sorted(memory.glob("*"))))
    return [t for t in labels if f'"{t}"' in text][:n]


def run_nightly(tenants: list[str], args, log: Path) -> dict:
    cmd = [sys.executable, "-m", "memlora.cli", "nightly", "--memory", str(args.memory), "--examples", str(args.examples),
           "--json", *[a for t in tenants for a in ("--tenant", t)]]
    t0 = time.perf_counter()
    with open(log, "w") as err:
        try:
            out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=err, text=True, timeout=args.nightly_timeout, env=os.environ)
        except subprocess.TimeoutExpired:  # measure what got registered before the cut
            return {"exit_code": None, "timed_out": True, "seconds": round(time.perf_counter() - t0, 1), "log": str(log)}
    try:
        summary = json.loads(out.stdout)
    except ValueError:
        summary = {"unparsed_stdout": out.stdout[-2000:]}
    return {"exit_code": out.returncode, "seconds": round(time.perf_counter() - t0, 1), "summary": summary, "log": str(log)}


def profile_of(settings: Settings, tenant: str) -> dict:
    path = tenant_dir(settings.state_dir, tenant) / "distill" / tenant_key(tenant) / "profile.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"items": [], "system_prompt": None}


def _value_text(v) -> str:
    return " ".join(map(str, v)) if isinstance(v, list) else str(v)


def selected_match(label: dict, profile: dict) -> dict | None:
    """The profile item that carries this label: same value (facts: the expected value; free text: contained)."""
    want = [s.lower() for s in (label["check"].get("expect") or [_value_text(label["value"])])]
    for it in profile.get("items", []):
        have = f"{_value_text(it.get('value'))} {it.get('text', '')}".lower()
        if any(w in have for w in want):
            return it
    return None


def prompts_for(label: dict, n: int) -> list[str]:
    if label["check"]["type"] == "recall":
        return label["check"]["probes"]
    return POOLS[label.get("prompts", "generic")][:n]


@contextmanager
def serving(settings: Settings, log: Path, timeout: float, extra_env: dict[str, str] | None = None):
    """`memlora serve` as the demo starts it (its own process group, always stopped), with `extra_env` set."""
    saved = {k: os.environ.get(k) for k in extra_env or {}}
    os.environ.update(extra_env or {})
    try:
        server = DemoServer(settings, free_port(), log).__enter__()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    try:
        server.wait_healthy(timeout)
        yield server
    finally:
        server.__exit__(None, None, None)


def asker(server: DemoServer, settings: Settings, max_tokens: int):
    """ask(model, system, question) -> (answer, x-memlora-* headers: adapter, residual tokens): one chat completion, errors kept as answers."""
    from openai import OpenAI

    keys = [k.key for k in settings.serving.api_keys if k.admin]
    client = OpenAI(base_url=server.url + "/v1", api_key=keys[0] if keys else "coverage", timeout=300.0, max_retries=0)

    def ask(model: str, system: str | None, question: str) -> tuple[str, dict]:
        msgs = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": question}]
        try:
            raw = client.chat.completions.with_raw_response.create(model=model, messages=msgs, max_tokens=max_tokens, temperature=0.0)
            r = raw.parse()
            heads = {k: v for k, v in raw.headers.items() if k.lower().startswith("x-memlora")}
            return (r.choices[0].message.content or "").strip(), heads
        except Exception as e:  # one failed request must not hide the others' answers
            return f"[error: {type(e).__name__}: {str(e)[:160]}]", {}
    return ask


def ask_all(ask, jobs: list[tuple], concurrency: int) -> dict[tuple, tuple[str, dict]]:
    """Every (model, system, question) once, `concurrency` in flight so the server's batcher fills."""
    uniq = list(dict.fromkeys(jobs))
    with ThreadPoolExecutor(concurrency) as pool:
        return dict(zip(uniq, pool.map(lambda j: ask(*j), uniq)))


def plan(labels: dict, profiles: dict, tenants: list[str], n: int) -> list[dict]:
    """One row per labelled item of the chosen tenants: selected or not, and the prompts it is measured on."""
    rows = []
    for t in tenants:
        for lab in labels[t]["items"]:
            hit = selected_match(lab, profiles[t])
            rows.append({"tenant": t, "kind": lab["kind"], "value": lab["value"], "check": lab["check"],
                         "selected": hit is not None, "selected_kind": hit and hit.get("kind"),
                         "prompts": prompts_for(lab, n)})
    return rows


def jobs_for(rows: list[dict], profiles: dict, system: str) -> list[tuple]:
    out = []
    for r in rows:
        if not r["selected"]:
            continue
        for q in r["prompts"]:
            if system in ("served", "adapter"):
                out.append((r["tenant"], None, q))
            elif system == "prompted":
                out.append(("base", profiles[r["tenant"]].get("system_prompt"), q))
            else:
                out.append(("base", None, q))
    return out


def answers_of(rows, profiles, system, got) -> None:
    """Attach each row's answers for `system` from the asked-once table `got`."""
    for r in rows:
        if r["selected"]:
            r.setdefault("answers", {})[system] = [got[j][0] for j in jobs_for([r], profiles, system)]
            r.setdefault("headers", {})[system] = [got[j][1] for j in jobs_for([r], profiles, system)][:1]


def score(rows: list[dict], labels: dict, min_topicality: float) -> None:
    """Compliance per system, on-topic served answers, leaks; in place on each selected row."""
    fact_values = {t: [lab["check"]["expect"] for lab in labels[t]["items"] if lab["check"]["type"] == "recall"] for t in labels}
    for r in rows:
        if not r["selected"]:
            continue
        qs, base = r["prompts"], r["answers"]["base"]
        refs = [q + " " + b for q, b in zip(qs, base)]
        r["compliance"], r["wilson90"] = {}, {}
        for s in SYSTEMS:
            ok = [passes(r["check"], a) for a in r["answers"][s]]
            r["compliance"][s] = round(sum(ok) / len(ok), 3)
            r["wilson90"][s] = wilson(sum(ok), len(ok))
        served = r["answers"]["served"]
        topic = [max(x, y) for x, y in zip(topicality(served, refs), topicality(served, qs))]
        # as the gate's own on-topic rule (distill.quality.on_topic): a recalled fact counts for its own question
        on = [t >= min_topicality or (r["check"]["type"] == "recall" and passes(r["check"], a)) for t, a in zip(topic, served)]
        r["on_topic"] = round(sum(on) / len(on), 3)
        r["served_on_topic_compliance"] = round(sum(passes(r["check"], a) and o for a, o in zip(served, on)) / len(on), 3)
        others = [v for t, vs in fact_values.items() if t != r["tenant"] for v in vs]
        r["leaks"] = [{"question": q, "values": lk} for q, a, b in zip(qs, served, base) if (lk := leaks(a, q, others, b))]
        r["expressible"] = r["compliance"]["prompted"] >= SATISFIED


def kind_table(rows: list[dict]) -> dict:
    """Per kind: mean compliance of each system over its selected items, and how many items."""
    table = {}
    for kind in ("opening", "closing", "format", "length", "avoid", "language", "address", "fact", "free"):
        rs = [r for r in rows if r["kind"] == kind]
        sel = [r for r in rs if r["selected"]]
        row = {"labelled": len(rs), "selected": len(sel), "expressible": sum(r["expressible"] for r in sel)}
        for s in SYSTEMS:
            row[s] = round(sum(r["compliance"][s] for r in sel) / len(sel), 3) if sel else None
        row["served_on_topic"] = round(sum(r["served_on_topic_compliance"] for r in sel) / len(sel), 3) if sel else None
        table[kind] = row
    return table


def pooled(rows: list[dict], key: str) -> float | None:
    """A rate over every (item, prompt) pair of `rows`, so an item with more prompts weighs more."""
    n = sum(len(r["prompts"]) for r in rows)
    return round(sum(r[key] * len(r["prompts"]) for r in rows) / n, 3) if n else None


def summary(rows: list[dict]) -> dict:
    sel = [r for r in rows if r["selected"]]
    exp = [r for r in sel if r["expressible"]]
    facts = [r for r in sel if r["check"]["type"] == "recall"]
    return {
        "labelled_items": len(rows), "selected_items": len(sel),
        "not_selected": [{"tenant": r["tenant"], "kind": r["kind"], "value": r["value"]} for r in rows if not r["selected"]],
        "expressible_items": len(exp),
        "served_follow_rate_expressible": pooled(exp, "served_on_topic_compliance"),
        "served_items_followed_expressible": sum(r["served_on_topic_compliance"] >= SATISFIED for r in exp),
        "fact_recall_served": pooled(facts, "served_on_topic_compliance"),
        "on_topic_served": pooled(sel, "on_topic"),
        "cross_tenant_leaks": len({(r["tenant"], lk["question"], v) for r in sel for lk in r["leaks"] for v in lk["values"]}),
        "not_expressible_by_base": [{"tenant": r["tenant"], "kind": r["kind"], "value": r["value"],
                                     "prompted": r["compliance"]["prompted"], "served": r["compliance"]["served"]}
                                    for r in sel if not r["expressible"]],
    }


def print_table(table: dict) -> None:
    head = f"{'kind':9} {'lab':>3} {'sel':>3} {'expr':>4} " + " ".join(f"{s:>8}" for s in (*SYSTEMS, "on-topic"))
    print("\n== per kind: compliance on held-out prompts (adapter alone vs prompted base vs served) ==\n" + head)
    for kind, row in table.items():
        vals = [row[s] for s in SYSTEMS] + [row["served_on_topic"]]
        print(f"{kind:9} {row['labelled']:>3} {row['selected']:>3} {row['expressible']:>4} "
              + " ".join(f"{'-' if v is None else f'{v:.2f}':>8}" for v in vals))


def measure(settings, rows, profiles, args, logs: Path) -> None:
    """served, prompted and base on one server; the adapter alone on a second one started with the residual off."""
    only = dict(kv.split("=", 1) for kv in (args.adapter_only_env or ["MEMLORA_SERVING__RESIDUAL=false"]))
    with serving(settings, logs / "serve.log", args.server_timeout) as server:
        ask = asker(server, settings, args.max_tokens)
        for s in ("served", "prompted", "base"):
            answers_of(rows, profiles, s, ask_all(ask, jobs_for(rows, profiles, s), args.concurrency))
    with serving(settings, logs / "serve_adapter_only.log", args.server_timeout, only) as server:
        ask = asker(server, settings, args.max_tokens)
        answers_of(rows, profiles, "adapter", ask_all(ask, jobs_for(rows, profiles, "adapter"), args.concurrency))


def report(bench, rows: list[dict], labels: dict, min_topicality: float) -> None:
    score(rows, labels, min_topicality)
    table = kind_table(rows)
    print_table(table)
    bench.record("per_kind", table)
    bench.record("summary", summary(rows))
    bench.record("items", rows)
    print(json.dumps(bench.results["summary"], indent=1, ensure_ascii=False))


def main(argv=None) -> int:
    args = parse_args(argv)
    labels = json.loads(args.labels.read_text(encoding="utf-8"))
    if args.rescore:
        bench = harness.start("eval_coverage", args)
        before = json.loads(args.rescore.read_text(encoding="utf-8"))["results"]
        bench.results.update({k: v for k, v in before.items() if k not in ("per_kind", "summary", "items")})
        report(bench, before["items"], labels, Settings().gate.min_topicality)
        bench.finish()
        return 0
    home = (args.home or Path(tempfile.mkdtemp(prefix="memlora-coverage-"))).resolve()
    os.environ["MEMLORA_HOME"] = str(home)
    settings = Settings()
    bench = harness.start("eval_coverage", args)
    tenants = args.tenant or chosen_tenants(labels, args.memory, args.tenants)
    bench.record("home", str(home))
    bench.record("tenants", tenants)
    logs = home / "coverage_logs"
    logs.mkdir(parents=True, exist_ok=True)
    print(f"[eval_coverage] nightly on {len(tenants)} tenant(s) at --examples {args.examples}; log {logs / 'nightly.log'}", flush=True)
    if not args.skip_nightly:
        bench.record("nightly", run_nightly(tenants, args, logs / "nightly.log"))
    profiles = {t: profile_of(settings, t) for t in tenants}
    rows = plan(labels, profiles, tenants, args.prompts)
    bench.record("selection", [{k: r[k] for k in ("tenant", "kind", "value", "selected", "selected_kind")} for r in rows])
    bench.finish()  # a partial result on disk already: the nightly's outcome and what was selected
    t0 = time.perf_counter()
    measure(settings, rows, profiles, args, logs)
    bench.record("measure_seconds", round(time.perf_counter() - t0, 1))
    report(bench, rows, labels, settings.gate.min_topicality)
    bench.finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
