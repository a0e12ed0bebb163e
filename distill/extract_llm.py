"""Optional LLM extraction: an OpenAI-compatible endpoint types each memory (kind, slot, value, statement,
probe) the way Mem0 extracts facts, for deployments that have a strong model; the embedded patterns
(`schema.extract`) stay the default and the fallback.

Why these rules:
- JSON-schema output (`response_format={"type": "json_schema", ...}`) so a conforming server cannot answer
  prose, and every item is still validated on its own (pydantic): one bad item falls back alone, not the batch.
- A fact's value must occur in the memory text and in its statement: a model that "corrects" or invents a
  value would otherwise teach the adapter something the user never said.
- The enforceable kinds the patterns find (opening, closing, format, length, avoid, language, address) win over
  the model's answer: their value is what the teacher is forced to produce, and the patterns give it exactly.
- The endpoint failing (refused, timeout, HTTP error, not JSON) switches the rest of the run to the embedded
  path with one log line, instead of paying a timeout per batch on a dead server.
The official `openai` client does the HTTP, retries and timeouts.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import unicodedata
from collections.abc import MutableMapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from memlora.errors import MemloraError
from memlora.settings import Settings
from memlora.tenant_data import tenant_dir

from .schema import Extract, extract

log = logging.getLogger(__name__)

ENFORCEABLE = ("opening", "closing", "format", "length", "avoid", "language", "address")
PROMPT_VERSION = "1"
SYSTEM_PROMPT = """You type memories an assistant keeps about one user. For each memory (an index and a text) return:
- kind: "fact" (a stated attribute of the user's life: a name, place, job, pet, relative, allergy, vehicle, birthplace...),
  "preference" (how the user wants answers or things done), "rule" (an instruction that always applies), or
  "free" (a one-off remark, event or anything else).
- slot: a short lowercase English noun phrase naming the attribute ("cat", "daughter", "city", "birthplace", "employer",
  "units", "answer language"); use the same slot for the same attribute across this batch; "" for free.
- value: the attribute's value copied exactly as written in the memory ("Miso", "Lyon", "metric"); "" for free.
- statement: the memory as one sentence addressed to the user in the second person ("You were born in Lyon.").
- probe: a question the user could ask to check the assistant remembers it ("Where was I born?"); "" for free.
Memories may be subject-less ("Likes tea"), first person, third person or "User ..."; they all describe the user.
Return one item per memory with the memory's index."""


class LlmItem(BaseModel):
    """One item of the endpoint's answer, validated on its own."""

    model_config = ConfigDict(extra="forbid")
    index: int
    kind: Literal["preference", "fact", "rule", "free"]
    slot: str
    value: str
    statement: str
    probe: str


class LlmAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[LlmItem]


def response_format() -> dict:
    return {"type": "json_schema", "json_schema": {"name": "memory_items", "strict": True, "schema": LlmAnswer.model_json_schema()}}


@dataclass
class LlmExtract:
    """What the endpoint said about one memory, before it meets the schema's kinds."""

    kind: str
    slot: str
    value: str
    statement: str
    probe: str

    def to_extract(self, text: str, category: str | None = None, names: tuple[str, ...] = ()) -> Extract:
        """A `schema.Extract`: facts carry the model's slot, value, probe (and statement when Extract has the
        field); preferences and rules become `free` with the model's slot and value (consolidation may group on
        them); enforceable kinds found by the patterns and everything the model calls `free` keep the embedded extract."""
        embedded = _embedded(text, category, names)
        if embedded.kind in ENFORCEABLE or self.kind == "free":
            return embedded
        if self.kind == "fact":
            return _make_extract(kind="fact", slot=self.slot, value=self.value, statement=self.statement,
                                 probe={"question": self.probe, "expect": [self.value]},
                                 key_terms=frozenset([self.value.lower()]))
        return _make_extract(kind="free", slot=self.slot, value=self.value, polarity=embedded.polarity)


def _embedded(text: str, category: str | None, names: tuple[str, ...]) -> Extract:
    return extract(text, category, tuple(names)) if names else extract(text, category)


def _make_extract(**kw) -> Extract:
    names = {f.name for f in fields(Extract)}
    return Extract(**{k: v for k, v in kw.items() if k in names})


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.casefold())
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).split())


