"""The gate: did the adapter learn the tenant's memory, and did it break nothing?

Every metric is measured for three columns on the same prompts where it makes
sense: the base without the profile, the base with the whole profile in the
system prompt (what the adapter replaces), and the adapter without the profile.
One loaded base serves all three: the adapter is attached with PEFT and toggled
with `disable_adapter()`, then unloaded. The checks that read generated answers take them through `ask` and
`plain` (`gate_checks`), so group_gate.py can run the same checks on answers generated for many tenants at once.
"""
from __future__ import annotations

import contextlib
import json
import math
import time
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

from memlora.adapter_dir import validate_adapter, write_residual
from memlora.distill.prompts import is_generic
from memlora.errors import MemloraError
from memlora.runtime.base_cache import BaseCache, base_answers_for
from memlora.runtime.generate import generate as decode
from memlora.runtime.request import GenRequest
from memlora.runtime.tokens import chat_ids, end_ids
from memlora.settings import Settings

from . import data as D
from . import item_gate as IG
from . import metrics as M
from .item_checks import measure_items
from .objectives import distill_per_token, selected_logits, targets
from .train import detach_lora

COLUMNS = ("base", "profile", "adapter")


@dataclass
class EvalReport:
    metrics: dict
    passed: bool
    reasons: list[str] = field(default_factory=list)
    samples: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)

    def table(self) -> str:
        m = self.metrics
        rows = [("metric", "base", "base+profile", "adapter")]

        def fmt(x):
            return "-" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))

        rows.append(("fact recall (on topic)", *(fmt(m["facts"]["recall"].get(c)) for c in COLUMNS)))
        for kind, r in sorted(m["preferences"]["by_kind"].items()):
            rows.append((f"preference: {kind}", *(fmt(r.get(c)) for c in COLUMNS)))
        rows.append(("KL to teacher / token", fmt(m["kl"]["base"]), "0", fmt(m["kl"]["adapter"])))
        rows.append(("KL gap closed", "0", "1", fmt(m["kl"]["gap_closed"])))
        rows.append(("general-text perplexity", fmt(m["retention"]["base"]), "-", fmt(m["retention"]["adapter"])))
        rows.append(("other tenants' facts leaked", fmt(m["isolation"]["base_leaks"]), "-", fmt(m["isolation"]["adapter_leaks"])))
        rows.append(("invented specifics (abstention)", fmt(m["abstention"]["base"]), fmt(m["abstention"]["profile"]), fmt(m["abstention"]["adapter"])))
        w = [max(len(r[i]) for r in rows) for i in range(4)]
        lines = ["  ".join(c.ljust(w[i]) for i, c in enumerate(r)) for r in rows]
        lines.insert(1, "  ".join("-" * x for x in w))
        verdict = "PASS" if self.passed else "FAIL: " + "; ".join(self.reasons)
        return "\n".join(lines + ["", *item_table(m.get("items") or {}), "", f"gate: {verdict}"])


def item_table(items: dict) -> list[str]:
    """Per selected item: compliance in the four columns (n prompts) and the verdict."""
    rows = [("item", "base", "base+profile", "teacher", "adapter", "n", "verdict")]
    for r in items.get("results", []):
        rt = r.get("rates") or {}
        cells = [f"{rt[c]:.2f}" if rt.get(c) is not None else "-" for c in ("base", "profile", "teacher", "adapter")]
        rows.append((f"{r['kind']}={r['value'] or r['text']}"[:48], *cells, str(r["n"]), r["verdict"]))
    if len(rows) == 1:
        return []
    w = [max(len(x[i]) for x in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w[i]) for i, c in enumerate(x)) for x in rows]
    return [lines[0], "  ".join("-" * x for x in w), *lines[1:]]


@contextlib.contextmanager
def adapter_attached(base, adapter_dir: Path):
    """The adapter on `base.model` (PEFT), removed again afterwards so the base stays clean."""
    from peft import PeftModel

    peft_model = PeftModel.from_pretrained(base.model, str(adapter_dir), is_trainable=False)
    peft_model.eval()
    try:
        yield peft_model
    finally:
        detach_lora(base, peft_model)


def generate(model, tokenizer, prompts: list[str], systems: list[str | None], max_new_tokens: int) -> list[str]:
    """Greedy answers with the model as it is (adapter on, or off inside `disable_adapter()`), through the
    teacher's batched decoder: the gate generates base, profile and adapter answers for every probe. One
    batch for all prompts; the decoder's KV-cache budget splits it when it is too large."""

    reqs = [GenRequest(chat_ids(tokenizer, p, s), max_new_tokens=max_new_tokens) for p, s in zip(prompts, systems)]
    outs = decode(model, tokenizer, reqs, batch_size=max(1, len(reqs)))
    return [tokenizer.decode(o, skip_special_tokens=True).strip() for o in outs]


