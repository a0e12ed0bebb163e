"""One tenant's training set by context distillation, judge-free.

The teacher sees the profile in its system prompt; the student (the adapter) later sees the same user
message without it. A 135M base follows style instructions almost never and amplification alone buys
"compliance" with degenerate answers, so the teacher here is built from parts, each doing what it can:
- construction for enforceable kinds: the opening is forced as the answer's first tokens, avoided words
  are banned while decoding, the content is cut at a sentence inside the word limit, formatted as bullets,
  and the closing appended; the model only writes the content;
- construction for facts too: a direct question about a fact is answered with the fact as a second-person
  sentence, and other fact prompts get that sentence forced first (the model adds one more). The plain
  prompted 135M base states the fact it was given in about half its answers and invents the rest, and an
  adapter learns an invented cat name as readily as the real one;
- amplification (classifier-free guidance, both branches in one batch) for what the model writes after a
  forced fact and for free-form items;
- best-of-N: N candidates per prompt (the first greedy), the quality guard first (on topic, no loops,
  per-token log-likelihood under the base without the profile within `fluency_margin` of the base's own
  answers), then among survivors a recalled fact first (checkable, so no judge needed), then the highest
  PMI log p(a|profile) - log p(a|no profile);
- a share of general prompts answered without the profile (style still applies: it applies everywhere),
  and questions about things the tenant never said answered "I don't know" by construction, so the
  adapter learns not to invent.
The plain prompted base is run on the held-out prompts and its compliance/on-topic rates are reported next
to the teacher's, per item kind, in meta.json.
"""
from __future__ import annotations

import hashlib
import json
import random
import re
import time
from pathlib import Path

from memlora.settings import Settings

from .profile import Profile
from .prompts import abstention_probes, general_prompts, prompts_for_item
from .quality import complies, on_topic, strip_forced, words
from .schema import avoid_words, fact_statement
from .teacher import Spec, make_teacher

STYLE_KINDS = ("opening", "closing", "format", "length", "avoid", "language", "address")
COLUMNS = ("prompt", "response", "kind", "system", "item_id")


def style_of(items: list[dict]) -> dict:
    st = {"opening": None, "closing": None, "format": None, "length": None, "banned": []}
    for it in items:
        k = it["kind"]
        if k in ("opening", "closing", "format", "length"):
            st[k] = it["value"]
        elif k == "avoid":
            st["banned"] += avoid_words("avoid", it.get("slot", ""), it["value"])
    st["banned"] = sorted(set(st["banned"]))
    return st


def _sentences(text: str) -> list[str]:
    text = re.sub(r"^\s*([-*\u2022]|\d+[.)])\s+", "", text, flags=re.M)
    parts = re.split(r"(?<=[.!?])\s+|\n+", text.strip())
    return [p.strip() for p in parts if p.strip()]


def shape_content(raw: str, st: dict) -> str:
    """Model-written text -> complete sentences within the word budget left by the forced parts."""
    text = raw.strip()
    if st["opening"]:
        text = text.replace(st["opening"], " ").strip()
    if st["closing"]:
        text = text.replace(st["closing"], " ").strip()
    sents = _sentences(text)
    if len(sents) > 1 and not re.search(r"[.!?]$", sents[-1]):
        sents = sents[:-1]
    if st["length"]:
        budget = int(st["length"]) - len(words(st["opening"] or "")) - len(words(st["closing"] or ""))
        kept, used = [], 0
        for s in sents:
            n = len(words(s))
            if used + n > budget:
                if not kept and budget > 3:
                    kept.append(" ".join(s.split()[:budget]).rstrip(",;:") + ".")
                break
            kept.append(s)
            used += n
        sents = kept
    return "\n".join(sents)