def check_item(it: LlmItem, text: str) -> LlmExtract:
    """The item's content rules; ValueError names the first one broken."""
    slot = " ".join(it.slot.lower().split())
    value = " ".join(it.value.split()).strip(" .!")
    if it.kind == "fact":
        if not slot or not value:
            raise ValueError("a fact needs a slot and a value")
        if _fold(value) not in _fold(text):
            raise ValueError(f"value {value!r} is not in the memory text")
        if not it.statement.strip() or _fold(value) not in _fold(it.statement):
            raise ValueError(f"statement {it.statement!r} does not state the value")
        if not it.probe.strip():
            raise ValueError("a fact needs a probe question")
    return LlmExtract(it.kind, slot, value, " ".join(it.statement.split()), " ".join(it.probe.split()))


class EndpointDown(Exception):
    """The endpoint did not answer usably (refused, timed out, HTTP error): stop asking it this run."""


class LlmExtractor:
    """One configured endpoint; `batch` types a list of texts or raises EndpointDown."""

    def __init__(self, settings: Settings):
        from openai import OpenAI

        ds = settings.distill
        key = None
        if ds.extractor_api_key_env:
            key = os.environ.get(ds.extractor_api_key_env)
            if not key:
                raise MemloraError(f"distill.extractor_api_key_env names ${ds.extractor_api_key_env}, which is not set")
        self.url = ds.extractor_url.rstrip("/")
        base_url = self.url if self.url.endswith("/v1") else self.url + "/v1"
        self.model = ds.extractor_model or "default"
        self.client = OpenAI(base_url=base_url, api_key=key or "none", timeout=ds.extractor_timeout_seconds, max_retries=1)

    def cache_key(self, text: str) -> str:
        return hashlib.sha256(f"{PROMPT_VERSION}\x00{self.url}\x00{self.model}\x00{text}".encode()).hexdigest()

    def batch(self, texts: list[str]) -> list[LlmExtract | str]:
        """Per text, the model's extract or why it cannot be used (a string)."""
        import openai

        user = json.dumps([{"index": i, "memory": t} for i, t in enumerate(texts)], ensure_ascii=False)
        try:
            r = self.client.chat.completions.create(
                model=self.model, temperature=0.0, response_format=response_format(),
                messages=[{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}],
            )
        except openai.APIError as e:  # refused, timed out (a connection error), HTTP status, unparseable body
            raise EndpointDown(f"{type(e).__name__}: {str(e).splitlines()[0][:160]}") from None
        content = (r.choices[0].message.content or "") if r.choices else ""
        try:
            raw = json.loads(content)
            items = raw["items"] if isinstance(raw, dict) else None
            if not isinstance(items, list):
                raise ValueError("no 'items' list")
        except (ValueError, KeyError, TypeError) as e:
            reason = f"answer is not the schema's JSON ({str(e)[:80]}): {content[:60]!r}"
            return [reason] * len(texts)
        return _match(items, texts)


def _match(items: list, texts: list[str]) -> list[LlmExtract | str]:
    out: list[LlmExtract | str] = ["no item for this index"] * len(texts)
    for obj in items:
        try:
            it = LlmItem.model_validate(obj)
        except ValidationError as e:
            idx = obj.get("index") if isinstance(obj, dict) else None
            if isinstance(idx, int) and 0 <= idx < len(texts):
                out[idx] = "schema: " + "; ".join(f"{'.'.join(map(str, x['loc']))} {x['msg']}" for x in e.errors()[:2])
            continue
        if not 0 <= it.index < len(texts) or isinstance(out[it.index], LlmExtract):
            continue
        try:
            out[it.index] = check_item(it, texts[it.index])
        except ValueError as e:
            out[it.index] = str(e)
    return out


def _chunks(todo: list[int], tenants: list[str] | None, size: int) -> list[list[int]]:
    by_tenant: dict[str | None, list[int]] = {}
    for i in todo:
        by_tenant.setdefault(tenants[i] if tenants is not None else None, []).append(i)
    return [idx[k:k + size] for idx in by_tenant.values() for k in range(0, len(idx), size)]


