"""Decode-time enforcement's pieces without a model: a residual line is read back into the item it states, and
a shaped stream sends, delta by delta, exactly the answer the teacher's construction builds from the same text."""
from __future__ import annotations

import pytest

from memlora.adapter_dir import Residual, ResidualItem
from memlora.distill.profile import item_line
from memlora.distill.quality import complies
from memlora.distill.style import finalize, line_item, shape_content

ITEMS = [("opening", "Ahoy there, friend!", ""), ("closing", "Fair winds!", ""), ("length", 40, ""),
         ("format", "bullets", ""), ("format", "numbered", ""), ("avoid", ["pizza", "tomato sauce"], ""),
         ("avoid", "vegan", "diet"), ("address", "Captain Reyes", "")]


@pytest.mark.parametrize("kind,value,slot", ITEMS)
def test_an_enforceable_line_reads_back_as_its_item(kind, value, slot):
    assert line_item(kind, item_line(kind, value, slot, "I said so. (twice)")) == {"kind": kind, "value": value, "slot": slot}


@pytest.mark.parametrize("kind,value", [("format", "paragraphs"), ("language", "French"),
                                        ("fact", "Miso"), ("free", "x")])
def test_other_lines_are_left_to_the_prompt(kind, value):
    assert line_item(kind, item_line(kind, value, "", "The user likes tea.")) is None
    assert line_item("opening", "Always greet the user warmly.") is None  # free wording: not an item_line


def _plan(tok, *items):
    from memlora.serving.enforce import plan_of

    return plan_of(Residual([ResidualItem(f"i{k}", kind, "t", item_line(kind, v, s, "t"), "not_carried")
                             for k, (kind, v, s) in enumerate(items)]), tok)


TEXTS = ["Boil water first. Then add the tea leaves and wait three minutes. Pour it into a warm cup and enjoy it. And then",
         "Here is a list:\n1. Flour and eggs.\n2. Milk, whisked in slowly.\n3. A hot pan", "  no punctuation at all here but many words " * 3,
         "Ahoy there, friend! Sure. Fair winds!", ""]
STYLES = [[("opening", "Ahoy there, friend!", ""), ("avoid", ["pizza"], "")], [("opening", "Ahoy there, friend!", ""), ("closing", "Fair winds!", "")],
          [("opening", "Ahoy there, friend!", ""), ("length", 14, ""), ("closing", "Fair winds!", "")],
          [("format", "numbered", ""), ("closing", "Fair winds!", "")], [("format", "bullets", ""), ("length", 9, "")],
          [("opening", "Ahoy there, friend!", ""), ("address", "Captain Reyes", "")],
          [("address", "Captain Reyes", ""), ("length", 14, ""), ("closing", "Fair winds!", "")]]


@pytest.mark.parametrize("style", range(len(STYLES)))
def test_the_shaped_stream_is_the_teachers_answer(tiny_base, style):
    from memlora.runtime.textstream import TextStream
    from memlora.serving.enforce import Shaped

    tok = tiny_base.tokenizer
    plan = _plan(tok, *STYLES[style])
    for text in TEXTS:
        s = Shaped(TextStream(tok, [], set()), plan)
        deltas = [s.start()]
        for t in tok(text, add_special_tokens=False)["input_ids"]:
            if s.stopped:
                break
            deltas.append(s.push(t))
        deltas.append(s.flush())
        out = "".join(deltas)
        if plan.shapes:
            assert out == finalize(shape_content(s.raw, plan.style), plan.style), (text, deltas)
        else:
            assert out == plan.style["opening"] + (" " + text.lstrip() if text.strip() else ""), (text, deltas)
        for kind, value, _ in STYLES[style] if text else []:  # the gate's own checks
            assert complies({"kind": kind, "value": value}, out), (kind, out)


def test_a_plan_holds_only_enforceable_kinds(tiny_base):
    tok = tiny_base.tokenizer
    plan = _plan(tok, ("language", "French", ""), ("avoid", ["pizza"], ""), ("opening", "Hi!", ""))
    assert plan.kinds == ("opening", "avoid")
    assert list(plan.opening_ids) == tok.encode("Hi!", add_special_tokens=False)
    assert [tok.encode(" pizza", add_special_tokens=False)] == [b for b in plan.bans if tok.decode(b) == " pizza"]
    assert _plan(tok, ("language", "French", ""), ("free", "x", "")) is None
    named = _plan(tok, ("address", "Captain Reyes", ""), ("opening", "Hi!", ""))
    assert named.kinds == ("opening", "address") and tok.decode(list(named.opening_ids)) == "Hi! Captain Reyes,"


def test_the_prompt_keeps_only_the_lines_not_built():
    from memlora.serving.enforce import prompted_block

    lines = [item_line(k, v, s, "I hate pizza.") for k, v, s in ITEMS] + ["Always answer in French.", "The user's cat is Miso."]
    kept = prompted_block("\n".join(lines)).split("\n")
    assert kept == [item_line("avoid", ["pizza", "tomato sauce"], "", "I hate pizza."), item_line("avoid", "vegan", "diet", ""),
                    "Always answer in French.", "The user's cat is Miso."]
