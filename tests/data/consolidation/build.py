"""Writes the labelled consolidation corpus (dev/, heldout/, labels.json; dev2/, labels_dev2.json) from source_<split>.py.

The sources hold what each tenant said (the wording was written by hand for this corpus); this script only
assigns sessions, timestamps and ids, so the labels can never disagree with the records. Sessions and times
come from a generator seeded by the tenant name: rerunning gives byte-identical files. Stale statements are
placed in the tenant's earliest sessions and their replacement in the latest ones, so "newer wins" is
well-defined. Run: `python tests/data/consolidation/build.py` (from anywhere).
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import random
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
# dev2 and later splits were written after dev had been tuned against; their labels sit apart so labels.json keeps
# its meaning. A split is registered by its source file alone (source_devN.py), so adding one touches no code.
EXTRA = sorted((p.stem.removeprefix("source_") for p in HERE.glob("source_dev?*.py")), key=lambda s: int(s[3:]))
SPLITS = ("dev", "heldout", *EXTRA)
LABEL_FILES = {"dev": "labels.json", "heldout": "labels.json", **{s: f"labels_{s}.json" for s in EXTRA}}
PACIFIC = (timezone(timedelta(hours=-7)), timezone(timedelta(hours=-8)))  # Mem0 writes US/Pacific offsets


def _load_source(split: str) -> list[dict]:
    spec = importlib.util.spec_from_file_location(f"source_{split}", HERE / f"source_{split}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.TENANTS


def _rng(tenant: str) -> random.Random:
    return random.Random(int(hashlib.sha256(tenant.encode()).hexdigest()[:12], 16))


def _sessions(t: dict, rng: random.Random) -> list[tuple[str, datetime]]:
    n = 10 + rng.randint(0, 4)
    when = datetime(2026, 8, 3, tzinfo=timezone.utc) + timedelta(days=rng.randint(0, 45), hours=rng.randint(7, 20))
    out = []
    for _ in range(n):
        sid = "sess-" + hashlib.sha256(f"{t['tenant']}|{len(out)}".encode()).hexdigest()[:8]
        out.append((sid, when))
        when += timedelta(days=rng.randint(1, 6), hours=rng.randint(-5, 5), minutes=rng.randint(0, 59))
    return out


def _place(t: dict, rng: random.Random) -> list[tuple[str, str, int]]:
    """(text, label ref, session index) per statement; label ref is `item:<slot>`, `stale:<slot>` or `one_off`."""
    n = len(t["sessions"])
    early = list(range(0, n // 3))
    late = list(range(n // 3 + 1, n))
    stale_slots = {s[0] for s in t.get("stale", [])}
    out = []
    for kind, slot, value, aliases, texts, *rest in t["items"]:
        pool = late if slot in stale_slots else list(range(n))
        for text, s in zip(texts, sorted(rng.sample(pool, len(texts)))):
            out.append((text, f"item:{slot}", s))
    for slot, value, texts in t.get("stale", []):
        for text, s in zip(texts, sorted(rng.sample(early, len(texts)))):
            out.append((text, f"stale:{slot}", s))
    for text in t["one_offs"]:
        out.append((text, "one_off", rng.randrange(n)))
    return out


def _record(t: dict, text: str, sess: tuple[str, datetime], k: int, rng: random.Random) -> dict:
    sid, when = sess
    created = when + timedelta(minutes=2 * k + rng.randint(0, 1), seconds=rng.randint(0, 59), microseconds=rng.randint(0, 999999))
    if t["style"] == "mem0":
        rid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"memlora-corpus/{t['tenant']}/{text}"))
        local = created.astimezone(PACIFIC[0] if 3 <= created.month <= 10 else PACIFIC[1])
        stamp = local.isoformat(timespec="microseconds")
        rec = {"id": rid, "memory": text, "hash": hashlib.md5(text.encode()).hexdigest(), "metadata": {},
               "created_at": stamp, "updated_at": None, "user_id": t["tenant"]}
        if t.get("session_field") == "metadata":
            rec["metadata"] = {"session_id": sid}
        else:
            rec["run_id"] = sid
        return rec
    rid = "m-" + hashlib.sha256(f"{t['tenant']}|{text}".encode()).hexdigest()[:12]
    return {"id": rid, "tenant": t["tenant"], "text": text,
            "created_at": created.strftime("%Y-%m-%dT%H:%M:%SZ"), "source": sid}


def build_tenant(t: dict) -> tuple[list[dict], dict]:
    rng = _rng(t["tenant"])
    t = {**t, "sessions": _sessions(t, rng)}
    placed = _place(t, rng)
    per_session: dict[int, int] = {}
    recs, refs = [], []
    for text, ref, s in sorted(placed, key=lambda p: p[2]):
        k = per_session.get(s, 0)
        per_session[s] = k + 1
        recs.append(_record(t, text, t["sessions"][s], k, rng))
        refs.append(ref)
    ids = [r["id"] for r in recs]
    by_ref: dict[str, list[str]] = {}
    for rid, ref in zip(ids, refs):
        by_ref.setdefault(ref, []).append(rid)
    items = []
    for kind, slot, value, aliases, texts, *rest in t["items"]:
        extra = rest[0] if rest else {}
        items.append({"label_id": f"{t['tenant']}:{slot}", "kind": kind, "slot": slot, "slot_aliases": list(aliases),
                      "value": value, "value_aliases": list(extra.get("value_aliases", [])),
                      "record_ids": by_ref[f"item:{slot}"]})
    stale = [{"slot": slot, "value": value, "record_ids": by_ref[f"stale:{slot}"], "replaced_by": f"{t['tenant']}:{slot}"}
             for slot, value, texts in t.get("stale", [])]
    label = {"style": t["style"], "split": t["split"], "language": t["language"], "items": items,
             "one_offs": by_ref.get("one_off", []), "stale": stale}
    return recs, label


def main(out: Path = HERE) -> None:
    labels: dict[str, dict[str, dict]] = {name: {} for name in LABEL_FILES.values()}
    seen: set[str] = set()
    for split in SPLITS:
        path = HERE / f"source_{split}.py"
        if not path.exists():
            continue
        out_dir = out / split
        out_dir.mkdir(parents=True, exist_ok=True)
        for old in out_dir.glob("*.json*"):
            old.unlink()
        jsonl: dict[str, list[dict]] = {}
        for t in _load_source(split):
            assert t["tenant"] not in seen, f"duplicate tenant {t['tenant']}"
            seen.add(t["tenant"])
            recs, label = build_tenant({**t, "split": split})
            labels[LABEL_FILES[split]][t["tenant"]] = label
            if t["style"] == "mem0":
                name = "mem0_" + "".join(c if c.isalnum() else "_" for c in t["tenant"]) + ".json"
                (out_dir / name).write_text(json.dumps({"results": recs}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            else:
                jsonl.setdefault(t["style"], []).extend(recs)
        for style, recs in jsonl.items():
            with (out_dir / f"{style}.jsonl").open("w", encoding="utf-8") as f:
                for r in recs:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for name, labs in labels.items():
        (out / name).write_text(json.dumps(labs, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