ENDING_ROOM = 16  # new tokens the teacher's construction may add after its content budget: closing, sign-off


def answer_budget(settings: Settings) -> int:
    """New tokens the gate lets each answer run. The teacher wrote up to `distill.max_new_tokens` of content and
    then its closing, so the adapter learned to close after about that many tokens: a shorter budget cut it off
    before the closing, and a closing it carried was measured as not carried (0 of 4 on the demo's 40 tokens,
    where its answers that did end all closed)."""
    return max(settings.gate.eval_max_new_tokens, settings.distill.max_new_tokens + ENDING_ROOM)


def base_column(peft_model, tok, questions: list[str], settings: Settings, cache: BaseCache | None) -> list[str]:
    """The base's answers without the profile. Template prompts come from the shared base cache when it is on
    (entries for this budget, greedy: filled by the first tenant's gate of the night); a tenant's own probes are
    answered here."""
    n_new = answer_budget(settings)

    def compute(ps: list[str]) -> list[str]:
        with peft_model.disable_adapter():
            return generate(peft_model, tok, ps, [None] * len(ps), n_new)

    gen = {"max_new_tokens": n_new, "greedy": True, "repetition_penalty": 1.0}
    out = base_answers_for(cache, questions, gen, compute, is_generic)
    return [out[q] for q in questions]


def _answers3(peft_model, tok, questions: list[str], system: str, settings: Settings,
              cache: BaseCache | None = None) -> dict[str, list[str]]:
    n_new = answer_budget(settings)
    base = base_column(peft_model, tok, questions, settings, cache)
    with peft_model.disable_adapter():
        prof = generate(peft_model, tok, questions, [system] * len(questions), n_new)
    ad = generate(peft_model, tok, questions, [None] * len(questions), n_new)
    return {"base": base, "profile": prof, "adapter": ad}


def _probes(data: D.TenantData) -> list[dict]:
    probes = data.meta.get("probes")
    if probes is None:
        probes = [{"item_id": it.get("id"), **it["probe"]} for it in data.profile.get("items", []) if it.get("probe")]
    return [p for p in probes if p.get("question") and p.get("expect")]


def kl_gap(peft_model, base, data: D.TenantData, settings: Settings) -> dict:
    """Per-token KL(teacher || base) and KL(teacher || adapter) on held-out answers; the share of the gap closed."""
    import torch

    tok = base.tokenizer
    rows = data.validation if len(data.validation) else data.train
    rows = rows.select(range(min(len(rows), settings.gate.kl_eval_examples)))
    # The teacher that wrote the data is partly constructed: the forced opening, bullet markers, fact statements,
    # the appended closing and the end of turn are one-hot (the prompted base rarely writes them). KL to a one-hot
    # teacher is the token's negative log-likelihood, so those positions use it (`collate`'s "forced"); everything
    # else is compared to the prompted base's distribution. Without this, following the profile better than the
    # prompted base does counts as a regression.
    gen = data.meta.get("generation") or {}
    enc, _ = D.encode_split(tok, rows, settings.train.max_seq_len, end_ids(tok, base.model), True, gen)
    causal = peft_model.get_base_model()
    share = settings.jobs.share_prefix  # one adapter (or none) for every row
    kb = ka = 0.0
    n = 0
    with torch.no_grad():
        for i in range(0, len(enc), settings.gate.eval_batch_size):
            chunk = enc[i:i + settings.gate.eval_batch_size]
            batch = {k: v.to(base.model.device) for k, v in D.collate(chunk, tok.pad_token_id, True).items()}
            with peft_model.disable_adapter():
                t = selected_logits(causal, batch["t_input_ids"], batch["t_attention_mask"], batch["t_sel"], share)
                b = selected_logits(causal, batch["input_ids"], batch["attention_mask"], batch["sel"], share)
            a = selected_logits(causal, batch["input_ids"], batch["attention_mask"], batch["sel"], share)
            target = targets(batch)

            def to_teacher(logits):
                return float(distill_per_token(t, logits, target, batch["forced"]).sum())

            kb += to_teacher(b)
            ka += to_teacher(a)
            n += t.shape[0]
    if not n:
        return {"base": None, "adapter": None, "gap_closed": None, "tokens": 0}
    kb, ka = kb / n, ka / n
    return {"base": kb, "adapter": ka, "gap_closed": (kb - ka) / kb if kb > 0 else None, "tokens": n}


