"""Teachers: who writes the answers. The local base (default) or any OpenAI-compatible endpoint by URL.

Both return raw continuations for chat specs; constraints, the quality guard and ranking are applied by
the caller (`synthesize`) the same way for either, so a stronger remote model is checked exactly like the
local one. Only the local teacher can force a prefix, ban tokens while decoding and amplify the profile
(classifier-free guidance with both branches in one batch); a remote answer gets the forced parts
applied afterwards and is rejected if it uses a banned word.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from memlora.errors import MemloraError
from memlora.runtime.request import GenRequest
from memlora.runtime.tokens import bad_words_ids, chat_ids


@dataclass
class Spec:
    user: str
    system: str | None
    prefix: str = ""
    guided: bool = False
    banned: list[str] = field(default_factory=list)
    max_new_tokens: int = 64


class LocalTeacher:
    def __init__(self, base, guidance_scale: float, batch_size: int, temperature: float, top_p: float,
                 repetition_penalty: float, seed: int, reuse_prompts: bool = True):
        self.base = base
        self.reuse_prompts = reuse_prompts
        self.guidance_scale = guidance_scale
        self.batch_size = batch_size
        self.temperature = temperature
        self.top_p = top_p
        self.repetition_penalty = repetition_penalty
        self.seed = seed
        self.tokens_generated = 0
        self.last_tokens: list[int] = []  # per spec of the last call: the tokens written for it

    @property
    def identity(self) -> dict:
        return {"type": "local", "model": str(self.base.path), "fingerprint": self.base.fingerprint}

    def answers(self, specs: list[Spec], n: int, sample: bool = True, progress: Callable[[int], None] | None = None,
                offset: int = 0) -> list[list[str]]:
        """n answers per spec; the first greedy unless `offset` (a later round asking for fresh samples) is set."""
        # torch comes with the runtime: `memlora profile` imports this module and runs without it.
        from memlora.runtime.generate import Round, generate_rounds

        tok = self.base.tokenizer
        reqs, guided_flags = [], []
        for s in specs:
            cond = chat_ids(tok, s.user, s.system, s.prefix)
            neg = chat_ids(tok, s.user, None, s.prefix) if s.guided else None
            reqs.append(GenRequest(cond, neg, bad_words_ids(tok, s.banned), s.max_new_tokens))
            guided_flags.append(s.guided)
        out: list[list[str]] = [[] for _ in specs]
        self.last_tokens = [0] * len(specs)
        ks = range(offset, offset + n)
        for guided in (True, False):
            idx = [i for i, g in enumerate(guided_flags) if g == guided]
            if not idx:
                continue
            rounds = [Round(sample and k > 0, self.seed * 1000 + k * 2 + int(guided)) for k in ks]
            per_round = generate_rounds(
                self.base.model, tok, [reqs[i] for i in idx], rounds, batch_size=self.batch_size,
                guidance_scale=self.guidance_scale if guided else 1.0, temperature=self.temperature, top_p=self.top_p,
                repetition_penalty=self.repetition_penalty, progress=progress, reuse_prompts=self.reuse_prompts,
            )
            for res in per_round:
                for i, r in zip(idx, res):
                    self.tokens_generated += len(r)
                    self.last_tokens[i] += len(r)
                    out[i].append(tok.decode(r, skip_special_tokens=True))
        return out


class HttpTeacher:
    """Any OpenAI-compatible chat endpoint (vLLM, llama.cpp server, LitServe, a hosted API), via the official client."""

    def __init__(self, url: str, model: str | None, api_key: str | None, temperature: float, top_p: float, seed: int, timeout: float = 120.0):
        from openai import OpenAI

        self.url = url.rstrip("/")
        base_url = self.url if self.url.endswith("/v1") else self.url + "/v1"
        self.client = OpenAI(base_url=base_url, api_key=api_key or "none", timeout=timeout, max_retries=1)
        self.model = model or "default"
        self.temperature = temperature
        self.top_p = top_p
        self.seed = seed
        self.tokens_generated = 0
        self.last_tokens: list[int] = []

    @property
    def identity(self) -> dict:
        return {"type": "url", "url": self.url, "model": self.model}

    def answers(self, specs: list[Spec], n: int, sample: bool = True, progress: Callable[[int], None] | None = None,
                offset: int = 0) -> list[list[str]]:
        out = []
        self.last_tokens = []
        for s in specs:
            self.last_tokens.append(0)
            msgs = ([{"role": "system", "content": s.system}] if s.system else []) + [{"role": "user", "content": s.user}]
            texts = []
            for k in range(offset, offset + n):
                try:
                    r = self.client.chat.completions.create(
                        model=self.model, messages=msgs, max_tokens=s.max_new_tokens,
                        temperature=self.temperature if (sample and k > 0) else 0.0, top_p=self.top_p, seed=self.seed + k,
                    )
                except Exception as e:
                    raise MemloraError(f"teacher at {self.url} failed: {type(e).__name__}: {str(e).splitlines()[0][:200]}") from None
                text = (r.choices[0].message.content or "") if r.choices else ""
                if r.usage is not None:
                    self.tokens_generated += r.usage.completion_tokens or 0
                    self.last_tokens[-1] += r.usage.completion_tokens or 0
                if s.prefix and text.startswith(s.prefix.strip()):
                    text = text[len(s.prefix.strip()):]
                texts.append(text)
            out.append(texts)
            if progress:
                progress(1)
        return out


def answers_across(teacher, groups: list[list[Spec]], n: int, sample: bool = True,
                   progress: Callable[[int], None] | None = None, offset: int = 0) -> tuple[list[list[list[str]]], list[int]]:
    """Several tenants' specs in one teacher call: per group, n answers per spec, and the tokens written for it.

    The local teacher's decoder sorts the rows by length and computes each system prompt's shared prefix once
    per batch (`_prefix_groups`), so rows of many tenants in one batch cost about what one tenant's rows cost
    in a batch of that size: the saving is the batches not run half empty."""
    flat = [s for g in groups for s in g]
    outs = teacher.answers(flat, n, sample=sample, progress=progress, offset=offset) if flat else []
    counts = list(getattr(teacher, "last_tokens", None) or [0] * len(flat)) if flat else []
    answers, tokens, at = [], [], 0
    for g in groups:
        answers.append(outs[at:at + len(g)])
        tokens.append(sum(counts[at:at + len(g)]))
        at += len(g)
    return answers, tokens


def make_teacher(settings, base):
    ds = settings.distill
    if ds.teacher_url:
        return HttpTeacher(ds.teacher_url, ds.teacher_model, ds.teacher_api_key, ds.temperature, ds.top_p, settings.seed)
    return LocalTeacher(base, ds.guidance_scale, ds.batch_size, ds.temperature, ds.top_p, ds.repetition_penalty, settings.seed,
                        ds.reuse_prompts)
