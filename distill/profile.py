"""Per-tenant profile: scored, selected, conflict-free memory items and the hash that triggers retraining.

Scoring: each distinct session that mentions an item adds 0.5 ** (age_days / half_life_days), age measured
from the newest record of the run (not the wall clock, so a rerun on the same input gives the same
profile). Selection: at least `min_mentions` distinct sessions and `score >= min_score`; org rules
(`scope: org` or kind `rule`) are selected when stated once, because an organisation states a rule, it
does not repeat it. An org's `scope: org` rules reach the tenants `distill.org_members` lists for it, and no
one else: membership is operator configuration, not a record field (see `org_membership`). Conflicts: among selected items of one single-valued kind (opening, closing, format,
length, language, address), the same fact slot, or the same diet, the most recently mentioned wins and
the others move to `superseded`; an unselected one-off never supersedes a selected item (it may be noise).
The hash covers only each selected item's kind and normalized canonical content (slot and value for
enforceable kinds, the earliest statement for free text): scores decay every night and new paraphrases
arrive, neither of which should retrain an adapter.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from memlora.keys import tenant_key
from memlora.settings import Settings

from .caseless import Values
from .canonical import canonical
from .change import given_up
from .extract_llm import tenant_extractor
from .consolidate import (Group, about_someone_else, case_forms, consolidate, mutated_forms, proper_names,
                          same_sentence_other_name, share_content)
from .preferences import one_time
from .records import Record
from .schema import MULTI_VALUED, SINGLE_VALUED, avoid_words, one_of_several, several_of


@dataclass
class Item:
    id: str
    text: str
    kind: str
    category: str
    value: object
    score: float
    mentions: int
    sessions: int
    sources: list[str]
    record_ids: list[str]
    reason: str
    probe: dict | None = None
    slot: str = ""
    org: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    statement: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def canonical(self) -> str:
        if self.kind == "free":
            return normalize_text(self.text)
        v = self.value
        v = ",".join(sorted(str(x).lower() for x in v)) if isinstance(v, list) else str(v).lower()
        return f"{self.slot}={normalize_text(v)}"


@dataclass
class Profile:
    tenant: str
    items: list[Item]
    superseded: list[Item] = field(default_factory=list)
    candidates: list[Item] = field(default_factory=list)
    n_records: int = 0
    mentioned_slots: list[str] = field(default_factory=list)

    @property
    def tenant_key(self) -> str:
        return tenant_key(self.tenant)

    @property
    def profile_hash(self) -> str:
        return profile_hash(self.items)

    @property
    def system_prompt(self) -> str:
        return render_system_prompt(self.items)

    @property
    def record_ids(self) -> list[str]:
        return sorted({rid for it in self.items for rid in it.record_ids})

    def as_dict(self) -> dict:
        return {
            "tenant": self.tenant,
            "tenant_key": self.tenant_key,
            "profile_hash": self.profile_hash,
            "system_prompt": self.system_prompt,
            "items": [i.as_dict() for i in self.items],
            "superseded": [i.as_dict() for i in self.superseded],
            "not_selected": [{"id": i.id, "text": i.text, "kind": i.kind, "sessions": i.sessions, "reason": i.reason} for i in self.candidates],
            "n_records": self.n_records,
        }

    def write(self, path: str | Path) -> None:
        """Whole or not at all (a temp file replaced): a server serves a tenant's newest profile as it is written."""
        path = Path(path)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, path)