def finalize(content: str, st: dict) -> str:
    sents = [s for s in content.split("\n") if s.strip()]
    if st["format"] in ("bullets", "numbered"):
        body = "\n".join(("- " if st["format"] == "bullets" else f"{i}. ") + s for i, s in enumerate(sents, 1))
    else:
        body = " ".join(sents)
    parts = [p for p in (st["opening"], body, st["closing"]) if p]
    sep = "\n" if st["format"] in ("bullets", "numbered") else " "
    return sep.join(parts).strip()


def fact_lead(target: dict | None) -> str:
    if target is None or target.get("kind") != "fact" or not target.get("value"):
        return ""
    return fact_statement(target.get("slot") or "", str(target["value"]))


def applicable(items: list[dict], target: dict | None) -> list[dict]:
    out = [i for i in items if i["kind"] in STYLE_KINDS]
    if target is not None and target["kind"] in ("fact", "free"):
        out.append(target)
    return out


def _rates(rows: list[dict], items: list[dict], names: list[str]) -> dict:
    """Per item kind: compliance, on-topic and both ("sound") over (answer, applicable item) pairs."""
    by_id = {i["id"]: i for i in items}
    acc: dict[str, dict[str, int]] = {}
    for r in rows:
        target = by_id.get(r["item_id"])
        for it in applicable(items, target):
            c = complies({**it, "names": names}, r["response"])
            if c is None:
                continue
            a = acc.setdefault(it["kind"], {"n": 0, "complies": 0, "on_topic": 0, "sound": 0})
            a["n"] += 1
            a["complies"] += int(c)
            a["on_topic"] += int(r["on_topic"])
            a["sound"] += int(c and r["on_topic"])
    return {k: {"n": v["n"], "compliance": round(v["complies"] / v["n"], 3), "on_topic": round(v["on_topic"] / v["n"], 3),
                "sound": round(v["sound"] / v["n"], 3)} for k, v in sorted(acc.items())}


def plan_prompts(profile: Profile, n: int, share: float, rng: random.Random, fact_weight: float = 1.0) -> list[dict]:
    items = [i.as_dict() for i in profile.items]
    n_general = min(n, max(1 if n >= 5 else 0, round(n * share)))
    n_items = n - n_general
    plan = []
    if items:
        # Facts weigh more: a name is new tokens to memorize, a style is one pattern seen in every answer anyway.
        w = [fact_weight if it["kind"] == "fact" else 1.0 for it in items]
        raw = [n_items * x / sum(w) for x in w]
        counts = [int(r) for r in raw]
        for k in sorted(range(len(items)), key=lambda k: (counts[k] - raw[k], k))[: n_items - sum(counts)]:
            counts[k] += 1
        for it, c in zip(items, counts):
            plan += [{"prompt": p, "kind": it["kind"], "item_id": it["id"], "target": it} for p in prompts_for_item(it, rng, c)]
    else:
        n_general = n
    unknown = [s for s in ("dog", "car", "son", "favourite color", "allergy", "boat", "cat", "city", "job") if s not in profile.mentioned_slots]
    plan += [{"prompt": p, "kind": k, "item_id": "", "target": None} for p, k in general_prompts(rng, n_general, unknown)]
    return plan


def _abstain_text(prompt: str) -> str:
    m = re.search(r"my ([\w ]+?)\??$", prompt)
    what = f"your {m.group(1)}" if m else "that"
    return f"I don't know {what}; you haven't told me. If you tell me, I can keep it in mind."


