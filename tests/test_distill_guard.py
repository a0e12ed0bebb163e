"""The teacher-data guard: a fact's value leaking into unrelated answers, and answers that drop the help itself."""
from __future__ import annotations

import json
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from test_distill_synthesize import _Teacher

from memlora.keys import tenant_key

REPO = Path(__file__).resolve().parent.parent


class _MisoEverywhere(_Teacher):
    """Answers on topic, but every other answer to a prompt not about the cat mentions the cat's name."""

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).calls.append(body)
        user = body["messages"][-1]["content"]
        n = len(type(self).calls)
        topic = user.rstrip("?.!").lower()
        text = f"Here is a simple answer about {topic}. Keep it easy and repeat what worked."
        if "cat" not in user.lower() and n % 2:
            text = f"Here is a simple answer about {topic}, with Miso. Miso makes {topic} better."
        self.reply(text, f"c{n}")


def test_a_pets_name_in_an_unrelated_answer_is_dropped_and_counted(settings, tiny_base, tmp_path):
    from datasets import load_from_disk

    from memlora.distill.pipeline import run_distill

    _MisoEverywhere.calls = []
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _MisoEverywhere)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        ds = settings.distill.model_copy(update={"teacher_url": f"http://127.0.0.1:{srv.server_address[1]}", "best_of": 2})
        out = tmp_path / "out"
        run_distill(settings.model_copy(update={"distill": ds}), REPO / "examples" / "memory.jsonl", out, base=tiny_base,
                    tenants=["vera"], n_examples=16, show_progress=False)
    finally:
        srv.shutdown()
        srv.server_close()
    td = out / tenant_key("vera")
    meta = json.loads((td / "meta.json").read_text())
    profile = json.loads((td / "profile.json").read_text())
    cat = next(i["id"] for i in profile["items"] if i["kind"] == "fact" and "Miso" in str(i["value"]))
    dd = load_from_disk(str(td / "dataset"))
    rows = list(dd["train"]) + list(dd["validation"])
    assert meta["contaminated"] > 0 and meta["rates"]["guard_rejections"]["contaminated"] == meta["contaminated"]
    assert "unhelpful" in meta
    unrelated = [r for r in rows if r["item_id"] != cat]
    assert unrelated and not any("Miso" in r["response"] for r in unrelated), unrelated
    assert any("Miso" in r["response"] for r in rows if r["item_id"] == cat)


def _job_with_rows(settings, tiny_base, rows: list[dict], base_answers: dict[str, str]):
    """vera's real plan, its rows replaced by `rows` (general prompts the model answers) and the base's
    answers planted: the guard stage alone, on inputs a tiny random model cannot produce."""
    from memlora.distill.profile import build_profiles
    from memlora.distill.records import load_memory
    from memlora.distill.synthesize import plan_tenant

    profile = build_profiles(load_memory(REPO / "examples" / "memory.jsonl").records, settings)["vera"]
    job = plan_tenant(profile, tiny_base, settings, 12, None)
    job.gen_rows, job.leads, job.constructed = rows, [""] * len(rows), [False] * len(rows)
    job.base_answers = base_answers
    return job


def test_a_greeting_instead_of_a_recipe_is_dropped_as_unhelpful(settings, tiny_base):
    from memlora.distill.synthesize import _Tally, guard

    prompt = "Suggest a quick dinner recipe."
    base = ("Here is a quick dinner recipe: stir-fried vegetables with rice. Cook the rice, then fry sliced peppers, "
            "onions and broccoli in a hot pan with garlic and soy sauce, and serve the vegetables over the rice.")
    job = _job_with_rows(settings, tiny_base, [{"prompt": prompt, "kind": "general", "item_id": "", "target": None}],
                         {prompt: base})
    greeting = "Hi Vera! Here is a quick dinner recipe for you! I hope you are having a wonderful day."
    recipe = "Hi Vera! A quick recipe: stir-fried vegetables with rice: fry peppers, onions and broccoli with garlic and soy sauce."
    flat = [(0, greeting, greeting, greeting), (0, recipe, recipe, recipe)]
    tally = _Tally(floor=0.0)
    survivors = guard(job, flat, [[], []], [0.0, 0.0], tally)
    assert survivors == {0: [1]}, tally
    assert tally.guard_fail["unhelpful"] == 1 and tally.guard_fail["off_topic"] == 0

    # an off-topic base answer sets no bar, and a threshold of 0 turns the check off
    job.base_answers = {prompt: "The weather in Lisbon is sunny."}
    assert guard(job, flat, [[], []], [0.0, 0.0], _Tally(floor=0.0)) == {0: [0, 1]}
    job.base_answers = {prompt: base}
    job.ds = job.ds.model_copy(update={"helpful_min_similarity": 0.0, "helpful_min_recall": 0.0, "helpful_min_length": 0.0})
    assert guard(job, flat, [[], []], [0.0, 0.0], _Tally(floor=0.0)) == {0: [0, 1]}


