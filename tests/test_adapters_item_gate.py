"""The per-item gate: the Wilson interval, the verdict rule, residual.json, and the verdict in the registry and
`memlora profile`."""
from __future__ import annotations

import json
import time

import pytest
from adapters_fixtures import build_tenant_dir

pytestmark = pytest.mark.timeout(600)


def test_wilson_interval_matches_known_values():
    from memlora.adapters.item_gate import Z90, half_width, wilson
    from scipy.stats import binomtest

    lo, hi = wilson(0, 10, 1.959963984540054)  # textbook: 0/10 at 95% is [0, 0.2775]
    assert lo == 0.0 and hi == pytest.approx(0.27753, abs=1e-4)
    lo, hi = wilson(6, 12)  # 90%: symmetric around a centre pulled to 1/2
    assert (lo + hi) / 2 == pytest.approx(0.5) and hi - lo == pytest.approx(2 * half_width(6, 12))
    for k, n in ((0, 12), (3, 12), (9, 12), (12, 12), (1, 4), (17, 40)):
        ci = binomtest(k, n).proportion_ci(confidence_level=0.90, method="wilson")
        assert wilson(k, n, Z90) == pytest.approx((ci.low, ci.high), abs=1e-9)
    assert wilson(0, 0) == (0.0, 1.0)  # nothing measured: nothing known
    assert half_width(0, 12) == pytest.approx(0.0920, abs=1e-3)


def _item(kind, base, teacher, adapter, n=12, required=True):
    from memlora.adapters.item_gate import ItemResult

    rates = {"base": base, "profile": None, "teacher": teacher, "adapter": adapter}
    return ItemResult(id=f"it-{kind}", kind=kind, value="v", text=f"a {kind} item", line=f"do {kind}.", required=required,
                      n=n, teacher_n=n, hits={"base": round(base * n)} if base is not None else {}, rates=rates)


def _metrics(results):
    from memlora.adapters.evaluate import items_metrics

    return {"kl": {"gap_closed": 0.0}, "facts": {"recall": {"adapter": None}}, "retention": {"regression": 0.0},
            "isolation": {"leak_rate": 0.0, "adapter_leaks": 0, "n": 2}, "abstention": {"excess": 0.0},
            "items": items_metrics(results)}


def test_verdict_per_item_and_promotion_on_constructed_compliance():
    from memlora.adapters.evaluate import verdict
    from memlora.adapters.item_gate import decide

    from memlora.settings import GateSettings

    g = GateSettings()
    cases = {
        "carried": _item("opening", 0.0, 1.0, 0.9),
        "not_carried: below teacher - margin": _item("closing", 0.0, 1.0, 0.5),
        "not_carried: not above the base's noise": _item("format", 0.5, 0.9, 0.58),
        "not_learnable": _item("language", 0.0, 0.5, 0.0),
        "carried: the base already follows it": _item("length", 1.0, 1.0, 1.0),
        "unchecked": _item("free", None, None, None, n=0),
    }
    got = {name: decide(r, g.teacher_min, g.carry_margin)[0] for name, r in cases.items()}
    assert got == {name: name.split(":")[0] for name in cases}
    assert decide(_item("closing", 0.0, 1.0, 0.8), g.teacher_min, g.carry_margin)[0] == "carried"  # exactly teacher - 0.2

    def judged(results):
        for r in results:
            r.verdict, r.why = decide(r, g.teacher_min, g.carry_margin)
        return verdict(_metrics(results), g)

    # a not-learnable item (teacher 0.5) and an unchecked one do not block; everything else carried: promoted,
    # even with a KL gap the old gate refused
    assert judged([_item("opening", 0.0, 1.0, 0.9), _item("language", 0.0, 0.5, 0.0), _item("free", None, None, None, n=0)]) == []
    reasons = judged([_item("opening", 0.0, 1.0, 0.9), _item("fact", 0.0, 1.0, 0.25)])
    assert len(reasons) == 1 and "fact item it-fact" in reasons[0]
    assert judged([_item("address", 0.0, 1.0, 0.0, required=False)]) == []  # not a required kind
    # nothing could be judged per item: the KL gap is the only evidence left, and it still decides
    assert any("KL gap" in r for r in judged([_item("language", 0.0, 0.5, 0.0)]))


