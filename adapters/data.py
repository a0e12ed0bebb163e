"""A tenant's distilled training set, tokenized with loss masks, in length-grouped batches.

Why the chat-template handling is hand-written: the model must learn the answer
*and* the end-of-turn token the template closes it with (else answers run on
until max_tokens), but never the system/user text. HF's
`return_assistant_tokens_mask` needs `{% generation %}` markers that SmolLM2's
template lacks, so we render the template, split it at the response, and
tokenize the three pieces separately; the prefix is tokenized exactly as it
will be at generation time.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from memlora.distill.trainset import content_hash
from memlora.errors import MemloraError
from memlora.keys import tenant_key

IGNORE = -100


@dataclass
class TenantData:
    """distill's output for one tenant: `profile.json`, `meta.json` and the `dataset/` DatasetDict."""

    dir: Path
    profile: dict
    meta: dict
    train: Any
    validation: Any

    @property
    def tenant(self) -> str:
        return self.profile.get("tenant") or self.meta.get("tenant")


@dataclass
class Encoded:
    """One example, twice: as the student sees it (no profile) and as the teacher saw it (profile system prompt).

    `start`/`t_start` index the first response token in `ids`/`t_ids`; `n` trained tokens follow
    (response + end-of-turn), identical in both sequences.
    """

    ids: list[int]
    labels: list[int]
    start: int
    n: int
    t_ids: list[int] = field(default_factory=list)
    t_start: int = 0
    forced: list[bool] = field(default_factory=list)  # per trained token: the teacher is one-hot (constructed)


def _read_json(path: Path, what: str) -> dict:
    if not path.is_file():
        raise MemloraError(f"{what} missing: {path} (is this a `memlora distill` output directory?)")
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as e:
        raise MemloraError(f"{path}: invalid JSON at line {e.lineno}: {e.msg}") from None


def tenant_dir_for(data_dir: Path, tenant: str) -> Path:
    """`--data` may be distill's top-level directory or one tenant's directory inside it."""

    data_dir = Path(data_dir)
    if (data_dir / "profile.json").is_file():
        return data_dir
    cand = data_dir / tenant_key(tenant)
    if not cand.is_dir():
        raise MemloraError(f"no distilled data for tenant {tenant!r} in {data_dir} (expected {cand})")
    return cand


def load_tenant_dir(tenant_dir: Path) -> TenantData:
    from datasets import DatasetDict, load_from_disk

    tenant_dir = Path(tenant_dir)
    profile = _read_json(tenant_dir / "profile.json", "profile")
    meta = _read_json(tenant_dir / "meta.json", "meta")
    ds_dir = tenant_dir / "dataset"
    if not ds_dir.is_dir():
        raise MemloraError(f"dataset missing: {ds_dir}")
    try:
        ds = load_from_disk(str(ds_dir))
    except Exception as e:
        raise MemloraError(f"cannot read dataset {ds_dir}: {str(e).splitlines()[0][:200]}") from None
    if not isinstance(ds, DatasetDict) or "train" not in ds:
        raise MemloraError(f"{ds_dir} must be a DatasetDict with a 'train' split (got {type(ds).__name__})")
    for split in ds:
        missing = [c for c in ("prompt", "response", "system") if c not in ds[split].column_names]
        if missing:
            raise MemloraError(f"{ds_dir} split {split!r} lacks column(s) {', '.join(missing)}")
    if len(ds["train"]) == 0:
        raise MemloraError(f"{ds_dir}: the train split is empty (tenant {profile.get('tenant')!r})")
    val = ds["validation"] if "validation" in ds else ds["train"].select([])
    return TenantData(dir=tenant_dir, profile=profile, meta=meta, train=ds["train"], validation=val)


def dataset_hash(data: TenantData) -> str:
    """Distill records one; recompute from content when absent so the manifest always names its data."""
    if data.meta.get("dataset_hash"):
        return data.meta["dataset_hash"]
    return content_hash(data.train, data.validation)