def general_text(tokenizer, max_len: int, windows: int) -> list[list[int]]:
    text = resources.files("memlora.adapters").joinpath("data/general.txt").read_text(encoding="utf-8")
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    return [ids[i:i + max_len] for i in range(0, len(ids) - 16, max_len)][:windows]


def retention(peft_model, base, settings: Settings, cache: BaseCache | None = None) -> dict:
    """Perplexity on public-domain prose with and without the adapter; the base's side once per base when the
    shared base cache is on."""
    import torch
    import torch.nn.functional as F

    chunks = general_text(base.tokenizer, settings.train.max_seq_len, settings.gate.retention_windows)

    def ppl() -> float:
        nll, n = 0.0, 0
        with torch.no_grad():
            for c in chunks:
                ids = torch.tensor([c], device=base.model.device)
                logits = peft_model(input_ids=ids).logits[0, :-1].float()
                nll += float(F.cross_entropy(logits, ids[0, 1:], reduction="sum"))
                n += ids.shape[1] - 1
        return math.exp(nll / max(n, 1))

    with peft_model.disable_adapter():
        b = cache.perplexity(chunks, ppl) if cache is not None else ppl()
    a = ppl()
    return {"base": b, "adapter": a, "regression": a / b - 1.0, "tokens": sum(len(c) for c in chunks)}


def _sibling_dirs(tenant_dir: Path) -> list[Path]:
    return sorted(p for p in tenant_dir.parent.iterdir() if p != tenant_dir and (p / "profile.json").is_file() and (p / "meta.json").is_file())


@dataclass
class GateCase:
    """One tenant's gate inputs, checked: its data, adapter manifest, system prompt and the other tenants' dirs."""

    data: D.TenantData
    adapter_dir: Path
    tenant: str
    system: str
    others: list[Path]


def gate_case(base, adapter_dir: Path, tenant_dir: Path, settings: Settings, others: list[Path] | None = None) -> GateCase:
    """Load and check one tenant's gate inputs: an adapter for another tenant or base fails here, before any work."""
    tenant_dir, adapter_dir = Path(tenant_dir), Path(adapter_dir)
    data = D.load_tenant_dir(tenant_dir)
    manifest = validate_adapter(adapter_dir, base.fingerprint, base.model, max_rank=settings.serving.slot_rank)
    if data.tenant and manifest.tenant != data.tenant:
        raise MemloraError(f"adapter {adapter_dir} belongs to tenant {manifest.tenant!r}, the data to {data.tenant!r}")
    system = data.profile.get("system_prompt") or (data.validation[0]["system"] if len(data.validation) else data.train[0]["system"])
    others = _sibling_dirs(tenant_dir) if others is None else [Path(o) for o in others]
    return GateCase(data, adapter_dir, manifest.tenant, system, others)


def evaluate_adapter(base, adapter_dir: Path, tenant_dir: Path, settings: Settings, others: list[Path] | None = None) -> EvalReport:
    """Run the whole gate. `others`: other tenants' distill dirs for isolation (None = siblings of `tenant_dir`)."""
    case = gate_case(base, adapter_dir, tenant_dir, settings, others)
    tok = base.tokenizer
    cache = BaseCache.open(settings, base)
    with adapter_attached(base, case.adapter_dir) as pm:

        def ask(prompts: list[str]) -> dict[str, list[str]]:
            return _answers3(pm, tok, prompts, case.system, settings, cache) if prompts else {c: [] for c in COLUMNS}

        def plain(questions: list[str]) -> tuple[list[str], list[str]]:
            return _plain2(pm, tok, questions, answer_budget(settings))

        kl = kl_gap(pm, base, case.data, settings)
        ret = retention(pm, base, settings, cache)
        return gate_report(case, settings, kl, ret, ask, plain, cache)


def gate_checks(case: GateCase, g, ask, plain) -> tuple:
    """The checks that read generated answers, in the gate's order; each picks its prompts before it reads an
    answer, so a first pass with empty answers learns every prompt the gate will ask (the group gate's plan)."""
    data, samples = case.data, {}
    facts, samples["facts"] = fact_recall(ask, data, g)
    pref, samples["preferences"] = preference_rates(ask, data, g)
    iso, samples["isolation"] = isolation(plain, data, case.others)
    abst, samples["abstention"] = abstention(ask, data)
    t0 = time.perf_counter()
    results, samples["items"] = measure_items(ask, data, g)
    return facts, pref, iso, abst, results, samples, time.perf_counter() - t0