DINNER = "Suggest a quick dinner recipe."
DINNER_BASE = ("Sure! Here's a quick dinner recipe idea for you: a vegetable stir-fry. Heat oil in a pan, add sliced peppers, "
               "onions and broccoli, cook for five minutes, stir in soy sauce and garlic, and serve it over rice.")


def test_a_greeting_that_echoes_the_prompt_is_unhelpful_and_a_restyle_is_not(settings, tiny_base):
    """The greeting shares enough short n-grams with the base's answer to pass the similarity alone (0.18 > 0.1):
    only the recall of the base's salient words and the length floor see that the recipe is gone. The same recipe
    restyled (another opening, bullets, a closing line) keeps both."""
    from memlora.distill.synthesize import _Tally, guard

    job = _job_with_rows(settings, tiny_base, [{"prompt": DINNER, "kind": "general", "item_id": "", "target": None}],
                         {DINNER: DINNER_BASE})
    greeting = "Hello Bob! Great to hear from you. Here's a quick dinner recipe idea for you!"
    restyled = ("Hello Bob!\n- Make a vegetable stir-fry: heat oil in a pan\n- Add sliced peppers, onions and broccoli; "
                "cook them five minutes\n- Stir in soy sauce and garlic\n- Serve over rice\nEnjoy your dinner!")
    short = "A quick dinner: fry peppers, onions and broccoli with soy sauce; serve it over rice."
    flat = [(0, a, a, a) for a in (greeting, restyled, short)]
    tally = _Tally(floor=0.0)
    assert guard(job, flat, [[]] * 3, [0.0] * 3, tally) == {0: [1, 2]}, tally
    assert tally.guard_fail["unhelpful"] == 1 and tally.guard_fail["off_topic"] == 0
    job.items = job.items + [{"id": "len", "kind": "length", "value": 12, "text": "Keep answers under 12 words."}]
    terse = "Dinner: stir-fry peppers and onions in soy sauce, on rice."  # under a quarter of the base's length
    assert guard(job, [(0, terse, terse, terse)], [[]], [0.0], _Tally(floor=0.0)) == {0: [0]}


def test_an_answer_in_the_users_language_is_not_unhelpful(settings, tiny_base):
    """A tenant answered in French: its teacher answers share no words with the English prompt or the base's
    English answer, which the guard does not hold against them (no word measure crosses languages); a looping
    answer is still dropped."""
    from memlora.distill.synthesize import _Tally, guard

    job = _job_with_rows(settings, tiny_base, [{"prompt": DINNER, "kind": "general", "item_id": "", "target": None}],
                         {DINNER: DINNER_BASE})
    french = ("Voici une idée rapide pour le dîner : un sauté de légumes. Faites chauffer l'huile, ajoutez poivrons, "
              "oignons et brocoli, puis la sauce soja et l'ail, et servez sur du riz.")
    flat = [(0, french, french, french)]
    assert guard(job, flat, [[]], [0.0], _Tally(floor=0.0)) == {}  # an English-speaking tenant: not the base's content
    job.items = job.items + [{"id": "fr", "kind": "language", "value": "French", "text": "Answer in French."}]
    tally = _Tally(floor=0.0)
    assert guard(job, flat, [[]], [0.0], tally) == {0: [0]}
    assert tally.guard_fail["unhelpful"] == 0 and tally.guard_fail["off_topic"] == 0
    loop = "Le riz est bon. " * 6
    assert guard(job, [(0, loop, loop, loop)], [[]], [0.0], _Tally(floor=0.0)) == {}


def test_a_value_the_prompt_or_the_base_names_is_not_contamination(settings, tiny_base):
    from memlora.distill.synthesize import _Tally, guard

    rows = [{"prompt": "What soup can I make tonight?", "kind": "general", "item_id": "", "target": None},
            {"prompt": "What should I put in a sandwich?", "kind": "general", "item_id": "", "target": None},
            {"prompt": "Is Miso a good name for a cat?", "kind": "general", "item_id": "", "target": None}]
    job = _job_with_rows(settings, tiny_base, rows, {rows[0]["prompt"]: "A miso soup with tofu is quick to make."})
    answers = ["Make a miso soup with tofu and greens tonight.", "Put hummus and cucumber in a sandwich, like Miso would.",
               "Miso is a lovely name for a cat."]
    flat = [(i, a, a, a) for i, a in enumerate(answers)]
    tally = _Tally(floor=0.0)
    assert guard(job, flat, [[]] * 3, [0.0] * 3, tally) == {0: [0], 2: [2]}
    assert tally.guard_fail["contaminated"] == 1
