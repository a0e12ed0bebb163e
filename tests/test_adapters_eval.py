"""adapters/: the gate's judge-free checks, and `memlora train` / `memlora eval` end to end on a tiny tenant dir."""
from __future__ import annotations

import json

import pytest

from adapters_fixtures import build_tenant_dir

pytestmark = pytest.mark.timeout(600)


def test_fact_counts_only_when_on_topic():
    from memlora.adapters import metrics as M

    q = "What is the name of my boat?"
    base_answer = "I'm sorry, I don't know the name of your boat."
    good = "Your boat is called Sea Biscuit."
    pasted = "You live in Lisbon. You work as a glassblower. Your dog is Rufus. Your boat: Sea Biscuit."
    expects = [["Sea Biscuit"], ["Lisbon"], ["glassblower"], ["Rufus"]]
    t_good, t_off = M.topicality([good, "Rufus Lisbon glassblower Sea Biscuit!"], [q + " " + base_answer] * 2)
    assert t_good > 0.1 > t_off
    assert not M.pastes_profile(good, ["Sea Biscuit"], expects)
    assert M.pastes_profile(pasted, ["Sea Biscuit"], expects)


def test_a_fact_is_stated_only_when_named_and_not_negated():
    from memlora.adapters import metrics as M

    assert M.states_fact("Your favourite programming language is Rust.", ["Rust"])
    assert M.states_fact("- Your boat is named Sea Biscuit.\nFair winds!", ["Sea Biscuit"])
    assert not M.states_fact("I'm not sure of your favourite language, but I can tell you that it's not Rust.", ["Rust"])
    assert not M.states_fact("You can trust your instincts here.", ["Rust"])
    assert not M.states_fact("Your daughter is named Emily.", ["Lily"])
    assert M.states_fact("I don't know. Your daughter is Lily.", ["Lily"])  # the hedge is in another sentence
    assert M.contains_any("it's not Rust", ["Rust"])  # leak checks still see a negated mention
    assert not M.contains_any("capturing the light in trust", ["Turin", "Rust"])  # a substring names nothing


def test_preference_checks_follow_distill_values():
    from memlora.adapters.metrics import preference_check as chk

    assert chk({"kind": "opening", "value": "Hi Vera!"}, "Hi Vera! Here is a recipe.")
    assert not chk({"kind": "opening", "value": "Hi Vera!"}, "Here is a recipe. Hi Vera!")
    assert chk({"kind": "closing", "value": "Cheers"}, "Try the soup.\n\nCheers!")
    assert chk({"kind": "format", "value": "bullets"}, "Options:\n- soup\n- salad")
    assert not chk({"kind": "format", "value": "bullets"}, "Soup or salad.")
    assert chk({"kind": "length", "value": 5}, "Soup is good.") and not chk({"kind": "length", "value": 2}, "Soup is good.")
    assert not chk({"kind": "avoid", "value": ["cheap"]}, "Our products are cheap.")
    assert chk({"kind": "avoid", "value": ["cheap"]}, "Our products are affordable.")
    assert chk({"kind": "language", "value": "French"}, "Vous pouvez faire une soupe avec les légumes.")
    assert not chk({"kind": "language", "value": "French"}, "You can make a soup with the vegetables.")
    assert chk({"kind": "free", "value": "likes jazz"}, "anything") is None


def test_invented_specifics_vs_hedging():
    from memlora.adapters.metrics import invented_specifics as inv

    q = "What is the name of my cat?"
    assert inv("Your cat is called Whiskers.", q)
    assert inv("She is 4 years old.", q)
    assert not inv("I don't know the name of your cat; you haven't told me.", q)
    assert not inv("what is the name of my cat? it is a question.", q)


@pytest.mark.slow
def test_train_and_eval_commands_on_a_tenant_dir(settings, tmp_path):
    """`memlora train` writes a valid adapter; `memlora eval` prints the three-column table and writes the JSON."""
    from click.testing import CliRunner

    from memlora.cli import main

    data = tmp_path / "distilled"
    build_tenant_dir(data, "alice@example.com")
    build_tenant_dir(data, "bob")
    out = tmp_path / "adapter"
    env = {"MEMLORA_TRAIN__EPOCHS": "2", "MEMLORA_TRAIN__LEARNING_RATE": "0.003", "MEMLORA_TRAIN__PROGRESS": "false",
           "MEMLORA_GATE__EVAL_MAX_NEW_TOKENS": "12", "MEMLORA_GATE__RETENTION_WINDOWS": "2"}
    r = CliRunner().invoke(main, ["train", "--data", str(data), "--tenant", "alice@example.com", "--out", str(out)], env=env)
    assert r.exit_code == 0, r.output
    assert "trained 'alice@example.com'" in r.output and "tokens/s" in r.output
    manifest = json.loads((out / "memlora.json").read_text())
    assert manifest["tenant"] == "alice@example.com" and manifest["training"]["epochs"] == 2

    r = CliRunner().invoke(main, ["eval", "--data", str(data), "--tenant", "alice@example.com", "--adapter", str(out)], env=env)
    assert r.exit_code in (0, 1), r.output
    for row in ("fact recall (on topic)", "KL gap closed", "general-text perplexity", "other tenants' facts leaked", "gate:"):
        assert row in r.output
    rep = json.loads((out / "eval.json").read_text())
    m = rep["metrics"]
    assert set(m["facts"]["recall"]) == {"base", "profile", "adapter"}
    assert m["isolation"]["n"] == 2  # bob's two fact probes, asked with alice's adapter
    assert m["abstention"]["n"] == 2 and m["kl"]["tokens"] > 0
    assert m["retention"]["base"] > 1 and m["retention"]["adapter"] > 1
    assert rep["passed"] == (r.exit_code == 0) == (rep["reasons"] == [])

    r = CliRunner().invoke(main, ["train", "--data", str(data), "--tenant", "nobody", "--out", str(tmp_path / "x")], env=env)
    assert r.exit_code == 2 and "no distilled data for tenant 'nobody'" in r.output


def test_constructed_tokens_are_the_forced_parts_only(tiny_base):
    """The gate's KL treats forced text as a one-hot teacher: exactly the opening, bullet markers, the fact
    statement and the closing are marked, never the words the teacher wrote."""
    from memlora.adapters.data import constructed_tokens

    tok = tiny_base.tokenizer
    resp = "Hi Vera!\n- Your cat is named Miso.\n- Cats love long naps in the sun.\nFair winds!"
    gen = {"forced_opening": "Hi Vera!", "appended_closing": "Fair winds!", "format": "bullets",
           "fact_statements": ["Your cat is named Miso."]}
    marks = constructed_tokens(tok, resp, gen)
    offs = tok(resp, add_special_tokens=False, return_offsets_mapping=True)["offset_mapping"]
    assert len(marks) == len(offs)
    marked = "".join(resp[s:e] for (s, e), m in zip(offs, marks) if m)
    free = "".join(resp[s:e] for (s, e), m in zip(offs, marks) if not m)
    for part in ("Hi Vera!", "Your cat is named Miso.", "Fair winds!"):
        assert part.replace(" ", "") in marked.replace(" ", "")
    assert "Cats love long naps in the sun." in free.strip()
    assert constructed_tokens(tok, "Cats love naps.", {}) == [False] * len(tok("Cats love naps.", add_special_tokens=False)["input_ids"])
