"""The shared base-answer cache (runtime/base_cache.py) and cross-tenant teacher batching (distill/teacher.py)."""
from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

from memlora.runtime.base_cache import BaseCache

REPO = Path(__file__).resolve().parent.parent
MARKER = "Zorblaxqu"  # a cat's name no template and no model writes


def _cache(root: Path, tok, fp: str = "fp-a") -> BaseCache:
    return BaseCache(root, fp, tok)


def _counting(log: list[str], tag: str = "a"):
    def compute(prompts: list[str]) -> list[str]:
        log.extend(prompts)
        return [f"{tag}:{p}" for p in prompts]

    return compute


def test_a_hit_returns_the_stored_answer_and_a_changed_key_misses(tiny_base, tmp_path):
    tok = tiny_base.tokenizer
    gen = {"max_new_tokens": 16, "greedy": True}
    log: list[str] = []
    c = _cache(tmp_path, tok)
    assert c.answers(["How do I start running?", "Explain the water cycle."], None, gen, _counting(log)) == [
        "a:How do I start running?", "a:Explain the water cycle."]
    # a new process on the same home: hits, nothing computed
    again = _cache(tmp_path, tok)
    assert again.answers(["Explain the water cycle.", "How do I start running?"], None, gen, _counting(log, "b")) == [
        "a:Explain the water cycle.", "a:How do I start running?"]
    assert len(log) == 2 and again.answer_stats.hits == 2 and again.answer_stats.misses == 0
    # another base, other settings, a system prompt, a sampled seed: each is a miss
    for cache, g, system in ((_cache(tmp_path, tok, "fp-b"), gen, None), (again, {**gen, "max_new_tokens": 17}, None),
                             (again, gen, "Be brief."), (again, {**gen, "greedy": False, "seed": 3}, None)):
        assert cache.answers(["Explain the water cycle."], system, g, _counting(log, "c")) == ["c:Explain the water cycle."]
    assert len(log) == 6
    calls: list[int] = []
    assert again.perplexity([[1, 2, 3]], lambda: calls.append(1) or 12.5) == 12.5
    assert _cache(tmp_path, tok).perplexity([[1, 2, 3]], lambda: calls.append(1) or 99.0) == 12.5
    assert _cache(tmp_path, tok).perplexity([[1, 2, 4]], lambda: calls.append(1) or 7.0) == 7.0
    assert len(calls) == 2


def _writer(root: str, k: int, log: str, tok) -> None:
    prompts = [f"shared prompt {i}" for i in range(6)] + [f"own prompt {k}-{i}" for i in range(6)]

    def compute(ps: list[str]) -> list[str]:
        with open(log, "a") as f:
            f.write("".join(p + "\n" for p in ps))
        return [p.upper() for p in ps]

    got = BaseCache(Path(root), "fp", tok).answers(prompts, None, {"max_new_tokens": 8}, compute)
    assert got == [p.upper() for p in prompts]


def test_concurrent_writers_neither_corrupt_the_cache_nor_compute_twice(tiny_base, tmp_path):
    ctx = multiprocessing.get_context("fork")
    log = tmp_path / "computed.txt"
    procs = [ctx.Process(target=_writer, args=(str(tmp_path / "c"), k, str(log), tiny_base.tokenizer)) for k in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0] * 4
    computed = log.read_text().splitlines()
    assert sorted(computed) == sorted(set(computed)) and len(computed) == 6 + 4 * 6
    (store,) = [json.loads(f.read_text()) for f in (tmp_path / "c").rglob("answers-*.json")]
    assert len(store) == 30 and all(v["answer"] == v["prompt"].upper() for v in store.values())
    assert not list((tmp_path / "c").rglob("*.tmp"))


def _profile(settings, tmp_path, tenant: str = "vera"):
    """vera's profile from the example memory, her cat renamed to MARKER."""
    from memlora.distill.profile import build_profiles
    from memlora.distill.records import load_memory

    mem = tmp_path / "memory.jsonl"
    mem.write_text((REPO / "examples" / "memory.jsonl").read_text().replace("Miso", MARKER))
    return build_profiles(load_memory(mem).records, settings)[tenant]


def _synth(settings, tiny_base, profile, out: Path, share: bool) -> tuple[dict, dict]:
    from memlora.distill.synthesize import base_answers, plan_tenant, synthesize_tenant

    s = settings.model_copy(update={"jobs": settings.jobs.model_copy(update={"share_base_work": share})})
    meta = synthesize_tenant(profile, tiny_base, s, out, n_examples=12, show_progress=False)
    job = plan_tenant(profile, tiny_base, s, 12, None)
    return meta, base_answers(job)


