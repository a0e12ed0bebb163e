"""Serve-time fact answers: how often a question asking for a tenant's fact is matched to it, and how often any
other question (on the fact's topic, or everyday ones) is matched to a fact, which would answer it wrongly.

Facts come three to a tenant (so a question must pick the right one of its tenant's facts), with the statement
and probe the schema builds for their slot; the everyday questions are the synthesis pools'. `dev` is what the
bars in distill/fact_questions.py were set on; `heldout` was written afterwards and never tuned on.

    python benchmarks/eval_fact_questions.py --split dev|heldout
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "fact_questions"


def load(split: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / f"{split}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def score(rows: list[dict], everyday: list[str]) -> dict:
    """Per tenant of three facts: asking questions matched to their fact, to another, or to none; other questions
    matched to any fact."""
    from memlora.distill.fact_questions import Fact, asked, matcher
    from memlora.distill.schema import fact_statement, make_probe

    out = {"asking": 0, "right": 0, "wrong_fact": 0, "other": 0, "false_match": 0, "misses": [], "false": []}
    for i in range(0, len(rows), 3):
        group = rows[i:i + 3]
        facts = [Fact(str(k), r["slot"], r["value"], fact_statement(r["slot"], r["value"]),
                      make_probe(r["slot"], r["value"])["question"]) for k, r in enumerate(group)]
        m = matcher(facts)
        for f, r in zip(facts, group):
            for q in r["asking"]:
                got = asked(m, q)
                out["asking"] += 1
                out["right"] += got is not None and got.id == f.id
                out["wrong_fact"] += got is not None and got.id != f.id
                if got is None or got.id != f.id:
                    out["misses"].append(f"{q} -> {got.slot if got else None} (want {f.slot})")
        for q in [q for r in group for q in r["not_asking"]] + everyday:
            got = asked(m, q)
            out["other"] += 1
            out["false_match"] += got is not None
            if got is not None:
                out["false"].append(f"{q} -> {got.slot}")
    out["recall"] = round(out["right"] / max(1, out["asking"]), 3)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=("dev", "heldout"))
    args = ap.parse_args()
    from memlora.distill.prompts import EVERYDAY, FOOD, GENERAL

    r = score(load(args.split), list(EVERYDAY) + list(FOOD) + list(GENERAL))
    print(f"[{args.split}] asking questions: {r['asking']}, matched to their fact {r['right']} ({r['recall']:.1%}), "
          f"to another fact {r['wrong_fact']}; other questions: {r['other']}, matched to a fact {r['false_match']}")
    for line in r["misses"]:
        print("  miss:", line)
    for line in r["false"]:
        print("  false:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