def chat_prefix(tokenizer, prompt: str, system: str | None) -> str:
    msgs = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": prompt}]
    return tokenizer.apply_chat_template(msgs, add_generation_prompt=True, tokenize=False)


def _split_turn(tokenizer, prompt: str, response: str, system: str | None) -> tuple[str, str, str]:
    """(prefix, response, suffix) with prefix + response + suffix == the template's rendering of the turn."""
    msgs = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": prompt}]
    prefix = tokenizer.apply_chat_template(msgs, add_generation_prompt=True, tokenize=False)
    full = tokenizer.apply_chat_template(msgs + [{"role": "assistant", "content": response}], tokenize=False)
    if not full.startswith(prefix):
        raise MemloraError("chat template renders the assistant turn in a way memlora cannot split (prefix differs)")
    rest = full[len(prefix):]
    at = rest.find(response) if response else 0
    if at < 0:
        raise MemloraError("chat template rewrites assistant content; cannot mask the loss to the response")
    return prefix + rest[:at], response, rest[at + len(response):]


def encode_turn(tokenizer, prompt: str, response: str, system: str | None, end_ids: set[int]) -> tuple[list[int], list[int], int, int]:
    prefix, resp, suffix = _split_turn(tokenizer, prompt, response, system)
    p = tokenizer(prefix, add_special_tokens=False)["input_ids"]
    r = tokenizer(resp, add_special_tokens=False)["input_ids"] if resp else []
    s = tokenizer(suffix, add_special_tokens=False)["input_ids"]
    # Train the suffix up to and including the end-of-turn token; the template's trailing newline is not generated.
    cut = next((i + 1 for i, t in enumerate(s) if t in end_ids), len(s))
    ids = p + r + s
    labels = [IGNORE] * len(p) + r + s[:cut] + [IGNORE] * (len(s) - cut)
    return ids, labels, len(p), len(r) + cut


def constructed_tokens(tok, response: str, generation: dict) -> list[bool]:
    """Per token of `response`: was it put there by construction (opening, bullet marker, fact statement, closing)?"""
    spans = []
    opening, closing = generation.get("forced_opening") or "", generation.get("appended_closing") or ""
    if opening and response.startswith(opening):
        spans.append((0, len(opening)))
    if closing and response.rstrip().endswith(closing):
        end = len(response.rstrip())
        spans.append((end - len(closing), end))
    for m in re.finditer(r"(?m)^(?:- |\d+\. )", response):
        spans.append((m.start(), m.end()))
    for st in generation.get("fact_statements") or []:
        at = response.find(st)
        if at >= 0:
            spans.append((at, at + len(st)))
    bullets = generation.get("format") in ("bullets", "numbered")
    enc = tok(response, add_special_tokens=False, return_offsets_mapping=True)
    out = []
    for s0, e0 in enc["offset_mapping"]:
        piece = response[s0:e0]
        core = piece.strip()
        if not core:
            out.append(bullets and "\n" in piece)
            continue
        a = s0 + piece.index(core)
        out.append(any(lo <= a and a + len(core) <= hi for lo, hi in spans))
    return out


def constructed_marks(tok, response: str, generation: dict, n: int) -> list[bool]:
    """One flag per trained token (response + end of turn): True where the teacher is one-hot.

    distill cuts every answer at a sentence (or the word limit), so its end of turn is constructed too; data
    from elsewhere (no generation record) keeps the plain KL there.
    """
    marks = constructed_tokens(tok, response, generation)
    return (marks + [bool(generation)] * (n - len(marks)))[:n]


