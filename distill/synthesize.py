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

import json
import random
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from datasets import Dataset, DatasetDict
from tqdm.auto import tqdm

from memlora.runtime.base_cache import BaseCache, base_answers_for
from memlora.runtime.generate import generate
from memlora.runtime.request import GenRequest
from memlora.runtime.scoring import sequence_logprobs
from memlora.runtime.tokens import chat_ids
from memlora.settings import DistillSettings, Settings

from .profile import Profile, render_system_prompt
from .prompts import abstention_probes, general_prompts, is_generic, prompts_for_item
from .quality import complies, content_words, keeps_content, loops, on_topic, similarity, strip_forced, words
from .schema import fact_statement
from .teacher import Spec, answers_across, make_teacher
from .trainset import columns, content_hash
from .style import finalize, shape_content, style_of

STYLE_KINDS = ("opening", "closing", "format", "length", "avoid", "language", "address")


def fact_lead(target: dict | None) -> str:
    if target is None or target.get("kind") != "fact" or not target.get("value"):
        return ""
    return target.get("statement") or fact_statement(target.get("slot") or "", str(target["value"]))  # as `profile` shows it


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


@dataclass
class _Job:
    """What every stage reads: the rows to answer, their forced parts and the decoding budget."""

    profile: Profile
    base: Any
    teacher: Any
    ds: DistillSettings
    seed: int
    n: int
    items: list[dict]
    names: list[str]
    st: dict
    plan: list[dict]
    gen_rows: list[dict]  # the plan minus abstentions: the rows the teacher answers
    leads: list[str]  # per gen row: the fact statement forced first, or ""
    constructed: list[bool]  # per gen row: answered by the statement alone
    content_system: str
    prefix: str
    max_new: int
    n_best: int
    pad: int
    values: dict[str, list[str]] = field(default_factory=dict)  # per fact item id: the values only its prompts may name
    base_answers: dict[str, str] = field(default_factory=dict)  # per prompt: the base's greedy answer, no profile
    cache: BaseCache | None = None  # the shared base answers (jobs.share_base_work), None = compute per tenant
    share_prefix: bool = False  # scoring runs a batch's common leading tokens (the profile) once (jobs.share_prefix)
    teacher_tokens: int = 0  # tokens the teacher wrote for this tenant

    @property
    def tok(self):
        return self.base.tokenizer

    @property
    def system(self) -> str:
        return self.profile.system_prompt


@dataclass
class _Tally:
    """The answer loop's counts for meta.json."""

    guard_fail: dict = field(default_factory=lambda: {"empty": 0, "off_topic": 0, "fluency": 0, "banned": 0,
                                                      "contaminated": 0, "unhelpful": 0})
    candidates: int = 0
    topped_up: int = 0
    floor: float | None = None  # the fluency reference: the base's own answers to general prompts, first round


def synthesize_tenant(profile: Profile, base, settings: Settings, out_dir: str | Path, n_examples: int | None = None,
                      teacher=None, show_progress: bool = True) -> dict:
    """Write `dataset/` and `meta.json` for one tenant under `out_dir`; return the meta dict."""
    return synthesize_tenants([profile], base, settings, [out_dir], n_examples, teacher, show_progress)[0]


def synthesize_tenants(profiles: list[Profile], base, settings: Settings, out_dirs: list[str | Path],
                       n_examples: int | None = None, teacher=None, show_progress: bool = True) -> list[dict]:
    """Several tenants' sets, their teacher prompts decoded in shared batches (`answers_across`): one tenant's
    rows fill a small batch that leaves the GEMMs and the device idle. A greedy candidate is the same as when
    the tenant runs alone; a sampled one is drawn from its batch's generator, so it depends on the group.
    Each tenant's `seconds` is the group's wall time."""
    t0 = time.perf_counter()
    teacher = teacher or make_teacher(settings, base)
    jobs = [plan_tenant(p, base, settings, n_examples, teacher) for p in profiles]
    for job in jobs:
        job.base_answers = base_answers(job)
    results = best_answers_many(jobs, show_progress)  # candidates -> guard -> rank, failed rows asked again
    return [_write_tenant(job, best, tally, Path(d), t0) for job, (best, tally), d in zip(jobs, results, out_dirs)]