def gate_report(case: GateCase, settings: Settings, kl: dict, ret: dict, ask, plain, cache: BaseCache | None) -> EvalReport:
    """Every generation-based check through `ask` (three columns) and `plain` (base and adapter, no profile),
    then the verdict and residual.json: one tenant alone and a group of tenants share this, so their reports
    can differ only in the answers the two paths generate."""
    g = settings.gate
    facts, pref, iso, abst, results, samples, item_seconds = gate_checks(case, g, ask, plain)
    metrics = {"tenant": case.tenant, "adapter": str(case.adapter_dir), "kl": kl, "facts": facts, "preferences": pref,
               "retention": ret, "isolation": iso, "abstention": abst, "items": {**items_metrics(results), "seconds": round(item_seconds, 2)},
               "base_cache": {"answers": asdict(cache.answer_stats), "perplexity": asdict(cache.ppl_stats)} if cache else None}
    reasons = verdict(metrics, g)
    write_residual(case.adapter_dir, IG.residual(results, rejected=bool(reasons)))
    return EvalReport(metrics=metrics, passed=not reasons, reasons=reasons, samples=samples)


def fact_recall(ask, data: D.TenantData, g) -> tuple[dict, list[dict]]:
    """The tenant's probe questions in all three columns; a fact counts only when stated, on topic, and not
    pasted from the profile wholesale."""
    probes = _probes(data)
    questions = [p["question"] for p in probes]
    answers = ask(questions)
    expects = [p["expect"] for p in probes]
    facts = {"n": len(probes), "recall": {}, "raw_recall": {}, "on_topic": {}}
    for c in COLUMNS:
        refs = [q + " " + b for q, b in zip(questions, answers["base"])]
        # The question alone too: a two-word answer ("You live in Portland.") drowns in a long base answer.
        topic = [max(x, y) for x, y in zip(M.topicality(answers[c], refs), M.topicality(answers[c], questions))]
        on = [t >= g.min_topicality and not M.pastes_profile(a, e, expects) for a, t, e in zip(answers[c], topic, expects)]
        hits = [M.states_fact(a, e) for a, e in zip(answers[c], expects)]
        facts["raw_recall"][c] = sum(hits) / len(probes) if probes else None
        facts["recall"][c] = sum(h and o for h, o in zip(hits, on)) / len(probes) if probes else None
        facts["on_topic"][c] = sum(on) / len(probes) if probes else None
    samples = [{"question": q, "expect": e, **{c: answers[c][i] for c in COLUMNS}}
               for i, (q, e) in enumerate(zip(questions, expects))]
    return facts, samples


def preference_rates(ask, data: D.TenantData, g) -> tuple[dict, list[dict]]:
    """Each style preference checked on answers to general prompts, per column; a preference the base's
    answers cannot be checked against is left out."""
    banned = (data.meta.get("generation") or {}).get("banned_words")
    prefs = [({**it, "avoid_words": banned} if it.get("kind") == "avoid" and isinstance(it.get("value"), str) and banned else it)
             for it in data.profile.get("items", []) if it.get("kind") not in ("fact", "free")]
    rows = list(data.validation) or list(data.train)
    general = [r for r in rows if r.get("kind") == "general"] or rows
    prompts = [r["prompt"] for r in general[: g.preference_eval_prompts]]
    answers = ask(prompts if prefs else [])
    by_kind: dict[str, dict] = {}
    for it in prefs:
        res = {c: [M.preference_check(it, a) for a in answers[c]] for c in COLUMNS}
        if not res["base"] or any(x is None for x in res["base"]):
            continue
        by_kind[f"{it['kind']}={it.get('value')}"] = {c: sum(res[c]) / len(res[c]) for c in COLUMNS}
    pref = {"by_kind": by_kind, "n_prompts": len(prompts),
            "mean": {c: (sum(v[c] for v in by_kind.values()) / len(by_kind) if by_kind else None) for c in COLUMNS}}
    samples = [{"prompt": p, **{c: answers[c][i] for c in COLUMNS}} for i, p in enumerate(prompts) if answers["base"]]
    return pref, samples


