"""Admitting a chat or completion request: its prompt formatted, tokenized and checked against the context.

Why off the decode thread: a chat template and a tokenizer over a huge prompt take long enough to
pause every running request's next token; the API runs `Admission.admit` on its admission thread
and only hands the finished `Chat` to the decode loop. A prompt too long to fit is refused by its
length in characters before it is tokenized at all.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from memlora.runtime.request import GenRequest
from memlora.runtime.textstream import TextStream
from memlora.runtime.tokens import end_ids
from memlora.settings import Settings

from .codes import Code
from .protocol import ApiError, ChatJob, ChatRequest
from .residual import system_head, tail_text

# No tokenizer makes a token of more characters than this: a longer prompt cannot fit the context, refuse it untokenized.
MAX_CHARS_PER_TOKEN = 64


@dataclass
class Chat:
    """One request's life in the worker, from admission to its last event."""

    uid: str
    job: ChatJob
    arrived: float
    ids: list[int] = field(default_factory=list)  # the prompt, tokenized at admission
    tail: list[int] | None = None  # the prompt after a residual block, for a tenant's chat (the engine decides if one applies)
    max_new: int = 0
    need_seq: int = 0  # snapshot number needed before admission (tenant not in the last snapshot)
    gen: Any = None  # the engine's GenRequest
    version: str | None = None  # champion version chosen at admission (None: base)
    started: bool = False  # META sent
    stream: TextStream | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    residual_tokens: int = 0  # residual prefix tokens the engine put in front (known at the first output)
    queued_seconds: float = 0.0  # admission to the first engine step


class Admission:
    def __init__(self, base, settings: Settings) -> None:
        self.tok = base.tokenizer
        self.default_max_tokens = settings.serving.default_max_tokens
        self.max_pos = int(getattr(base.model.config, "max_position_embeddings", 2048) or 2048)
        self.stop_ids = sorted(end_ids(base.tokenizer, base.model))
        self.residual_head = system_head(base.tokenizer) if settings.serving.residual else None

    def admit(self, uid: str, job: ChatJob) -> Chat:
        """The request tokenized and fitted to the context, or an ApiError naming what does not fit."""
        req = job.request
        chat = isinstance(req, ChatRequest)
        param = "messages" if chat else "prompt"
        messages = [{"role": "system" if m.role == "developer" else m.role, "content": m.text()} for m in req.messages] if chat else []
        chars = sum(len(m["content"]) for m in messages) if chat else len(req.prompt)
        if chars > self.max_pos * MAX_CHARS_PER_TOKEN:
            raise ApiError(
                400, f"this model's context is {self.max_pos} tokens: the {param} have {chars} characters, more than it can hold",
                param=param, code=Code.CONTEXT_LENGTH_EXCEEDED,
            )
        text = self._chat_text(messages) if chat else req.prompt
        ids = list(self.tok(text, add_special_tokens=False)["input_ids"])
        if not ids:
            raise ApiError(400, f"the {param} tokenize to nothing", param=param, code=Code.INVALID_PARAMETER)
        room = self.max_pos - len(ids)
        max_new = req.wanted_tokens(0) or min(self.default_max_tokens, room)
        if room < 1 or max_new > room:
            raise ApiError(
                400, f"this model's context is {self.max_pos} tokens: the {param} take {len(ids)} and max_tokens asks {max_new}",
                param=param, code=Code.CONTEXT_LENGTH_EXCEEDED,
            )
        tail = self._residual_tail(messages) if chat and job.tenant is not None else None
        return Chat(uid=uid, job=job, arrived=time.monotonic(), ids=ids, tail=tail, max_new=max_new, prompt_tokens=len(ids))

    def _residual_tail(self, messages: list[dict]) -> list[int] | None:
        """Tokenized here, off the decode thread, for every tenant chat: whether the tenant's version has a residual
        is only known once its adapter is in a slot."""
        text = tail_text(self.tok, messages, self.residual_head) if self.residual_head is not None else None
        return list(self.tok(text, add_special_tokens=False)["input_ids"]) if text else None

    def _chat_text(self, messages: list[dict]) -> str:
        try:
            return self.tok.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
        except Exception as e:
            raise ApiError(400, f"messages cannot be formatted with the model's chat template: {e}", param="messages") from None

    def prepare(self, chat: Chat, tenant: str | None, version: str | None) -> None:
        """Build the engine request and the text stream once the adapter (or the base, tenant None) is decided."""
        req = chat.job.request
        chat.gen = GenRequest(
            id=chat.uid, tenant=tenant, input_ids=chat.ids, max_new_tokens=chat.max_new, temperature=float(req.temperature),
            top_p=float(req.top_p), top_k=max(0, req.top_k), seed=req.seed,
            frequency_penalty=float(req.frequency_penalty), presence_penalty=float(req.presence_penalty),
            repetition_penalty=float(req.repetition_penalty), stop_token_ids=list(self.stop_ids),
            residual_tail=chat.tail if tenant is not None else None,
        )
        chat.stream = TextStream(self.tok, req.stop_list(), set(self.stop_ids))
        chat.version = version

