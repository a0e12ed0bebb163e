"""Token-level conventions every decoder shares: chat-turn encoding, end ids, the pad id, banned words.

No torch here: the training data encoder uses the same end ids without loading the model runtime."""
from __future__ import annotations

TURN_END = "<|im_end|>"


def chat_ids(tokenizer, user: str, system: str | None = None, prefix: str = "") -> list[int]:
    """Token ids of a chat ready for the assistant's answer, optionally with the answer's first words forced."""
    msgs = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": user}]
    ids = tokenizer.apply_chat_template(msgs, add_generation_prompt=True, tokenize=True, return_dict=False)
    if hasattr(ids, "input_ids"):
        ids = ids["input_ids"]
    return list(ids) + answer_start_ids(tokenizer, prefix)


def answer_start_ids(tokenizer, prefix: str) -> list[int]:
    """The forced first words of an answer, as the model is fed them after the chat's generation prompt
    (the teacher's forced opening, and the server's for a tenant whose adapter does not carry it)."""
    return list(tokenizer.encode(prefix, add_special_tokens=False)) if prefix else []


def turn_end_id(tokenizer) -> int | None:
    """The chat template's end-of-turn token, if the vocabulary has one."""
    tid = tokenizer.convert_tokens_to_ids(TURN_END)
    return tid if isinstance(tid, int) and tid != tokenizer.unk_token_id else None


def end_ids(tokenizer, model=None) -> set[int]:
    """Every id that ends an answer: the tokenizer's EOS, the model's generation-config EOS (one or a list),
    and the end-of-turn token. Training appends these, so the same set must stop generation everywhere."""
    ids: set[int] = set()
    gen_eos = getattr(getattr(model, "generation_config", None), "eos_token_id", None)
    for v in (tokenizer.eos_token_id, gen_eos, turn_end_id(tokenizer)):
        for x in v if isinstance(v, (list, tuple)) else [v]:
            if x is not None:
                ids.add(int(x))
    return ids


def pad_id(tokenizer) -> int:
    """Padding is masked out, so any id works; the tokenizer's own when it has one."""
    for v in (tokenizer.pad_token_id, tokenizer.eos_token_id):
        if v is not None:
            return int(v)
    return 0


def bad_words_ids(tokenizer, words: list[str]) -> list[list[int]]:
    """Every way a word can start in the text (with/without leading space, lower/capitalized/upper)."""
    out: set[tuple[int, ...]] = set()
    for w in words:
        w = w.strip()
        if not w:
            continue
        for v in {w, w.lower(), w.capitalize(), w.upper()}:
            for s in (v, " " + v):
                ids = tokenizer.encode(s, add_special_tokens=False)
                if ids:
                    out.add(tuple(ids))
    return [list(t) for t in sorted(out)]