def test_distill_answers_are_identical_with_the_cache_and_it_holds_no_tenant_text(settings, tiny_base, tmp_path):
    profile = _profile(settings, tmp_path)
    assert MARKER in profile.system_prompt
    off_meta, off_answers = _synth(settings, tiny_base, profile, tmp_path / "off", share=False)
    on_meta, on_answers = _synth(settings, tiny_base, profile, tmp_path / "on", share=True)
    again_meta, again_answers = _synth(settings, tiny_base, profile, tmp_path / "again", share=True)
    assert off_answers == on_answers == again_answers and off_answers
    assert off_meta["dataset_hash"] == on_meta["dataset_hash"] == again_meta["dataset_hash"]
    assert off_meta["base_cache"] is None and on_meta["base_cache"]["misses"] > 0
    assert again_meta["base_cache"] == {"hits": on_meta["base_cache"]["misses"] + on_meta["base_cache"]["hits"], "misses": 0}
    cache_dir = settings.home / "cache" / "base"
    files = [f for f in cache_dir.rglob("*") if f.is_file()]
    assert any(f.name.startswith("answers-") for f in files)
    for f in files:
        text = f.read_text(errors="replace")
        assert MARKER not in text and "vera" not in text.lower() and "nurse" not in text.lower(), f


def test_the_gate_base_column_and_retention_are_identical_with_the_cache(settings, tiny_base):
    from peft import LoraConfig, get_peft_model

    from memlora.adapters.evaluate import _answers3, retention
    from memlora.adapters.train import detach_lora

    s = settings.model_copy(update={"gate": settings.gate.model_copy(update={"eval_max_new_tokens": 12, "retention_windows": 2})})
    pm = get_peft_model(tiny_base.model, LoraConfig(r=4, target_modules=["q_proj", "v_proj"], init_lora_weights=False))
    try:
        qs = ["Explain the water cycle.", f"What is the name of my {MARKER}?", "How do I start running?"]
        plain = _answers3(pm, tiny_base.tokenizer, qs, "Be brief.", s)
        cache = BaseCache.open(s, tiny_base)
        first = _answers3(pm, tiny_base.tokenizer, qs, "Be brief.", s, cache)
        second = _answers3(pm, tiny_base.tokenizer, qs, "Be brief.", s, cache)
        assert plain == first == second and plain["base"] != plain["adapter"]
        assert cache.answer_stats.hits == 2 and cache.answer_stats.misses == 2  # the tenant's probe is never cached
        assert retention(pm, tiny_base, s) == retention(pm, tiny_base, s, cache) == retention(pm, tiny_base, s, cache)
        assert cache.ppl_stats.hits == 1 and cache.ppl_stats.misses == 1
    finally:
        detach_lora(tiny_base, pm)
    assert MARKER not in "".join(f.read_text() for f in (s.home / "cache" / "base").rglob("*.json"))


def test_several_tenants_in_one_teacher_batch_write_the_same_greedy_sets(settings, tiny_base, tmp_path):
    from memlora.distill.profile import build_profiles
    from memlora.distill.records import load_memory
    from memlora.distill.synthesize import synthesize_tenant, synthesize_tenants

    ds = settings.distill.model_copy(update={"best_of": 1, "topup_rounds": 0})  # greedy candidates only
    s = settings.model_copy(update={"distill": ds})
    profiles = build_profiles(load_memory(REPO / "examples" / "memory.jsonl").records, s)
    tenants = sorted(t for t, p in profiles.items() if p.items)[:3]
    assert len(tenants) == 3
    alone = [synthesize_tenant(profiles[t], tiny_base, s, tmp_path / "alone" / t, n_examples=10, show_progress=False)
             for t in tenants]
    group = synthesize_tenants([profiles[t] for t in tenants], tiny_base, s, [tmp_path / "group" / t for t in tenants],
                               n_examples=10, show_progress=False)
    assert [m["dataset_hash"] for m in alone] == [m["dataset_hash"] for m in group]
    assert [m["teacher_tokens"] for m in alone] == [m["teacher_tokens"] for m in group]
    assert all(m["teacher_tokens"] > 0 for m in group)


def test_answers_across_splits_greedy_answers_back_per_tenant(tiny_base):
    from memlora.distill.teacher import LocalTeacher, Spec, answers_across

    n = 2
    t = LocalTeacher(tiny_base, guidance_scale=1.5, batch_size=64, temperature=0.7, top_p=0.9, repetition_penalty=1.1, seed=0)
    groups = [[Spec("Explain the water cycle.", "Be brief.", max_new_tokens=10),
               Spec("How do I start running?", "Be brief.", guided=True, max_new_tokens=10)],
              [], [Spec("What do bees make?", "Always answer in French.", max_new_tokens=10)]]
    alone = [t.answers(g, n)[:] if g else [] for g in groups]
    got, tokens = answers_across(t, groups, n)
    assert [[a[0] for a in g] for g in got] == [[a[0] for a in g] for g in alone]  # the greedy first answers
    assert [len(g) for g in got] == [2, 0, 1] and all(len(a) == n for g in got for a in g)
    assert tokens[1] == 0 and tokens[0] > 0 and sum(tokens) == sum(t.last_tokens)
