"""The residual prefix: the memory an adapter version does not carry, put in front of its tenant's chats.

Why split a chat at a mark: the residual lines open the request's system message and the user's own
system text follows them, so the prompt is (chat-template head + residual block) + (the rest). The first
part is the same for every request of one adapter version: it is tokenized once when the adapter is
read (`prefix_ids`, in the loader's thread), and its KV is computed once in the slot tier and copied into
each request that starts with it. The rest is tokenized per request at admission (`tail_text`), so the
prompt the model sees is exactly prefix ids + tail ids whether the prefix KV is reused or prefilled.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch

MARK = "<<memlora:residual>>"


def merged(messages: list[dict], mark: str = MARK) -> list[dict]:
    """The chat with `mark` opening its system message; the user's own system text comes after it."""
    if messages and messages[0]["role"] == "system":
        return [{"role": "system", "content": f"{mark}\n{messages[0]['content']}"}] + list(messages[1:])
    return [{"role": "system", "content": mark}] + list(messages)


def render(tokenizer, messages: list[dict]) -> str:
    return tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)


def system_head(tokenizer) -> str | None:
    """What the chat template writes before a system message's text; None when it has no system turn."""
    try:
        text = render(tokenizer, merged([{"role": "user", "content": "x"}]))
    except Exception:  # noqa: BLE001 - a template without a system role serves no residual
        return None
    i = text.find(MARK)
    return text[:i] if i >= 0 else None


def tail_text(tokenizer, messages: list[dict], head: str | None) -> str | None:
    """The chat after the residual block, or None when this chat cannot take one (the template moved the head)."""
    if head is None:
        return None
    text = render(tokenizer, merged(messages))
    i = text.find(MARK)
    if i < 0 or text[:i] != head:
        return None
    return text[i + len(MARK):]


def prefix_ids(tokenizer, head: str, block: str) -> list[int]:
    """The residual prefix of one adapter version: the template's head and the block; [] for an empty block."""
    if not block:
        return []
    return list(tokenizer(head + block, add_special_tokens=False)["input_ids"])


@dataclass
class PrefixKV:
    """A residual prefix's keys and values per layer ([1, heads, tokens, dim]), computed with its adapter's slot."""

    layers: list[tuple[torch.Tensor, torch.Tensor]]

    @property
    def tokens(self) -> int:
        return int(self.layers[0][0].shape[2]) if self.layers else 0

    @property
    def nbytes(self) -> int:
        return sum(t.nelement() * t.element_size() for kv in self.layers for t in kv)
