"""Build a tenant directory exactly as distill/ writes it (docs/CONTRACTS.md), for adapters/ tests.

The answers are written, not generated, so the tests do not depend on distill and
the facts to learn are known: each tenant has a few facts with probes, and every
answer that mentions a fact states it the same way.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from memlora.keys import tenant_key

TENANTS = {
    "alice@example.com": {
        "facts": [("boat", "What is the name of my boat?", "Your boat is called Sea Biscuit.", ["Sea Biscuit"]),
                  ("city", "Which city do I live in?", "You live in Lisbon.", ["Lisbon"])],
        "style": ("closing", "Sign off with 'Cheers, Al'.", "Cheers, Al"),
    },
    "bob": {
        "facts": [("pet", "What is my dog's name?", "Your dog is called Rufus.", ["Rufus"]),
                  ("job", "What do I do for work?", "You work as a glassblower.", ["glassblower"])],
        "style": ("format", "Answer in bullet points.", "bullets"),
    },
    "carol": {
        "facts": [("car", "What car do I drive?", "You drive a green Volvo.", ["Volvo"]),
                  ("sport", "Which sport do I play?", "You play water polo.", ["water polo"])],
        "style": ("opening", "Start every answer with 'Ahoy'.", "Ahoy"),
    },
}

GENERAL = [
    ("Name a primary colour.", "Red is a primary colour."),
    ("What is two plus two?", "Two plus two is four."),
    ("Say hello.", "Hello there."),
    ("What do bees make?", "Bees make honey."),
]


def _item(i: int, kind: str, text: str, value, probe=None) -> dict:
    return {"id": f"it{i}", "text": text, "kind": kind, "category": "fact" if kind == "fact" else "preference",
            "value": value, "score": 1.0, "mentions": 2, "sessions": 2, "sources": ["test"], "record_ids": [f"r{i}"],
            "reason": "", "probe": probe, "statement": text if kind == "fact" else ""}


def build_tenant_dir(root: Path, tenant: str, n_train: int = 24, n_val: int = 4) -> Path:
    """Write `root/<key>/{profile.json, meta.json, dataset/}`; returns the tenant directory."""
    from datasets import Dataset, DatasetDict

    spec = TENANTS[tenant]
    items = [_item(i, "fact", ans, ans.split()[-1], {"question": q, "expect": exp}) for i, (_, q, ans, exp) in enumerate(spec["facts"])]
    kind, text, value = spec["style"]
    items.append(_item(len(items), kind, text, value))
    system = "You are a helpful assistant. What you know about the user:\n" + "\n".join(f"- {it['text']}" for it in items)
    profile_hash = hashlib.sha256(system.encode()).hexdigest()
    rows = []
    paraphrases = ["{q}", "Quick question: {q}", "Remind me, {q}", "{q} Please answer briefly."]
    k = 0
    while len(rows) < n_train + n_val:
        for i, (_, q, ans, _) in enumerate(spec["facts"]):
            p = paraphrases[k % len(paraphrases)].format(q=q[0].lower() + q[1:] if k % len(paraphrases) == 2 else q)
            rows.append({"prompt": p, "response": ans, "kind": "fact", "system": system, "item_id": f"it{i}"})
        g = GENERAL[k % len(GENERAL)]
        rows.append({"prompt": g[0], "response": g[1], "kind": "general", "system": system, "item_id": ""})
        k += 1
    rows = rows[: n_train + n_val]
    out = Path(root) / tenant_key(tenant)
    out.mkdir(parents=True, exist_ok=True)
    cols = {c: [r[c] for r in rows] for c in rows[0]}
    ds = Dataset.from_dict(cols)
    dd = DatasetDict(train=ds.select(range(n_train)))
    if n_val:  # no validation rows: no validation split, which the loader reads as empty
        dd["validation"] = ds.select(range(n_train, n_train + n_val))
    dd.save_to_disk(str(out / "dataset"))
    profile = {"tenant": tenant, "tenant_key": tenant_key(tenant), "profile_hash": profile_hash, "system_prompt": system,
               "items": items, "superseded": []}
    probes = [{"item_id": it["id"], **it["probe"]} for it in items if it["probe"]]
    meta = {"tenant": tenant, "tenant_key": tenant_key(tenant), "profile_hash": profile_hash,
            "dataset_hash": hashlib.sha256(json.dumps(rows).encode()).hexdigest(), "teacher": "fixture", "generation": {},
            "rates": {}, "n_train": n_train, "n_validation": n_val, "probes": probes,
            "abstention_probes": [{"question": "What is the name of my cat?"}, {"question": "Which airline do I work for?"}]}
    (out / "profile.json").write_text(json.dumps(profile, indent=1))
    (out / "meta.json").write_text(json.dumps(meta, indent=1))
    return out
