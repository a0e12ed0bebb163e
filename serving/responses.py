"""OpenAI response bodies for chat and legacy completions, built from the `openai.types` models.

Why the official client's models and not LitServe's: they are the reference every OpenAI client parses
against, so a field LitServe's models lack or name differently (`system_fingerprint` on a plain
answer, `text_completion` objects, a usage-only final chunk) cannot drift from what clients expect.
One `Shape` per request keeps what must not change between chunks (`id`, `created`, `model`,
`system_fingerprint`) in one place.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from openai.types import Completion, CompletionChoice, CompletionUsage
from openai.types.chat import ChatCompletion, ChatCompletionChunk, ChatCompletionMessage
from openai.types.chat.chat_completion import Choice
from openai.types.chat.chat_completion_chunk import Choice as ChunkChoice
from openai.types.chat.chat_completion_chunk import ChoiceDelta

from memlora import __version__


def fingerprint(adapter: str | None) -> str:
    """The same in plain and streamed answers: this server's version and the adapter version that served
    the request (`base` when none did), so a client can tell when either changed."""
    return f"memlora-{__version__}:{adapter if adapter is not None else 'base'}"


@dataclass
class Shape:
    """The answers of one request; `chat` selects chat.completion(.chunk) or text_completion."""

    chat: bool
    uid: str
    model: str
    adapter: str | None
    created: int = field(default_factory=lambda: int(time.time()))

    @property
    def id(self) -> str:
        return f"{'chatcmpl' if self.chat else 'cmpl'}-{self.uid.replace('-', '')[:24]}"

    def _common(self) -> dict:
        return {"id": self.id, "created": self.created, "model": self.model, "system_fingerprint": fingerprint(self.adapter)}

    def full(self, text: str, finish: str, usage: dict) -> dict:
        u = CompletionUsage(**usage)
        if self.chat:
            m = ChatCompletion(
                object="chat.completion", usage=u, **self._common(),
                choices=[Choice(index=0, finish_reason=finish, message=ChatCompletionMessage(role="assistant", content=text))],
            )
        else:
            m = Completion(object="text_completion", usage=u, **self._common(),
                           choices=[CompletionChoice(index=0, text=text, finish_reason=finish)])
        return m.model_dump(mode="json")

    def chunk(self, text: str | None = None, finish: str | None = None, first: bool = False) -> str:
        if self.chat:
            delta = ChoiceDelta(role="assistant", content="") if first else ChoiceDelta(content=text)
            m = ChatCompletionChunk(object="chat.completion.chunk", **self._common(),
                                    choices=[ChunkChoice(index=0, delta=delta, finish_reason=finish)])
        else:
            m = Completion.model_construct(object="text_completion", **self._common(),
                                           choices=[CompletionChoice.model_construct(index=0, text=text or "", finish_reason=finish, logprobs=None)])
        body = m.model_dump(mode="json", warnings=False)
        body.pop("usage", None)  # only the last chunk carries usage, and only when the client asked for it
        return _sse(body)

    def usage_chunk(self, usage: dict) -> str:
        """The extra last chunk `stream_options.include_usage` asks for: no choices, only the usage."""
        u = CompletionUsage(**usage)
        if self.chat:
            m = ChatCompletionChunk(object="chat.completion.chunk", choices=[], usage=u, **self._common())
        else:
            m = Completion(object="text_completion", choices=[], usage=u, **self._common())
        return _sse(m.model_dump(mode="json"))


def _sse(body: dict) -> str:
    return f"data: {json.dumps(body, separators=(',', ':'))}\n\n"
