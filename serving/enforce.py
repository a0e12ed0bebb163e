"""Decode-time enforcement of the residual items a construction can satisfy: what the adapter does not carry
is put in force by building the answer, not only by asking for it in the residual prompt.

Why: the 135M base follows almost none of the style lines of a residual block, so an item the adapter did
not learn would mostly stay unfollowed. The teacher gets compliance by construction (distill/style.py), and
the server applies the same construction to each chat whose adapter version lists such items in its
residual.json: the opening forced as the answer's first tokens (the engine feeds them after the prompt),
avoided words banned while decoding (the engine's sampler, `runtime.sampling.ban`), the model's text cut at
the last sentence that fits the word limit and formatted as bullets or a numbered list, and the closing
appended. Items the adapter carries are not in the residual, so they are never enforced: what is measured
for them is the adapter's own behaviour.

A `Plan` is made once per installed adapter version (kept in its slot, dropped with it); a `Shaped` stream
per request wraps its `TextStream` with the same interface, so the worker only sends its opening first.
With a closing, length or format item the text streams sentence by sentence (only a complete sentence is
known to be kept) and is exactly `finalize(shape_content(...))` of the model's text, as the teacher's answers
are; with only an opening or avoided words it streams token by token after the opening. Either way a
streamed answer is, delta by delta, the text a non-streamed request gets.

A question that asks for one of the residual's facts (distill/fact_questions.py) is answered as the teacher
answers it: the fact's statement, with the opening, format and closing around it, and nothing the model writes.
"""
from __future__ import annotations

from dataclasses import dataclass

from memlora.adapter_dir import Residual
from memlora.distill.fact_questions import Fact, FactMatcher, asked, matcher
from memlora.distill.style import content_sentences, finalize, fit, line_item, over_budget, style_of
from memlora.runtime.textstream import TextStream
from memlora.runtime.tokens import answer_start_ids, bad_words_ids

KINDS = ("opening", "address", "closing", "avoid", "length", "format")  # the kinds a construction enforces, in header order
FACT = "fact"  # in the header when the answer is a fact's statement
BUILT = ("opening", "address", "closing", "length", "format")  # built outright, so not also asked for in the prompt


@dataclass(frozen=True)
class Plan:
    """One adapter version's enforceable residual items, ready for decoding."""

    style: dict  # distill.style.style_of over those items
    kinds: tuple[str, ...]
    opening_ids: tuple[int, ...]
    bans: list[list[int]]  # banned token sequences (every way an avoided word can start)
    facts: FactMatcher | None = None  # the residual's facts, for questions that ask for one

    @property
    def shapes(self) -> bool:
        """Sentence by sentence: a word limit or a format needs whole sentences, and so does a closing, which must
        not follow a sentence cut off by max_tokens (the teacher drops it too)."""
        return bool(self.style["length"] or self.style["format"] or self.style["closing"])


def facts_of(residual: Residual) -> FactMatcher | None:
    """The matcher for the version's facts, served from the prompt or carried (about 10 phrasings each to embed:
    the loader's thread makes it)."""
    return matcher([Fact(r.id, r.slot, r.value, r.statement, r.question) for r in residual.items + residual.facts
                    if r.kind == FACT and r.statement])


def plan_of(residual: Residual, tokenizer, facts: FactMatcher | None = None) -> Plan | None:
    """The plan for a version's residual; None when none of its items can be enforced (language, free-form and
    plain-paragraph items stay in the residual prompt only, and so do facts for questions not asking for them)."""
    items = [it for it in (line_item(r.kind, r.line) for r in residual.items) if it is not None]
    if not items and facts is None:
        return None
    st = style_of(items)
    kinds = tuple(k for k in KINDS if any(it["kind"] == k for it in items))
    return Plan(st, kinds, tuple(answer_start_ids(tokenizer, st["opening"] or "")), bad_words_ids(tokenizer, st["banned"]), facts)



def prompted_block(block: str) -> str:
    """A residual block without the lines enforcement builds outright (opening, address, closing, length, format), as the
    teacher's content prompt leaves them out (`content_system` in distill/synthesize.py): a 135M model shown
    "Start every answer with ..." after a forced opening repeats the instructions instead of answering (on 12
    prompts with a near-zero adapter, 5 of 12 answers on topic with the lines, 8 of 12 without). Avoid lines stay:
    the ban only stops a word's known spellings."""
    return "\n".join(ln for ln in block.split("\n") if not any(line_item(k, ln) for k in BUILT))


class Shaped:
    """A request's text stream under a plan: `start` (the opening), `push`, `flush` (the rest and the closing),
    `stopped` (a stop string was met, or the word limit: nothing the model writes next would be kept). With a
    `fact`, `start` is the whole answer and the model's tokens are not used."""

    def __init__(self, inner: TextStream, plan: Plan, fact: Fact | None = None):
        self.inner, self.st, self.shapes, self.fact = inner, plan.style, plan.shapes, fact
        self.kinds = plan.kinds + ((FACT,) if fact is not None else ())
        self.raw = ""  # the model's text so far (stop strings applied)
        self.sent = ""  # what was sent to the client
        self.began = False  # the model's own text has started (token by token, without shaping)

    @property
    def stopped(self) -> bool:
        return self.fact is not None or self.inner.stopped or (self.shapes and over_budget(self.raw, self.st))

    def start(self) -> str:
        if self.fact is not None:
            return self._send(finalize(self.fact.statement, self.st))
        return self._send(self.st["opening"] or "")

    def push(self, token_id: int) -> str:
        return "" if self.fact is not None else self._take(self.inner.push(token_id), final=False)

    def flush(self) -> str:
        return "" if self.fact is not None else self._take(self.inner.flush(), final=True)

    def _take(self, text: str, final: bool) -> str:
        self.raw += text
        if self.shapes:
            return self._sentences(final)
        if not self.began:  # the model's first words: one space after the opening, as finalize joins them
            text = text.lstrip()
            self.began = bool(text)
            text = " " + text if text and self.sent else text
        return self._send(text)

    def _sentences(self, final: bool) -> str:
        """The answer as far as it is certain: complete sentences that fit, formatted; at the end the closing too
        (never doubled: a closing the model wrote itself is taken out of its sentences)."""
        sents = content_sentences(self.raw, self.st)
        kept = fit(sents if final else sents[:-1], self.st)
        text = finalize("\n".join(kept), self.st if final else {**self.st, "closing": None})
        if not text.startswith(self.sent):  # cannot happen for text that only grows; never send a contradiction
            return ""
        return self._send(text[len(self.sent):])

    def _send(self, text: str) -> str:
        self.sent += text
        return text


def shaped(stream: TextStream, plan: Plan | None, question: str = "") -> TextStream | Shaped:
    """The request's stream under its plan; `question` (the chat's last user message) is answered by a fact's
    statement when it asks for one of the plan's facts."""
    if plan is None:
        return stream
    return Shaped(stream, plan, asked(plan.facts, question))