def _write_tenant(job: _Job, best: dict, tally: _Tally, out: Path, t0: float) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    rows = dataset_rows(job, best)
    train, val = split_rows(rows, job.seed, job.profile.tenant, job.ds.validation_fraction)
    heldout, base_rows = baseline(job, train, val)
    # One shard per split even when a split is empty (the guards can leave no teacher row to validate on):
    # datasets writes an empty split as zero shards, which load_from_disk then cannot read.
    DatasetDict({"train": Dataset.from_dict(columns(train)), "validation": Dataset.from_dict(columns(val))}).save_to_disk(
        str(out / "dataset"), num_shards={"train": 1, "validation": 1})
    meta = tenant_meta(job, tally, rows, train, val, heldout, base_rows, len(job.gen_rows) - len(best))
    meta["dataset_hash"] = content_hash(train, val)
    meta["seconds"] = round(time.perf_counter() - t0, 2)
    (out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return meta


# ---- plan: which prompts, what each answer is forced to contain ----

def plan_tenant(profile: Profile, base, settings: Settings, n_examples: int | None, teacher) -> _Job:
    ds = settings.distill
    rng = random.Random(f"{settings.seed}:{profile.tenant}")
    teacher = teacher or make_teacher(settings, base)
    items = [i.as_dict() for i in profile.items]
    st = style_of(items)
    n = n_examples if n_examples is not None else ds.examples_per_tenant
    plan = plan_prompts(profile, n, ds.general_share, rng, ds.fact_weight)
    max_new = ds.max_new_tokens
    if st["length"]:
        max_new = min(max_new, int(int(st["length"]) * 1.6) + 8)
    gen_rows = [r for r in plan if r["kind"] != "abstain"]
    leads = [fact_lead(r["target"]) for r in gen_rows]
    tok = base.tokenizer
    return _Job(
        profile=profile, base=base, teacher=teacher, ds=ds, seed=settings.seed, n=n, items=items,
        names=[n.capitalize() for n in re.split(r"[@._\-+\s]", profile.tenant) if len(n) > 1][:1],
        st=st, plan=plan, gen_rows=gen_rows, leads=leads,
        # A direct question about a fact is answered by the constructed statement alone; other fact prompts get
        # it forced as the answer's first sentence and the model writes one more.
        constructed=[bool(lead) and r["prompt"].rstrip().endswith("?") for r, lead in zip(gen_rows, leads)],
        # Amplify only what construction does not enforce: guiding on "start with X" makes the model repeat X.
        content_system=render_system_prompt([i for i in profile.items if i.kind not in ("opening", "address", "closing", "format", "length")]),
        prefix=(st["opening"] + " ") if st["opening"] else "", max_new=max_new, n_best=max(1, ds.best_of),
        pad=tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id,
        values=fact_values(items) if ds.contamination_check else {}, cache=BaseCache.open(settings, base),
        share_prefix=settings.jobs.share_prefix)


# ---- candidates -> guard -> rank, with top-up rounds ----

@dataclass
class _Rounds:
    """One tenant's answer loop: the kept answers, the counts, the rows still without one."""

    best: dict = field(default_factory=dict)
    tally: _Tally = field(default_factory=_Tally)
    pending: list[int] = field(default_factory=list)


def best_answers(job: _Job, show_progress: bool) -> tuple[dict[int, tuple], _Tally]:
    return best_answers_many([job], show_progress)[0]


def best_answers_many(jobs: list[_Job], show_progress: bool) -> list[tuple[dict[int, tuple], _Tally]]:
    """Per tenant, per gen row the kept answer; rows whose every candidate fails the guard are asked again with
    fresh samples, so the set keeps its size. Each round asks the teacher once for every tenant's pending rows."""
    name = jobs[0].profile.tenant if len(jobs) == 1 else f"{len(jobs)} tenants"
    bar = tqdm(total=sum(sum(not c for c in j.constructed) * j.n_best for j in jobs), desc=f"teacher {name}", unit="ans",
               disable=not show_progress, leave=False)
    states = [_Rounds(pending=list(range(len(j.gen_rows)))) for j in jobs]
    n_best, rounds = jobs[0].n_best, 1 + max(0, jobs[0].ds.topup_rounds)
    for rnd in range(rounds):
        live = [k for k, s in enumerate(states) if s.pending]
        if not live:
            break
        if rnd:
            bar.total += sum(sum(not jobs[k].constructed[ri] for ri in states[k].pending) * n_best for k in live)
        asked = [candidate_specs(jobs[k], states[k].pending) for k in live]
        groups = [specs for specs, _ in asked]
        cands, tokens = answers_across(jobs[0].teacher, groups, n_best, offset=rnd * n_best, progress=bar.update)
        for k, (_, spec_rows), outs, n_tok in zip(live, asked, cands, tokens):
            jobs[k].teacher_tokens += n_tok
            flat = shape_candidates(jobs[k], states[k].pending, spec_rows, outs)
            _judge(jobs[k], states[k], flat, rnd)
    bar.close()
    for s in states:
        s.tally.floor = s.tally.floor if s.tally.floor is not None else 0.0
    return [(s.best, s.tally) for s in states]


def _judge(job: _Job, state: _Rounds, flat: list, rnd: int) -> None:
    """One round's candidates through the guard and the ranking into `state.best`."""
    tally = state.tally
    tally.candidates += len(flat)
    cont_ids = [job.tok.encode(rest, add_special_tokens=False) if rest else [] for _, rest, _, _ in flat]
    lp_plain = _logprobs(job, flat, cont_ids, list(range(len(flat))), False)
    per_tok = [lp_plain[j][0] / max(lp_plain[j][1], 1) if j in lp_plain else 0.0 for j in range(len(flat))]
    if tally.floor is None:
        tally.floor = _fluency_floor(job, flat, cont_ids, per_tok)
    survivors = guard(job, flat, cont_ids, per_tok, tally)
    rank(job, flat, cont_ids, survivors, lp_plain, per_tok, state.best)
    if rnd:
        tally.topped_up += sum(ri in state.best for ri in state.pending)
    state.pending = [ri for ri in state.pending if ri not in state.best]


def candidate_specs(job: _Job, pending: list[int]) -> tuple[list[Spec], list[int]]:
    """What the teacher is asked for the pending rows (a fact's direct question never reaches it), and the row
    of each spec."""
    st, leads = job.st, job.leads
    specs, spec_rows = [], []
    for ri in pending:
        if job.constructed[ri]:
            continue
        t = job.gen_rows[ri]["target"]
        guided = t is not None and t["kind"] in ("fact", "free")
        lead_prefix = job.prefix + (leads[ri] + " " if leads[ri] else "")
        specs.append(Spec(job.gen_rows[ri]["prompt"], (job.content_system if guided else job.system) if t is not None else None,
                          lead_prefix, guided, st["banned"], job.max_new))
        spec_rows.append(ri)
    return specs, spec_rows


def shape_candidates(job: _Job, pending: list[int], spec_rows: list[int], cands: list[list[str]]) -> list[tuple[int, str, str, str]]:
    """(row index, model-written part, content, final answer) for the rows still without a kept answer."""
    st, leads = job.st, job.leads
    # The statement alone is always a candidate for a fact row, so a fact row is never lost to the guard.
    flat = [(ri, "", leads[ri], finalize(leads[ri], st)) for ri in pending if leads[ri]]
    for ri, outs in zip(spec_rows, cands):
        for raw in outs:
            if leads[ri]:
                rest = "\n".join(shape_content(leads[ri] + " " + raw, st).split("\n")[1:2])
                content = "\n".join(x for x in (leads[ri], rest) if x)
            else:
                rest = content = shape_content(raw, st)
            flat.append((ri, rest, content, finalize(content, st)))
    return flat


def _contexts(job: _Job, flat: list, with_system: bool) -> list[list[int]]:
    keys = [(job.gen_rows[ri]["prompt"], job.leads[ri]) for ri, *_ in flat]
    ids = {k: chat_ids(job.tok, k[0], job.system if with_system else None, job.prefix + (k[1] + " " if k[1] else ""))
           for k in set(keys)}
    return [ids[k] for k in keys]


def _logprobs(job: _Job, flat: list, cont_ids: list, js: list[int], with_system: bool) -> dict[int, tuple[float, int]]:
    """Fluency and PMI are scored on the model-written part only, after any forced statement."""

    js = [j for j in js if cont_ids[j]]
    if not js:
        return {}
    ctx = _contexts(job, [flat[j] for j in js], with_system)
    got = sequence_logprobs(job.base.model, ctx, [cont_ids[j] for j in js], batch_size=job.ds.score_batch_size, pad_id=job.pad,
                            shared_prefix=job.share_prefix)
    return dict(zip(js, got))


def _fluency_floor(job: _Job, flat: list, cont_ids: list, per_tok: list[float]) -> float:
    general_idx = [j for j, (ri, *_) in enumerate(flat) if job.gen_rows[ri]["target"] is None and cont_ids[j]]
    ref_pool = sorted(per_tok[j] for j in general_idx) or sorted(per_tok[j] for j in range(len(flat)) if cont_ids[j])
    return (ref_pool[len(ref_pool) // 2] if ref_pool else 0.0) - job.ds.fluency_margin


def _expect(t: dict | None, prompt: str | None = None) -> str | None:
    """A fact's probe answer; with `prompt`, only when the prompt is a question (the on-topic check's use)."""
    expect = (t.get("probe") or {}).get("expect") if t and t["kind"] == "fact" else None
    return expect if prompt is None or prompt.endswith("?") else None


def guard(job: _Job, flat: list, cont_ids: list, per_tok: list[float], tally: _Tally) -> dict[int, list[int]]:
    """Per row, the candidates that are non-empty, free of banned words, on topic and fluent enough."""
    st, fail = job.st, tally.guard_fail
    survivors: dict[int, list[int]] = {}
    for j, (ri, rest, content, final) in enumerate(flat):
        r = job.gen_rows[ri]
        if not content.strip():
            fail["empty"] += 1
            continue
        if st["banned"] and not complies({"kind": "avoid", "slot": "words", "value": st["banned"]}, final):
            fail["banned"] += 1
            continue
        if loops(content) if _other_language(job) else not on_topic(content, r["prompt"], None, job.ds.on_topic_threshold,
                                                                     _expect(r["target"], r["prompt"])):
            fail["off_topic"] += 1
            continue
        if contaminated(job, r, final):
            fail["contaminated"] += 1
            continue
        if not helpful(job, ri, content):
            fail["unhelpful"] += 1
            continue
        if cont_ids[j] and per_tok[j] < tally.floor:
            fail["fluency"] += 1
            continue
        survivors.setdefault(ri, []).append(j)
    return survivors


def fact_values(items: list[dict]) -> dict[str, list[str]]:
    """Per fact item, the values that identify it (a name, a place): what its probe expects, else its value."""
    out = {}
    for it in items:
        if it["kind"] == "fact" and it.get("value"):
            vals = (it.get("probe") or {}).get("expect") or [str(it["value"])]
            out[it["id"]] = [str(v) for v in vals if str(v).strip()]
    return out


def _names(text: str, value: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(value) + r"(?!\w)", text, re.I) is not None


def contaminated(job: _Job, row: dict, answer: str) -> bool:
    """A fact's value in an answer to a prompt that is not about that fact: the profile leaking into unrelated
    help ("a sandwich with Miso", Miso being the cat), which the adapter would learn to do everywhere. A value
    the prompt itself names, or the base's own profile-free answer also uses (miso the food), is not."""
    own = row["item_id"]
    base = job.base_answers.get(row["prompt"], "")
    return any(_names(answer, v) and not _names(row["prompt"], v) and not _names(base, v)
               for item_id, vals in job.values.items() if item_id != own for v in vals)


def _other_language(job: _Job) -> bool:
    """The tenant is answered in another language than the prompts and the base's answers: no word or n-gram
    measure crosses languages, so its answers are judged by the language check and not by topicality or recall
    (a French recipe shares no words with "Suggest a quick dinner recipe." and was dropped as off topic)."""
    return any(i["kind"] == "language" and str(i.get("value", "")).lower() not in ("english", "en") for i in job.items)


def _helpfulness_checked(job: _Job, ri: int) -> bool:
    """Rows whose content the model writes from scratch: not a fact's constructed statement (there the statement
    is the content), and not for a tenant answered in another language."""
    return not (job.constructed[ri] or job.leads[ri] or _other_language(job))


def _without(text: str, drop: set[str]) -> str:
    return " ".join(w for w in words(text) if w.lower() not in drop)


def helpful(job: _Job, ri: int, content: str) -> bool:
    """The answer keeps the content of the base's own answer to the prompt: the teacher may restyle the help,
    not replace it ("Suggest a quick dinner recipe." -> a greeting). Two measures: the gate's `min_topicality`
    one (char n-gram TF-IDF cosine, with the prompt's own words taken out of both sides first: "Here is a quick
    dinner recipe for you!" echoes the prompt and scored like a recipe, 0.18 against 0.14 for a real one, until
    they were), and since a greeting can still share enough short n-grams to pass it, `quality.keeps_content`:
    the reference's salient words recalled and a length floor. A base answer that is itself off topic sets no bar."""
    prompt = job.gen_rows[ri]["prompt"]
    ref = job.base_answers.get(prompt)
    if not ref or not _helpfulness_checked(job, ri) or not on_topic(ref, prompt, None, job.ds.on_topic_threshold):
        return True
    drop = content_words(prompt)
    if similarity(_without(content, drop), _without(ref, drop)) < job.ds.helpful_min_similarity:
        return False
    return keeps_content(content, ref, prompt, job.ds.helpful_min_recall, job.ds.helpful_min_length,
                         int(job.st["length"]) if job.st["length"] else None)


def base_answers(job: _Job) -> dict[str, str]:
    """The base's greedy answer without the profile, once per distinct prompt the guard checks: the reference
    for helpfulness and for a value the base names on its own. Answers to template prompts come from the
    shared base cache when it is on (computed by the first tenant that needs them); prompts carrying tenant
    text (a fact's slot or probe question) are always answered here and never cached."""
    ds = job.ds
    if max(ds.helpful_min_similarity, ds.helpful_min_recall, ds.helpful_min_length) <= 0 and not job.values:
        return {}
    prompts = sorted({r["prompt"] for ri, r in enumerate(job.gen_rows) if not job.constructed[ri]})
    if not prompts:
        return {}
    gen = {"use": "distill.base_answers", "max_new_tokens": job.ds.max_new_tokens, "greedy": True, "repetition_penalty": 1.0}
    out = base_answers_for(job.cache, prompts, gen, lambda ps: _answer_plain(job, ps), is_generic)
    return {p: out[p] for p in prompts}


def _answer_plain(job: _Job, prompts: list[str]) -> list[str]:
    """Greedy answers of the base without a system prompt, in one batch."""
    reqs = [GenRequest(chat_ids(job.tok, p, None), None, [], job.ds.max_new_tokens) for p in prompts]
    outs = generate(job.base.model, job.tok, reqs, batch_size=job.ds.batch_size, repetition_penalty=1.0, seed=job.seed)
    return [job.tok.decode(o, skip_special_tokens=True).strip() for o in outs]


def rank(job: _Job, flat: list, cont_ids: list, survivors: dict[int, list[int]], lp_plain: dict, per_tok: list[float],
         best: dict) -> None:
    """Into `best`: a recalled fact first, then the highest PMI (general rows: the most fluent)."""
    # PMI only ranks: the profile-side pass is needed only where two or more candidates passed the guard.
    ranked = [j for ri, js in survivors.items() if len(js) > 1 and job.gen_rows[ri]["target"] is not None for j in js]
    lp_prof = _logprobs(job, flat, cont_ids, ranked, True)
    for ri, js in survivors.items():
        t = job.gen_rows[ri]["target"]
        expect = _expect(t)
        for j in js:
            final = flat[j][3]
            pmi = lp_prof[j][0] - lp_plain[j][0] if j in lp_prof else 0.0
            hit = float(bool(expect) and complies({**t, "names": job.names}, final)) if t is not None else 0.0
            score = (hit, pmi) if t is not None else (0.0, per_tok[j])
            if ri not in best or score > best[ri][0]:
                best[ri] = (score, final, True)


# ---- split: the kept answers plus constructed abstentions, into train and validation ----

def dataset_rows(job: _Job, best: dict) -> list[dict]:
    st, system = job.st, job.system
    rows = []
    for ri, r in enumerate(job.gen_rows):
        if ri in best:
            rows.append({"prompt": r["prompt"], "response": best[ri][1], "kind": r["kind"] if r["target"] else "general",
                         "system": system, "item_id": r["item_id"], "on_topic": True})
    for r in job.plan:
        if r["kind"] == "abstain":
            rows.append({"prompt": r["prompt"], "response": finalize(shape_content(_abstain_text(r["prompt"]), st), st),
                         "kind": "abstain", "system": system, "item_id": "", "on_topic": True})
    return rows


def split_rows(rows: list[dict], seed: int, tenant: str, fraction: float) -> tuple[list[dict], list[dict]]:
    """Abstentions are constructed text the teacher never wrote: train on them, but keep them out of the
    validation split, whose KL to the teacher is a gate metric."""
    order = [i for i in range(len(rows)) if rows[i]["kind"] != "abstain"]
    random.Random(f"{seed}:split:{tenant}").shuffle(order)
    n_val = 0 if len(rows) < 2 or not order else min(len(order), max(1, round(fraction * len(rows))))
    val_idx = set(order[:n_val])
    train_idx = [i for i in range(len(rows)) if i not in val_idx]
    return [rows[i] for i in sorted(train_idx)], [rows[i] for i in sorted(val_idx)]


# ---- baseline: the plain prompted base on held-out prompts ----

def baseline(job: _Job, train: list[dict], val: list[dict]) -> tuple[list[dict], list[dict]]:
    """(held-out rows, the base's answers to them): profile in the system prompt, greedy, no constraints."""

    heldout = ([r for r in val if r["item_id"]] + [r for r in train if r["item_id"]])[: job.ds.baseline_prompts]
    if not heldout:
        return heldout, []
    tok, st, ds = job.tok, job.st, job.ds
    reqs = [GenRequest(chat_ids(tok, r["prompt"], job.system), None, [], ds.max_new_tokens) for r in heldout]
    outs = generate(job.base.model, tok, reqs, batch_size=ds.batch_size, repetition_penalty=1.0, seed=job.seed)
    by_id = {i["id"]: i for i in job.items}
    base_rows = []
    for r, o in zip(heldout, outs):
        text = tok.decode(o, skip_special_tokens=True).strip()
        ot = on_topic(strip_forced(text, st["opening"], st["closing"]), r["prompt"], None, ds.on_topic_threshold,
                      _expect(by_id.get(r["item_id"]), r["prompt"]))
        base_rows.append({"prompt": r["prompt"], "response": text, "item_id": r["item_id"], "on_topic": ot})
    return heldout, base_rows


# ---- meta: how the set was made, and the teacher against the plain prompted base ----

def tenant_meta(job: _Job, tally: _Tally, rows: list[dict], train: list[dict], val: list[dict], heldout: list[dict],
                base_rows: list[dict], rejected: int) -> dict:
    """meta.json in its key order; `dataset_hash` and `seconds` are filled in by the caller."""
    ds, st, items, names, profile = job.ds, job.st, job.items, job.names, job.profile
    rates = {
        "teacher": _rates(rows, items, names),
        "teacher_heldout": _rates(heldout, items, names),
        "prompted_base_heldout": _rates(base_rows, items, names),
        "n_heldout": len(heldout),
        "guard_rejections": tally.guard_fail,
        "candidates": tally.candidates,
        "topped_up": tally.topped_up,
    }
    return {
        "tenant": profile.tenant, "tenant_key": profile.tenant_key, "profile_hash": profile.profile_hash,
        "dataset_hash": None, "teacher": job.teacher.identity,
        "generation": {"seed": job.seed, "examples_requested": job.n, "best_of": ds.best_of,
                       "guidance_scale": ds.guidance_scale, "temperature": ds.temperature, "top_p": ds.top_p,
                       "repetition_penalty": ds.repetition_penalty, "max_new_tokens": job.max_new,
                       "general_share": ds.general_share, "fluency_floor": round(tally.floor, 4),
                       "on_topic_threshold": ds.on_topic_threshold, "forced_opening": st["opening"],
                       "appended_closing": st["closing"], "format": st["format"], "word_limit": st["length"],
                       "banned_words": st["banned"],
                       "fact_statements": sorted({lead for lead in job.leads if lead})},
        "rates": rates, "n_train": len(train), "n_validation": len(val), "rejected": rejected,
        "contaminated": tally.guard_fail["contaminated"], "unhelpful": tally.guard_fail["unhelpful"],
        "probes": [{"item_id": i["id"], **i["probe"]} for i in items if i.get("probe")],
        "abstention_probes": abstention_probes(profile.mentioned_slots, ds.abstention_probes),
        "record_ids": profile.record_ids, "seconds": None, "teacher_tokens": job.teacher_tokens,
        "base_cache": asdict(job.cache.answer_stats) if job.cache is not None else None,
    }