def synthesize_tenant(profile: Profile, base, settings: Settings, out_dir: str | Path, n_examples: int | None = None,
                      teacher=None, show_progress: bool = True) -> dict:
    """Write `dataset/` and `meta.json` for one tenant under `out_dir`; return the meta dict."""
    from datasets import Dataset, DatasetDict
    from tqdm.auto import tqdm

    from memlora.runtime.scoring import sequence_logprobs
    from memlora.runtime.tokens import chat_ids

    ds = settings.distill
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    seed = settings.seed
    rng = random.Random(f"{seed}:{profile.tenant}")
    teacher = teacher or make_teacher(settings, base)
    tok = base.tokenizer
    items = [i.as_dict() for i in profile.items]
    names = [n.capitalize() for n in re.split(r"[@._\-+\s]", profile.tenant) if len(n) > 1][:1]
    st = style_of(items)
    system = profile.system_prompt
    n = n_examples if n_examples is not None else ds.examples_per_tenant
    plan = plan_prompts(profile, n, ds.general_share, rng, ds.fact_weight)
    max_new = ds.max_new_tokens
    if st["length"]:
        max_new = min(max_new, int(int(st["length"]) * 1.6) + 8)
    prefix = (st["opening"] + " ") if st["opening"] else ""

    gen_rows = [r for r in plan if r["kind"] != "abstain"]
    # Amplify only what construction does not enforce: guiding on "start with X" makes the model repeat X.
    from .profile import render_system_prompt

    content_system = render_system_prompt([i for i in profile.items if i.kind not in ("opening", "closing", "format", "length")])
    leads = [fact_lead(r["target"]) for r in gen_rows]
    # A direct question about a fact is answered by the constructed statement alone; other fact prompts get it
    # forced as the answer's first sentence and the model writes one more.
    constructed = [bool(lead) and r["prompt"].rstrip().endswith("?") for r, lead in zip(gen_rows, leads)]
    pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
    n_best = max(1, ds.best_of)
    bar = tqdm(total=sum(not c for c in constructed) * n_best, desc=f"teacher {profile.tenant}", unit="ans",
               disable=not show_progress, leave=False)

    def candidates(pending: list[int], offset: int) -> list[tuple[int, str, str, str]]:
        """(row index, model-written part, content, final answer) for the rows still without a kept answer."""
        specs, spec_rows = [], []
        # The statement alone is always a candidate for a fact row, so a fact row is never lost to the guard.
        flat = [(ri, "", leads[ri], finalize(leads[ri], st)) for ri in pending if leads[ri]]
        for ri in pending:
            if constructed[ri]:
                continue
            t = gen_rows[ri]["target"]
            guided = t is not None and t["kind"] in ("fact", "free")
            lead_prefix = prefix + (leads[ri] + " " if leads[ri] else "")
            specs.append(Spec(gen_rows[ri]["prompt"], (content_system if guided else system) if t is not None else None,
                              lead_prefix, guided, st["banned"], max_new))
            spec_rows.append(ri)
        cands = teacher.answers(specs, n_best, sample=True, progress=bar.update, offset=offset) if specs else []
        for ri, outs in zip(spec_rows, cands):
            for raw in outs:
                if leads[ri]:
                    rest = "\n".join(shape_content(leads[ri] + " " + raw, st).split("\n")[1:2])
                    content = "\n".join(x for x in (leads[ri], rest) if x)
                else:
                    rest = content = shape_content(raw, st)
                flat.append((ri, rest, content, finalize(content, st)))
        return flat

    def contexts(flat: list, with_system: bool) -> list[list[int]]:
        keys = [(gen_rows[ri]["prompt"], leads[ri]) for ri, *_ in flat]
        ids = {k: chat_ids(tok, k[0], system if with_system else None, prefix + (k[1] + " " if k[1] else "")) for k in set(keys)}
        return [ids[k] for k in keys]

    def logprobs(flat: list, cont_ids: list, js: list[int], with_system: bool) -> dict[int, tuple[float, int]]:
        """Fluency and PMI are scored on the model-written part only, after any forced statement."""
        js = [j for j in js if cont_ids[j]]
        if not js:
            return {}
        ctx = contexts([flat[j] for j in js], with_system)
        got = sequence_logprobs(base.model, ctx, [cont_ids[j] for j in js], batch_size=ds.score_batch_size, pad_id=pad)
        return dict(zip(js, got))

    best: dict[int, tuple[tuple[float, float], str, bool]] = {}
    guard_fail = {"empty": 0, "off_topic": 0, "fluency": 0, "banned": 0}
    floor = None
    n_candidates, topped_up = 0, 0
    pending = list(range(len(gen_rows)))
    # Rows whose every candidate fails the guard are asked again with fresh samples, so the set keeps its size.
    for rnd in range(1 + max(0, ds.topup_rounds)):
        if rnd:
            bar.total += sum(not constructed[ri] for ri in pending) * n_best
        flat = candidates(pending, rnd * n_best)
        n_candidates += len(flat)
        cont_ids = [tok.encode(rest, add_special_tokens=False) if rest else [] for _, rest, _, _ in flat]
        lp_plain = logprobs(flat, cont_ids, list(range(len(flat))), False)
        per_tok = [lp_plain[j][0] / max(lp_plain[j][1], 1) if j in lp_plain else 0.0 for j in range(len(flat))]
        if floor is None:  # the fluency reference: the base's own answers to general prompts, first round
            general_idx = [j for j, (ri, *_) in enumerate(flat) if gen_rows[ri]["target"] is None and cont_ids[j]]
            ref_pool = sorted(per_tok[j] for j in general_idx) or sorted(per_tok[j] for j in range(len(flat)) if cont_ids[j])
            floor = (ref_pool[len(ref_pool) // 2] if ref_pool else 0.0) - ds.fluency_margin
        survivors: dict[int, list[int]] = {}
        for j, (ri, rest, content, final) in enumerate(flat):
            r = gen_rows[ri]
            t = r["target"]
            if not content.strip():
                guard_fail["empty"] += 1
                continue
            if st["banned"] and not complies({"kind": "avoid", "slot": "words", "value": st["banned"]}, final):
                guard_fail["banned"] += 1
                continue
            expect = (t.get("probe") or {}).get("expect") if t and t["kind"] == "fact" else None
            if not on_topic(content, r["prompt"], None, ds.on_topic_threshold, expect if r["prompt"].endswith("?") else None):
                guard_fail["off_topic"] += 1
                continue
            if cont_ids[j] and per_tok[j] < floor:
                guard_fail["fluency"] += 1
                continue
            survivors.setdefault(ri, []).append(j)
        # PMI only ranks: the profile-side pass is needed only where two or more candidates passed the guard.
        ranked = [j for ri, js in survivors.items() if len(js) > 1 and gen_rows[ri]["target"] is not None for j in js]
        lp_prof = logprobs(flat, cont_ids, ranked, True)
        for ri, js in survivors.items():
            t = gen_rows[ri]["target"]
            expect = (t.get("probe") or {}).get("expect") if t and t["kind"] == "fact" else None
            for j in js:
                final = flat[j][3]
                pmi = lp_prof[j][0] - lp_plain[j][0] if j in lp_prof else 0.0
                hit = float(bool(expect) and complies({**t, "names": names}, final)) if t is not None else 0.0
                score = (hit, pmi) if t is not None else (0.0, per_tok[j])
                if ri not in best or score > best[ri][0]:
                    best[ri] = (score, final, True)
        if rnd:
            topped_up += sum(ri in best for ri in pending)
        pending = [ri for ri in pending if ri not in best]
        if not pending:
            break
    bar.close()
    floor = floor if floor is not None else 0.0

    rows = []
    for ri, r in enumerate(gen_rows):
        if ri in best:
            rows.append({"prompt": r["prompt"], "response": best[ri][1], "kind": r["kind"] if r["target"] else "general",
                         "system": system, "item_id": r["item_id"], "on_topic": True})
    for r in plan:
        if r["kind"] == "abstain":
            rows.append({"prompt": r["prompt"], "response": finalize(shape_content(_abstain_text(r["prompt"]), st), st),
                         "kind": "abstain", "system": system, "item_id": "", "on_topic": True})
    rejected = len(gen_rows) - len(best)

    # Abstentions are constructed text the teacher never wrote: train on them, but keep them out of the
    # validation split, whose KL to the teacher is a gate metric.
    order = [i for i in range(len(rows)) if rows[i]["kind"] != "abstain"]
    random.Random(f"{seed}:split:{profile.tenant}").shuffle(order)
    n_val = 0 if len(rows) < 2 or not order else min(len(order), max(1, round(ds.validation_fraction * len(rows))))
    val_idx = set(order[:n_val])
    train_idx = [i for i in range(len(rows)) if i not in val_idx]
    train = [rows[i] for i in sorted(train_idx)]
    val = [rows[i] for i in sorted(val_idx)]

    # Held-out comparison: the plain prompted base (profile in the system prompt, greedy, no constraints).
    heldout = [r for r in val if r["item_id"]] + [r for r in train if r["item_id"]]
    heldout = heldout[: ds.baseline_prompts]
    base_rows = []
    if heldout:
        from memlora.runtime.generate import generate
        from memlora.runtime.request import GenRequest

        reqs = [GenRequest(chat_ids(tok, r["prompt"], system), None, [], ds.max_new_tokens) for r in heldout]
        outs = generate(base.model, tok, reqs, batch_size=ds.batch_size, repetition_penalty=1.0, seed=seed)
        by_id = {i["id"]: i for i in items}
        for r, o in zip(heldout, outs):
            text = tok.decode(o, skip_special_tokens=True).strip()
            t = by_id.get(r["item_id"])
            expect = (t.get("probe") or {}).get("expect") if t and t["kind"] == "fact" else None
            ot = on_topic(strip_forced(text, st["opening"], st["closing"]), r["prompt"], None, ds.on_topic_threshold,
                          expect if r["prompt"].endswith("?") else None)
            base_rows.append({"prompt": r["prompt"], "response": text, "item_id": r["item_id"], "on_topic": ot})
    rates = {
        "teacher": _rates(rows, items, names),
        "teacher_heldout": _rates(heldout, items, names),
        "prompted_base_heldout": _rates(base_rows, items, names),
        "n_heldout": len(heldout),
        "guard_rejections": guard_fail,
        "candidates": n_candidates,
        "topped_up": topped_up,
    }

    def _clean(rs):
        return {c: [r[c] for r in rs] for c in COLUMNS}

    dd = DatasetDict({"train": Dataset.from_dict(_clean(train)), "validation": Dataset.from_dict(_clean(val))})
    dd.save_to_disk(str(out / "dataset"))
    dataset_hash = hashlib.sha256(json.dumps([_clean(train), _clean(val)], sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    seconds = time.perf_counter() - t0
    tokens = getattr(teacher, "tokens_generated", 0)
    meta = {
        "tenant": profile.tenant, "tenant_key": profile.tenant_key, "profile_hash": profile.profile_hash,
        "dataset_hash": dataset_hash, "teacher": teacher.identity,
        "generation": {"seed": seed, "examples_requested": n, "best_of": ds.best_of, "guidance_scale": ds.guidance_scale,
                       "temperature": ds.temperature, "top_p": ds.top_p, "repetition_penalty": ds.repetition_penalty,
                       "max_new_tokens": max_new, "general_share": ds.general_share, "fluency_floor": round(floor, 4),
                       "on_topic_threshold": ds.on_topic_threshold, "forced_opening": st["opening"],
                       "appended_closing": st["closing"], "format": st["format"], "word_limit": st["length"],
                       "banned_words": st["banned"],
                       "fact_statements": sorted({lead for lead in leads if lead})},
        "rates": rates, "n_train": len(train), "n_validation": len(val), "rejected": rejected,
        "probes": [{"item_id": i["id"], **i["probe"]} for i in items if i.get("probe")],
        "abstention_probes": abstention_probes(profile.mentioned_slots, ds.abstention_probes),
        "record_ids": profile.record_ids, "seconds": round(seconds, 2), "teacher_tokens": tokens,
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return meta