def test_a_rejected_adapter_leaves_every_item_to_the_prompt_less_what_the_champion_carries():
    """A passed version serves what it does not carry; a rejected one is never served, so all its items are memory
    for the prompt, and over a champion only those the champion's weights do not carry are served."""
    from memlora.adapters.item_gate import CARRIED, NOT_CARRIED, residual

    items = [_item("opening", 0.0, 1.0, 0.9), _item("closing", 0.0, 1.0, 0.1), _item("format", 0.0, 1.0, 0.9)]
    for r, v in zip(items, (CARRIED, NOT_CARRIED, CARRIED)):
        r.verdict = v
    kept = residual(items)
    assert [i.id for i in kept.items] == ["it-closing"] and kept.carried == ["it-opening", "it-format"]
    rejected = residual(items, rejected=True)
    assert [(i.id, i.reason) for i in rejected.items] == [("it-opening", "rejected"), ("it-closing", "not_carried"),
                                                         ("it-format", "rejected")]
    assert rejected.carried == []
    champion_carries = residual(items[:1])  # an older champion that carried only the opening
    assert [i.id for i in rejected.beyond(champion_carries).items] == ["it-closing", "it-format"]
    assert [i.id for i in rejected.beyond(None).items] == ["it-opening", "it-closing", "it-format"]


def test_a_fact_counts_when_stated_to_its_own_question_however_often_it_is_said():
    """Twelve identical correct answers are twelve hits (a batch TF-IDF topicality scored them off topic on the
    real base); a negated or profile-reciting answer is not one."""
    from memlora.adapters.item_checks import _complies

    item = {"kind": "fact", "probe": {"question": "What is the name of my cat?", "expect": ["Miso"]}}
    others = [["Miso"], ["nurse"], ["Lisbon"]]
    assert sum(_complies(item, ["Hi Vera! Your cat is named Miso."] * 12, others)) == 12
    assert _complies(item, ["Your cat is not Miso.", "Miso. You are a nurse in Lisbon.", "I don't know your cat."], others) == [False] * 3


@pytest.mark.parametrize("slot,question", [("tortoise", "What is my tortoise called?"), ("birthplace", "Where was I born?"),
                                           ("employer", "Where do I work?")])
def test_a_fact_is_trained_on_other_asks_than_the_probe_and_gated_on_still_others(slot, question):
    """An adapter trained only on wrappers of its probe learned that one string (the demo's adapters missed their
    facts asked in other words); a few prompts must already hold other asks, and the gate must ask in words the
    adapter never saw."""
    import random

    from memlora.adapters.item_checks import prompts_for
    from memlora.distill.prompts import prompts_for_item

    item = {"id": "f", "kind": "fact", "slot": slot, "value": "X", "statement": "Your thing is X.",
            "probe": {"question": question, "expect": ["X"]}}
    for n in (4, 8):
        trained = prompts_for_item(item, random.Random(n), n)
        probe = question.lower().rstrip("?")
        assert trained[0] == question and any(p.endswith("?") and probe not in p.lower() for p in trained)
        gate = prompts_for(item, set(trained), 4)
        assert len(gate) >= 4 and not set(gate) & set(trained) and probe not in gate[0].lower()


def test_the_gate_lets_an_answer_run_past_the_teachers_content_to_its_closing(settings, tiny_base):
    """The teacher writes `distill.max_new_tokens` of content and then appends the closing: a gate budget of that
    size or less cuts the adapter off before the closing it learned (the demo's 40 tokens measured every closing
    as not carried)."""
    from memlora.adapters.evaluate import answer_budget

    closing = len(tiny_base.tokenizer("\nFair winds, and see you soon!")["input_ids"])
    for content, gate in ((64, 40), (64, 64), (48, 64), (128, 64)):
        s = settings.model_copy(update={"distill": settings.distill.model_copy(update={"max_new_tokens": content}),
                                        "gate": settings.gate.model_copy(update={"eval_max_new_tokens": gate})})
        assert answer_budget(s) >= max(gate, content + closing)