def _ask(ex: LlmExtractor, texts: list[str], chunks: list[list[int]], concurrency: int) -> tuple[dict[int, LlmExtract], str | None, list[str]]:
    """Usable answers by text index, why the endpoint went down (None if it did not), why items fell back."""
    down: list[str] = []

    def run(chunk: list[int]) -> list[LlmExtract | str] | None:
        if down:
            return None
        try:
            return ex.batch([texts[i] for i in chunk])
        except EndpointDown as e:
            down.append(str(e))
            return None

    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        results = list(pool.map(run, chunks))
    good, bad = {}, []
    for chunk, res in zip(chunks, results):
        for i, a in zip(chunk, res or []):
            if isinstance(a, LlmExtract):
                good[i] = a
            else:
                bad.append(f"{texts[i][:40]!r}: {a}")
    return good, (down[0] if down else None), bad


def extract_all(texts: list[str], settings: Settings, categories: list[str | None] | None = None,
                cache: MutableMapping[str, dict] | None = None, tenants: list[str] | None = None,
                names: list[tuple[str, ...]] | None = None) -> list[Extract]:
    """One `Extract` per text: the embedded patterns, or the LLM endpoint when `distill.extractor_url` is set
    (with the patterns for every text the endpoint could not type). `categories` are the records' `kind`
    hints for the patterns; `names` (per text, the tenant's display names) are passed to them too. `tenants`
    (one per text) keeps every request to one tenant's memories: the model reads "the user" as one person, and
    no request shows it two users' memories. `cache` (text hash -> model answer; keep one per tenant, like the
    embeddings, so forget removes it) spares the endpoint texts it has already typed; only usable answers are stored."""
    categories = list(categories) if categories is not None else [None] * len(texts)
    names = list(names) if names is not None else [()] * len(texts)
    if not settings.distill.extractor_url or not texts:
        return [_embedded(t, c, n) for t, c, n in zip(texts, categories, names)]
    ds = settings.distill
    ex = LlmExtractor(settings)
    hits = [cache.get(ex.cache_key(t)) if cache is not None else None for t in texts]
    answers: list[LlmExtract | None] = [LlmExtract(**h) if h is not None else None for h in hits]
    todo = [i for i, a in enumerate(answers) if a is None]
    good, down, bad = _ask(ex, texts, _chunks(todo, tenants, ds.extractor_batch_size), ds.extractor_concurrency)
    for i, a in good.items():
        answers[i] = a
        if cache is not None:
            cache[ex.cache_key(texts[i])] = asdict(a)
    if down:
        log.warning("extractor at %s failed (%s); embedded extraction for the %d texts it did not type",
                    ex.url, down, sum(a is None for a in answers))
    if bad:
        log.warning("extractor at %s: %d of %d items fell back to embedded extraction (first: %s)",
                    ex.url, len(bad), len(texts), bad[0])
    return [a.to_extract(t, c, n) if a is not None else _embedded(t, c, n) for a, t, c, n in zip(answers, texts, categories, names)]


def tenant_extractor(settings: Settings, cache_dir: Path | None):
    """`consolidate`'s extractor: one tenant's texts per call, the model's answers kept in that tenant's state
    dir (`tenants/<key>/extractor.json`, so forget removes them and a night asks only about new texts)."""

    def run(texts: list[str], kinds: list[str | None], tenant: str, names: tuple[str, ...]) -> list[Extract]:
        path = _cache_path(cache_dir, tenant)
        cache = _read_cache(path)
        before = len(cache)
        out = extract_all(texts, settings, kinds, cache, [tenant] * len(texts), [names] * len(texts))
        if path is not None and len(cache) != before:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(cache, ensure_ascii=False))
            os.replace(tmp, path)
        return out

    return run


def _cache_path(cache_dir: Path | None, tenant: str) -> Path | None:
    if cache_dir is None:
        return None
    try:
        return tenant_dir(cache_dir, tenant) / "extractor.json"
    except MemloraError:
        return None


def _read_cache(path: Path | None) -> dict[str, dict]:
    if path is None or not path.exists():
        return {}
    try:
        data = json.loads(path.read_text())
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError) as e:
        log.warning("extractor cache %s unreadable (%s); asking again", path, e)
        return {}