def encode_example(tokenizer, row: dict, max_len: int, end_ids: set[int], with_teacher: bool) -> Encoded | None:
    """None when the prompt alone does not fit `max_len` (the caller counts the drops)."""
    ids, labels, start, n = encode_turn(tokenizer, row["prompt"], row["response"], None, end_ids)
    t_ids, t_start = [], 0
    if with_teacher:
        t_ids, _, t_start, t_n = encode_turn(tokenizer, row["prompt"], row["response"], row.get("system") or None, end_ids)
        assert t_n == n and t_ids[t_start:t_start + n] == ids[start:start + n]
    if start >= max_len - 1:
        return None
    if len(ids) > max_len:  # cut the answer's tail; both views keep the same number of trained tokens
        n = max_len - start
        ids, labels = ids[:max_len], labels[:max_len]
        if with_teacher:
            t_ids = t_ids[: t_start + n]
    return Encoded(ids=ids, labels=labels, start=start, n=n, t_ids=t_ids, t_start=t_start)


def encode_split(tokenizer, rows, max_len: int, end_ids: set[int], with_teacher: bool,
                 generation: dict | None = None) -> tuple[list[Encoded], int]:
    """`generation` (distill's meta record) marks the constructed tokens of each example for the KL objective."""
    out, dropped = [], 0
    for row in rows:
        enc = encode_example(tokenizer, row, max_len, end_ids, with_teacher)
        if enc is None:
            dropped += 1
            continue
        if with_teacher and generation is not None:
            enc.forced = constructed_marks(tokenizer, row["response"], generation, enc.n)
        out.append(enc)
    return out, dropped


def length_grouped_batches(lengths: list[int], batch_size: int, seed: int, group: bool = True, mega: int = 16) -> list[list[int]]:
    """Shuffle, then sort by length inside mega-batches of `mega * batch_size`, then shuffle batch order.

    The same idea as transformers' LengthGroupedSampler: batches of similar length waste little padding,
    while the mega-batch shuffle keeps the order random across epochs.
    """
    rng = random.Random(seed)
    idx = list(range(len(lengths)))
    rng.shuffle(idx)
    if not group:
        return [idx[i:i + batch_size] for i in range(0, len(idx), batch_size)]
    batches = []
    step = batch_size * mega
    for m in range(0, len(idx), step):
        chunk = sorted(idx[m:m + step], key=lambda i: -lengths[i])
        batches.extend(chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


def padding_waste(lengths: list[int], batches: list[list[int]]) -> float:
    """Share of padded positions in all batches (right-padded to each batch's longest row)."""
    total = sum(max(lengths[i] for i in b) * len(b) for b in batches)
    real = sum(lengths[i] for b in batches for i in b)
    return 1.0 - real / total if total else 0.0


def collate(examples: list[Encoded], pad_id: int, teacher: bool = False) -> dict:
    """Right-padded tensors plus masks selecting the positions whose next token is trained.

    `sel` marks positions t where labels[t+1] is trained (the logits that matter); for the teacher, `t_sel`
    marks the matching positions in its own (longer) sequence, in the same row-major order.
    """
    import torch

    def pad(seqs, value):
        width = max(len(s) for s in seqs)
        return torch.tensor([s + [value] * (width - len(s)) for s in seqs], dtype=torch.long)

    ids = pad([e.ids for e in examples], pad_id)
    labels = pad([e.labels for e in examples], IGNORE)
    att = pad([[1] * len(e.ids) for e in examples], 0)
    sel = torch.zeros_like(ids, dtype=torch.bool)
    for i, e in enumerate(examples):
        sel[i, e.start - 1 : e.start - 1 + e.n] = True
    out = {"input_ids": ids, "attention_mask": att, "labels": labels, "sel": sel}
    if teacher:
        t_ids = pad([e.t_ids for e in examples], pad_id)
        t_att = pad([[1] * len(e.t_ids) for e in examples], 0)
        t_sel = torch.zeros_like(t_ids, dtype=torch.bool)
        for i, e in enumerate(examples):
            t_sel[i, e.t_start - 1 : e.t_start - 1 + e.n] = True
        forced = [f for e in examples for f in (e.forced or [False] * e.n)]
        out.update(t_input_ids=t_ids, t_attention_mask=t_att, t_sel=t_sel, forced=torch.tensor(forced, dtype=torch.bool))
    return out