@pytest.fixture
def gated(settings, tiny_base, tmp_path):
    """alice's gate run on the tiny model with a real (random) LoRA, its report and timing."""
    from memlora.adapters.evaluate import evaluate_adapter
    from registry_fixtures import make_adapter

    data = tmp_path / "distilled"
    alice = build_tenant_dir(data, "alice@example.com")
    build_tenant_dir(data, "bob")
    adapter = make_adapter(tiny_base, tmp_path, "alice@example.com")
    s = settings.model_copy(update={"gate": settings.gate.model_copy(update={
        "eval_max_new_tokens": 6, "kl_eval_examples": 2, "retention_windows": 1, "preference_eval_prompts": 2, "item_prompts": 5})})
    t0 = time.perf_counter()
    rep = evaluate_adapter(tiny_base, adapter, alice, s)
    return rep, adapter, alice, time.perf_counter() - t0


def test_gate_measures_every_item_on_held_out_prompts_and_writes_the_residual(gated):
    from datasets import load_from_disk
    from memlora.distill.profile import item_line

    from memlora.adapter_dir import read_manifest, read_residual, verify_hashes

    rep, adapter, alice, seconds = gated
    profile = json.loads((alice / "profile.json").read_text())
    res = {r["id"]: r for r in rep.metrics["items"]["results"]}
    assert list(res) == [it["id"] for it in profile["items"]]
    for it in profile["items"]:
        r = res[it["id"]]
        assert r["verdict"] in ("carried", "not_carried", "not_learnable", "unchecked")
        assert r["n"] >= (4 if it["kind"] == "fact" else 5) and set(r["rates"]) == {"base", "profile", "teacher", "adapter"}
    assert res["it0"]["teacher_source"] == "teacher data" and res["it0"]["rates"]["teacher"] == 1.0  # the fixture states it
    trained = {r["prompt"] for r in load_from_disk(str(alice / "dataset"))["train"]}
    asked = {s["prompt"] for s in rep.samples["items"]}
    assert asked and not asked & trained
    residual = read_residual(adapter, "test")
    if rep.passed:
        want = [(i, r["verdict"]) for i, r in res.items() if r["verdict"] != "carried"]
        assert residual.carried == [i for i, r in res.items() if r["verdict"] == "carried"]
        assert [f.id for f in residual.facts] == [i for i, r in res.items() if r["verdict"] == "carried" and r["kind"] == "fact"]
    else:  # its weights never serve: every item is memory to serve in the prompt, none carried
        want = [(i, "rejected" if r["verdict"] == "carried" else r["verdict"]) for i, r in res.items()]
        assert residual.carried == [] and residual.facts == []
    assert [(i.id, i.reason) for i in residual.items] == want
    by_id = {it["id"]: it for it in profile["items"]}
    for i in residual.items:
        it = by_id[i.id]
        assert i.line == item_line(it["kind"], it["value"], it.get("slot", ""), it["text"]) and i.kind == it["kind"]
        if i.kind == "fact":  # what the server needs to answer a question asking for it
            assert (i.statement, i.question, i.value) == (it["statement"], it["probe"]["question"], str(it["value"])) and i.statement
    probe = next(it["probe"]["question"] for it in profile["items"] if it["kind"] == "fact")
    fact_asked = [s["prompt"] for s in rep.samples["items"] if s["item"] == next(it["id"] for it in profile["items"] if it["kind"] == "fact")]
    assert fact_asked and probe.lower() not in fact_asked[0].lower(), "a fact is first asked in other words than its probe"
    m = read_manifest(adapter)
    verify_hashes(adapter, {"residual.json": m.files["residual.json"]}, "test", "memlora.json")
    table = rep.table()
    assert "verdict" in table and "closing=Cheers, Al" in table
    if any(r["verdict"] == "not_carried" and r["required"] for r in res.values()):
        assert not rep.passed and any("does not carry" in x for x in rep.reasons)
    print(f"per-item gate on the tiny model: whole evaluate_adapter {seconds:.1f}s, item stage {rep.metrics['items']['seconds']}s")