def _foreign_probes(others: list[Path], own_items: list) -> tuple[list[str], list[list[str]]]:
    """Other tenants' probe questions with the expected words this tenant never said itself."""
    own_text = json.dumps(own_items).lower()
    questions, expects = [], []
    for od in others:
        try:
            o = D.TenantData(dir=od, profile=json.loads((od / "profile.json").read_text()),
                             meta=json.loads((od / "meta.json").read_text()), train=None, validation=None)
        except (OSError, json.JSONDecodeError) as e:
            raise MemloraError(f"isolation: cannot read other tenant dir {od}: {e}") from None
        for p in _probes(o):
            exp = [x for x in p["expect"] if str(x).lower() not in own_text]
            if exp:
                questions.append(p["question"])
                expects.append(exp)
    return questions, expects


def _plain2(pm, tok, questions: list[str], n_new: int) -> tuple[list[str], list[str]]:
    """The base's and the adapter's answers without any system prompt (isolation's two columns)."""
    with pm.disable_adapter():
        base_answers = generate(pm, tok, questions, [None] * len(questions), n_new)
    return base_answers, generate(pm, tok, questions, [None] * len(questions), n_new)


def isolation(plain, data: D.TenantData, others: list[Path]) -> tuple[dict, list[dict]]:
    """A leak: the adapter states another tenant's fact that the base alone does not. `plain(questions)`
    answers (base, adapter) without the profile."""
    questions, expects = _foreign_probes(others, data.profile.get("items", []))
    base_answers, adapter_answers = plain(questions)
    base_leaks = sum(M.contains_any(a, e) for a, e in zip(base_answers, expects))
    adapter_leaks = sum(M.contains_any(a, e) and not M.contains_any(b, e)
                        for a, b, e in zip(adapter_answers, base_answers, expects))
    iso = {"n": len(questions), "base_leaks": base_leaks, "adapter_leaks": adapter_leaks,
           "leak_rate": adapter_leaks / len(questions) if questions else 0.0}
    samples = [{"question": q, "expect": e, "base": b, "adapter": a}
               for q, e, b, a in zip(questions, expects, base_answers, adapter_answers)]
    return iso, samples


def abstention(ask, data: D.TenantData) -> tuple[dict, list[dict]]:
    """Questions about things the tenant never said: the share of answers inventing specifics, per column."""
    questions = [p["question"] for p in data.meta.get("abstention_probes", []) if p.get("question")]
    answers = ask(questions)
    abst = {c: (sum(M.invented_specifics(a, q) for a, q in zip(answers[c], questions)) / len(questions) if questions else None)
            for c in COLUMNS}
    abst["n"] = len(questions)
    abst["excess"] = (abst["adapter"] - abst["base"]) if questions else 0.0
    samples = [{"question": q, **{c: answers[c][i] for c in COLUMNS}} for i, q in enumerate(questions)]
    return abst, samples


def items_metrics(results: list[IG.ItemResult]) -> dict:
    """The per-item verdict as the report, the registry and `memlora profile` read it."""
    ids = IG.summary(results)
    return {"results": [r.as_dict() for r in results], "ids": ids, "counts": {v: len(i) for v, i in ids.items()},
            "n_prompts": sum(r.n for r in results)}


def verdict(metrics: dict, g) -> list[str]:
    """The gate's reasons to refuse the adapter; none means it passes.

    Promotion needs every required item the teacher satisfies carried (the per-item gate), no general ability
    lost (perplexity, abstention) and no leak. The KL gap decides only when no item could be judged (all
    free-form or not learnable): then it is the one sign the adapter learned anything."""
    kl, facts, ret, iso, abst = (metrics[k] for k in ("kl", "facts", "retention", "isolation", "abstention"))
    results = [IG.ItemResult(**r) for r in (metrics.get("items") or {}).get("results", [])]
    reasons = IG.blocking(results)
    judged = any(r.verdict in (IG.CARRIED, IG.NOT_CARRIED) for r in results)
    if not judged and kl["gap_closed"] is not None and kl["gap_closed"] < g.min_kl_gap_closed:
        reasons.append(f"KL gap closed {kl['gap_closed']:.3f} < {g.min_kl_gap_closed}")
    if facts["recall"]["adapter"] is not None and facts["recall"]["adapter"] < g.min_fact_recall:
        reasons.append(f"fact recall {facts['recall']['adapter']:.2f} < {g.min_fact_recall}")
    if ret["regression"] > g.max_ppl_regression:
        reasons.append(f"general-text perplexity up {ret['regression']:.1%} > {g.max_ppl_regression:.0%}")
    if iso["leak_rate"] > g.max_leak_rate:
        reasons.append(f"leaks other tenants' facts in {iso['adapter_leaks']}/{iso['n']} answers")
    if abst["excess"] is not None and abst["excess"] > g.max_abstention_excess:
        reasons.append(f"invents specifics {abst['excess']:+.2f} more often than the base")
    return reasons