def normalize_text(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s'!?,-]", " ", str(text).lower()).split()).strip(" .!?")


def profile_hash(items: list[Item]) -> str:
    payload = sorted([i.kind, i.canonical] for i in items)
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def item_line(kind: str, value: object, slot: str, text: str) -> str:
    """One item's instruction, as the system prompt states it (also the line the server serves for an item the
    adapter does not carry)."""
    v = value
    if kind == "opening":
        return f'Start every answer with "{v}".'
    if kind == "closing":
        return f'End every answer with "{v}".'
    if kind == "format":
        return {"bullets": "Format every answer as bullet points.", "numbered": "Format every answer as a numbered list."}.get(str(v), "Answer in plain paragraphs, no bullet points.")
    if kind == "length":
        return f"Keep every answer under {v} words."
    if kind == "avoid" and slot == "diet":
        return f"The user is {v}: never suggest {', '.join(avoid_words('avoid', 'diet', v)[:8])} or other such products."
    if kind == "avoid":
        return f"Never use these words: {', '.join(map(str, v))}. ({text})"
    if kind == "language":
        return f"Always answer in {v}."
    if kind == "address":
        return f'Address the user as "{v}".'
    return text.rstrip(".") + "."


def render_system_prompt(items: list[Item]) -> str:
    """The profile as the teacher sees it; one line per item, phrased as an instruction where it is one."""
    body = "\n".join(f"- {item_line(it.kind, it.value, it.slot, it.text)}" for it in items)
    return "You are a helpful assistant. What you know about the user and how they want answers:\n" + body


def _category(g: Group) -> str:
    kinds = [r.kind for r in g.records if r.kind]
    if any(r.scope == "org" for r in g.records) or "rule" in kinds:
        return "rule"
    if kinds:
        return max(sorted(set(kinds)), key=kinds.count)
    return "fact" if g.extract.kind == "fact" else "preference"


def _item(g: Group, now: datetime | None, half_life: float) -> Item:
    recs = sorted(g.records, key=lambda r: (r.created_at is None, r.created_at.timestamp() if r.created_at else 0.0, r.id))
    latest_by_session: dict[str, datetime | None] = {}
    for r in recs:
        prev = latest_by_session.get(r.session)
        if r.session not in latest_by_session or (r.created_at and (prev is None or r.created_at > prev)):
            latest_by_session[r.session] = r.created_at
    score = 0.0
    for t in latest_by_session.values():
        age = max(0.0, (now - t).total_seconds() / 86400.0) if (now and t) else 0.0
        score += 0.5 ** (age / half_life)
    e = g.extract
    dated = [r.created_at for r in recs if r.created_at]
    ident = hashlib.sha256(json.dumps([recs[0].tenant, e.kind, e.slot, str(e.value) if e.kind != "free" else normalize_text(recs[0].text)]).encode()).hexdigest()[:10]
    org = recs[0].tenant if recs[0].scope == "org" else None
    return Item(
        id=f"it-{ident}", text=recs[0].text, kind=e.kind, category=_category(g),
        value=e.value if e.kind != "free" else recs[0].text, score=round(score, 4), mentions=len(recs),
        sessions=len(latest_by_session), sources=sorted({r.source for r in recs if r.source}),
        record_ids=[r.id for r in recs], reason="", probe=e.probe, slot=e.slot, org=org,
        first_seen=min(dated).isoformat() if dated else None, last_seen=max(dated).isoformat() if dated else None,
        statement=e.statement,
    )


def _conflict_key(it: Item, several: frozenset = frozenset()) -> tuple | None:
    if it.kind in SINGLE_VALUED:
        return (it.kind,)
    if it.kind == "fact" and it.slot:
        return None if it.slot in MULTI_VALUED | several else ("fact", it.slot)
    if it.kind == "avoid" and it.slot == "diet":  # vegan, then vegetarian; gluten-free or halal beside either
        return ("diet", "meat") if str(it.value).lower() in MEAT_DIETS else None
    if it.kind == "free" and it.slot:  # a preference slot (preferences.py): metric, then imperial
        return ("free", it.slot)
    return None


def org_membership(settings: Settings) -> dict[str, set[str]]:
    """org -> member tenants, from the operator's `distill.org_members` only.

    Trust model: membership decides whose rules (and any fact stated in them) enter a tenant's adapter, so it
    comes from configuration the operator owns, never from a record. A record's `org` field (top level or in
    free-form `metadata`) is written by whoever writes memory, often the user: honouring it would let anyone
    pull another org's `scope: org` rules into their own adapter by declaring `"org": "victor"`. The loader
    keeps a top-level `org` on the record only as the org it claims (records.py); this function never reads it.
    """
    return {o: set(ts) for o, ts in settings.distill.org_members.items()}


def build_profiles(records: list[Record], settings: Settings, cache_dir: Path | None = None) -> dict[str, Profile]:
    """No generative model: consolidate, score, select, resolve conflicts, attach org rules. `cache_dir`: the
    state dir whose `tenants/<key>/` keeps each tenant's embeddings between nights (None: embed in memory)."""
    ds = settings.distill
    extractor = tenant_extractor(settings, cache_dir) if ds.extractor_url else None
    groups = consolidate(records, ds.similarity_threshold, grouping=ds.grouping,
                         embed_threshold=ds.embedding_threshold,
                         shared_threshold=ds.embedding_threshold_shared, cache_dir=cache_dir, extractor=extractor)
    dated = [r.created_at for r in records if r.created_at]
    now = max(dated) if dated else None
    n_by_tenant: dict[str, int] = {}
    several_by_tenant: dict[str, set[str]] = {}  # read from the records as written, before compound.py cuts them
    for r in records:
        n_by_tenant[r.tenant] = n_by_tenant.get(r.tenant, 0) + 1
        several_by_tenant.setdefault(r.tenant, set()).update(several_of(r.text))
    org_only = {t for t in groups if all(r.scope == "org" for g in groups[t] for r in g.records)}
    members = org_membership(settings)
    org_items: dict[str, list[Item]] = {}
    for t in groups:
        rules = [_item(g, now, ds.half_life_days) for g in groups[t] if any(r.scope == "org" for r in g.records)]
        for it in rules:
            it.org = t
            it.reason = f"org rule of {t!r} (rules are selected when stated once)"
        if rules:
            org_items[t] = rules
    profiles = {}
    tenants = sorted((set(groups) - org_only) | {m for ms in members.values() for m in ms})
    for t in tenants:
        own = [g for g in groups.get(t, []) if not any(r.scope == "org" for r in g.records)]
        items = [_item(g, now, ds.half_life_days) for g in own]
        stated = {id(it): g.last_stated() for it, g in zip(items, own)}
        selected, rejected = [], []
        for it in items:
            if it.category == "rule":
                it.reason = f"rule, {it.sessions} session(s)"
                selected.append(it)
            elif it.sessions >= ds.min_mentions and it.score >= ds.min_score:
                it.reason = f"mentioned in {it.sessions} sessions (min {ds.min_mentions}), score {it.score:.2f}"
                selected.append(it)
            else:
                it.reason = f"mentioned in {it.sessions} session(s), below min_mentions={ds.min_mentions}" if it.sessions < ds.min_mentions else f"score {it.score:.2f} below min_score={ds.min_score}"
                rejected.append(it)
        for org, ms in sorted(members.items()):
            if t in ms:
                selected.extend(Item(**{**o.as_dict()}) for o in org_items.get(org, []))
        several = frozenset(several_by_tenant.get(t, ()))
        kept, superseded = _resolve_conflicts(selected, stated, several)
        kept, retracted = _retracted(kept, list(zip(items, own)), rejected, stated)
        superseded += retracted
        kept, replaced = _free_conflicts(kept, {id(it): g for it, g in zip(items, own)}, several)
        superseded += replaced
        kept, replaced = _given_up(kept, {id(it): g for it, g in zip(items, own)})
        superseded += replaced
        _phrase_several(kept, several)
        kept.sort(key=lambda i: (i.kind, i.id))
        slots = sorted({g.extract.slot for g in groups.get(t, []) if g.extract.kind == "fact"})
        profiles[t] = Profile(t, kept, superseded, rejected, n_by_tenant.get(t, 0), slots)
    return profiles


def _phrase_several(items: list[Item], several: frozenset) -> None:
    """Kept pets and relatives of a kind the tenant has several of are taught and probed as one of several."""
    count: dict[str, int] = {}
    for it in items:
        if it.kind == "fact" and it.slot in several:
            count[it.slot] = count.get(it.slot, 0) + 1
    for it in items:
        if it.kind == "fact" and count.get(it.slot, 0) > 1:
            it.statement, it.probe = one_of_several(it.slot, str(it.value))


def _stamp(iso: str | None) -> float:
    return datetime.fromisoformat(iso).timestamp() if iso else 0.0


def _free_conflicts(items: list[Item], groups: dict[int, Group], several: frozenset = frozenset()) -> tuple[list[Item], list[Item]]:
    """Untyped items (a language no pattern reads) that say the same sentence with another name ("Abita a
    Milano." / "Abita a Torino."): the one stated last wins, as a typed slot would; so does a one-valued fact
    typed by meaning (named_facts.py) over an earlier untyped sentence that names another value. Two facts of
    different slots never meet here: "Dog's name is Biscuit" is not a newer value of "User's name is Kim"."""
    free = sorted((it for it in items if id(it) in groups and (it.kind == "free" and not it.slot or
                                                              it.kind == "fact" and it.slot not in MULTI_VALUED | several)),
                  key=lambda it: groups[id(it)].last_stated(), reverse=True)
    superseded: list[Item] = []
    other_value = _caseless_other_value(groups)
    known = frozenset().union(*(proper_names(r.text) for g in groups.values() for r in g.records))
    for k, new in enumerate(free):
        if new in superseded:
            continue
        for old in free[k + 1:]:
            if old in superseded or (new.kind == old.kind == "fact" and new.slot != old.slot):
                continue
            if (same_sentence_other_name(groups[id(new)].records, groups[id(old)].records, known)
                    or other_value(groups[id(new)], groups[id(old)])):
                old.reason = f"superseded by {new.id} ({new.text!r}, last mentioned {new.last_seen}); was: {old.reason}"
                superseded.append(old)
    return [it for it in items if it not in superseded], superseded


def _given_up(items: list[Item], groups: dict[int, Group]) -> tuple[list[Item], list[Item]]:
    """A one-valued fact whose value a newer change statement gives up ("sold the fiesta n got a honda civic" after
    "i drive a ford fiesta") is superseded, whether or not the new value could be typed: the change statement
    says the old value no longer holds. The statement never counts against the group it sits in."""
    changes = [(r, given_up(r.text)) for g in groups.values() for r in g.records]
    changes = [(r, words) for r, words in changes if words]
    kept, superseded = [], []
    for it in items:
        g = groups.get(id(it))
        words = {w for w in re.findall(r"\w+", str(it.value).lower()) if len(w) > 2}
        ids = {r.id for r in g.records} if g else set()
        last = max((_order(r) for r in g.records), default=0.0) if g else 0.0
        by = next((r for r, gone in changes if r.id not in ids and words & gone and _order(r) > last), None)
        if it.kind == "fact" and it.slot not in MULTI_VALUED and by is not None:
            it.reason = f"superseded: {by.text!r} gives it up ({by.created_at}); was: {it.reason}"
            superseded.append(it)
        else:
            kept.append(it)
    return kept, superseded


def _caseless_other_value(groups: dict[int, Group]) -> Callable[[Group, Group], bool]:
    """In a script without capitals, two groups where a statement of each says one predicate ("I live in") with a
    value the other does not repeat (caseless.py): "אני גרה בבאר שבע" then "עברתי לחיפה ואני גרה שם". No name
    marks the value there, so same_sentence_other_name cannot see it; a statement about someone else never counts."""
    texts, pos = [], {}
    for g in groups.values():
        for r in g.records:
            if r.id not in pos:
                pos[r.id] = len(texts)
                texts.append(r.text)
    values = Values(texts)

    def other_value(new: Group, old: Group) -> bool:
        if any(about_someone_else(r.text) for r in new.records + old.records):
            return False
        if min(_order(r) for r in new.records) <= max(_order(r) for r in old.records):
            return False  # a value said again after the other was said is no replaced value
        return any(values.apart(pos[a.id], pos[b.id]) and values.same_predicate(pos[a.id], pos[b.id])
                   for a in new.records for b in old.records)

    return other_value


def _order(r: Record) -> float:
    return r.created_at.timestamp() if r.created_at else 0.0


def _preference_key(g: Group) -> tuple | None:
    """(kind, slot) of a one-valued preference as the parsers typed it (clean values, unlike facts read from
    free sentences), else None."""
    e = g.extract
    if e.kind in SINGLE_VALUED and e.kind != "address" or (e.kind == "free" and e.slot):
        return (e.kind, e.slot)
    return None


# Facts a person has one value of at a time, named by a name: a new city, employer or car said once, in a
# sentence that states just that ("User works at Globant." then "User works at Mercado Libre."), ends the old
# value though it is not trained itself. A job too, but one job is said under many titles ("veterinarian" / "a
# large-animal vet"), so a new title retracts only when it shares no word with the old (_another_title).
CURRENT_SLOTS = frozenset({"city", "employer", "car"})
TITLED_SLOTS = frozenset({"job"})


# Diets that answer one question, how much animal food the user eats: a newer one replaces the older.
MEAT_DIETS = frozenset({"vegan", "vegetarian", "pescatarian"})


_OWN_DIET = re.compile(r"^(?:(?:the user|[A-Z][\w-]*)(?:'s diet is| is| has been| went| became| has become| is now| now| eats)? )?"
                       r"(?:is |now |an? )?(?:strict |strictly |fully |mostly )?(?:vegan|vegetarian|pescatarian)\b", re.I)


def _diet_key(g: Group, stated_whole: bool = False) -> tuple | None:
    """With `stated_whole`, only a statement of the user's own diet ("Vegetarian these days"), not a dish asked
    for in passing ("asked for a vegetarian lasagna recipe for a friend")."""
    e = g.extract
    if e.kind != "avoid" or e.slot != "diet" or str(e.value).lower() not in MEAT_DIETS:
        return None
    if stated_whole and not all(_OWN_DIET.match(canonical(r.text)) for r in g.records):
        return None
    return ("diet", "meat")


def _current_fact_key(g: Group, stated_whole: bool = False) -> tuple | None:
    """("fact", slot) of a one-at-a-time fact; with `stated_whole`, only when every record typed it itself (not
    a mention in passing joined by similarity)."""
    e = g.extract
    slots = CURRENT_SLOTS | TITLED_SLOTS
    if e.kind != "fact" or e.slot not in slots or (stated_whole and len(g.stated) != len(g.records)):
        return None
    return ("fact", e.slot)


def _another_title(slot: str, old: str, new: str) -> bool:
    """A job said under a new title is a new job only when the titles share no word, no inflection and no
    abbreviation ("veterinarian" / "large-animal vet", "nurse" / "ICU nurse" are one job retitled), and only for
    a title of a word of three letters or more (a pattern that read "de" from "infirmière de nuit" names none)."""
    if slot not in TITLED_SLOTS:
        return True
    a, b = set(re.findall(r"\w{3,}", old)), set(re.findall(r"\w{3,}", new))
    if not b:
        return False
    if any(x.startswith(y[:3]) or y.startswith(x[:3]) for x in a for y in b if min(len(x), len(y)) >= 3):
        return False
    return not share_content(old, new)


def _one_value(a: str, b: str) -> bool:
    """One value in two case forms ("liepājā" / "liepāju": Latvian, Slavic and Baltic swap a name's ending) is no
    later, other value: it neither retracts nor supersedes."""
    return a == b or (" " not in a + b and (case_forms(a, b) or mutated_forms(a, b)))


def _retracted(kept: list[Item], grouped: list[tuple[Item, Group]], unselected: list[Item],
               stated: dict[int, float]) -> tuple[list[Item], list[Item]]:
    """Selected preferences the user has since changed, though the new one was said once: "Wants times in
    Eastern Time" twice, then "Wants times shown in Pacific Time". The new value is not trained (one mention),
    and neither is the old, which is no longer what the user wants. Facts only where a whole sentence
    states a name-valued one (CURRENT_SLOTS): a fact read from a sentence in passing ("Commutes on a motorcycle"
    after "Rides a Triumph") is too noisy a value to retract by. A request for one answer ("this one in German")
    retracts nothing."""
    group_of = {id(it): g for it, g in grouped}
    newer: dict[tuple, list[tuple[float, str]]] = {}
    for it, g in ((it, group_of[id(it)]) for it in unselected):
        k = _preference_key(g) or _current_fact_key(g, stated_whole=True) or _diet_key(g, stated_whole=True)
        if k is not None and not any(about_someone_else(r.text) or one_time(r.text) for r in g.records):
            newer.setdefault(k, []).append((stated.get(id(it), 0.0), str(g.extract.value).lower()))
    out, gone = [], []
    for it in kept:
        g = group_of.get(id(it))
        k = (_preference_key(g) or _current_fact_key(g) or _diet_key(g)) if g is not None and it.org is None else None
        when, value = stated.get(id(it), 0.0), str(g.extract.value).lower() if g is not None else ""
        later = [v for t, v in newer.get(k, []) if t > when and not _one_value(v, value) and _another_title(k[1], value, v)] if k else []
        if later:
            it.reason = f"retracted: a later statement asks for {later[-1]!r} (said once, not selected); was: {it.reason}"
            gone.append(it)
        else:
            out.append(it)
    return out, gone


def _resolve_conflicts(items: list[Item], stated: dict[int, float] | None = None,
                       several: frozenset = frozenset()) -> tuple[list[Item], list[Item]]:
    """Per conflict key the most recently stated value wins (`stated`: id(item) -> when its value was last
    stated; items not in it, org rules, by last_seen); relatives and pets the tenant has `several` of never
    conflict."""
    stated = stated or {}
    by_key: dict[tuple, list[Item]] = {}
    kept = []
    for it in items:
        k = _conflict_key(it, several)
        if k is None:
            kept.append(it)
        else:
            by_key.setdefault(k, []).append(it)
    superseded = []
    for k, its in by_key.items():
        its.sort(key=lambda i: (stated.get(id(i), _stamp(i.last_seen)), i.last_seen or "", i.score, i.id), reverse=True)
        win = its[0]
        kept.append(win)
        for old in its[1:]:
            old.reason = f"superseded by {win.id} ({win.text!r}, last mentioned {win.last_seen}); was: {old.reason}"
            superseded.append(old)
    return kept, superseded