def test_registry_version_lists_the_per_item_verdict(gated, settings):
    """The real gate's report registered in a real MLflow store: tags count and name each verdict's items, the
    description shows the per-item table."""
    from memlora.registry.names import model_name
    from memlora.registry.store import AdapterRegistry

    rep, adapter, alice, _ = gated
    reg = AdapterRegistry(settings)
    info = reg.register("alice@example.com", adapter, profile_path=alice / "profile.json", eval_report=rep, passed=rep.passed)
    v = reg.versions("alice@example.com")[0]
    assert v.version == info.version
    ids = rep.metrics["items"]["ids"]
    for verdict, lst in ids.items():
        assert v.tags[f"items.{verdict}"] == str(len(lst))
        assert v.tags.get(f"items.{verdict}.ids", "") == ",".join(lst)
    text = reg.client.get_model_version(model_name(settings, "alice@example.com"), str(v.version)).description
    assert "**Per item**" in text and "| item | verdict |" in text
    for r in rep.metrics["items"]["results"]:
        assert f"**{r['verdict']}**" in text
    assert "*closing*: Cheers, Al" in text


def test_memlora_profile_shows_the_last_verdict_per_item(settings, tmp_path):
    """`memlora profile` reads the nightly's checkpoint of the tenant: each selected item shows how the last gate
    judged it (and the version), an item the gate never saw says so; no model is loaded."""
    from click.testing import CliRunner
    from jobs_helpers import write_memory
    from memlora.adapters.evaluate import items_metrics
    from memlora.adapters.item_gate import ItemResult
    from memlora.distill.profile import build_profiles
    from memlora.distill.records import load_memory
    from memlora.jobs.state import TenantState, save_state

    from memlora.cli import main
    from memlora.settings import Settings

    env = {"MEMLORA_DISTILL__MIN_MENTIONS": "1"}
    mem = write_memory(tmp_path / "memory.jsonl")
    items = build_profiles(load_memory(mem).records, Settings(distill={"min_mentions": 1}))["pat"].items
    assert len(items) == 3
    judged = [ItemResult(id=items[0].id, kind=items[0].kind, value=str(items[0].value), text=items[0].text, line="", required=True,
                         n=12, teacher_n=12, rates={"base": 0.0, "profile": 0.5, "teacher": 1.0, "adapter": 0.92}, verdict="carried"),
              ItemResult(id=items[1].id, kind=items[1].kind, value=str(items[1].value), text=items[1].text, line="", required=True,
                         n=12, teacher_n=12, rates={"base": 0.0, "profile": 0.1, "teacher": 0.4, "adapter": 0.0}, verdict="not_learnable")]
    save_state(settings.state_dir, TenantState("pat", {}, version=3, gate_metrics={"items": items_metrics(judged)}), "registered")

    r = CliRunner().invoke(main, ["profile", "--memory", str(mem), "--tenant", "pat", "--json"], env=env)
    assert r.exit_code == 0, r.output
    shown = {d["id"]: d["gate"] for d in json.loads(r.output)[0]["items"]}
    assert shown[items[0].id]["verdict"] == "carried" and shown[items[0].id]["version"] == 3
    assert shown[items[1].id]["verdict"] == "not_learnable" and shown[items[2].id] is None
    r = CliRunner().invoke(main, ["profile", "--memory", str(mem), "--tenant", "pat"], env=env)
    assert r.exit_code == 0, r.output
    assert "last gate" in r.output and "carried v3" in r.output and "not learnable v3" in r.output and "not judged yet" in r.output
