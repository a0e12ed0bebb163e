"""Answers in a tenant's style by construction: the rules the teacher writes its answers with, and the server
applies to what an adapter does not carry.

A 135M base follows almost no style instruction from its prompt, so compliance is built, not asked for: the
opening (and the name the user wants to be called) is forced as the answer's first tokens, avoided words are banned while decoding, the model's text is
cut at a sentence inside the word limit, formatted, and the closing appended. The teacher (synthesize.py)
does this to whole answers; the server (serving/enforce.py) to a stream, sentence by sentence, with the same
functions, so a served answer is shaped exactly as a training answer is. `line_item` reads an item back from
the line `profile.item_line` wrote for it (all residual.json keeps), using item_line itself as the pattern.
"""
from __future__ import annotations

import re

from .profile import item_line
from .quality import words
from .schema import DIET_WORDS, avoid_words

_MARK, _MARK2 = "\x00", "\x01"


def style_of(items: list[dict]) -> dict:
    st = {"opening": None, "closing": None, "format": None, "length": None, "banned": []}
    address = None
    for it in items:
        k = it["kind"]
        if k in ("opening", "closing", "format", "length"):
            st[k] = it["value"]
        elif k == "address" and isinstance(it["value"], str) and it["value"].strip():
            address = it["value"].strip()
        elif k == "avoid":
            st["banned"] += avoid_words("avoid", it.get("slot", ""), it["value"])
    st["opening"] = lead(st["opening"], address)
    st["banned"] = sorted(set(st["banned"]))
    return st


def lead(opening: str | None, address: str | None) -> str | None:
    """The forced start of every answer: the opening, then the name the user wants to be called ("Skipper, ...").
    A 135M model told 'Address the user as "Skipper"' names them in about one answer in twelve, so the name is
    built in like the opening; an opening that already names them is left as it is."""
    if not address or (opening and address.lower() in opening.lower()):
        return opening
    return f"{opening} {address}," if opening else f"{address},"


def sentences(text: str) -> list[str]:
    text = re.sub(r"^\s*([-*\u2022]|\d+[.)])\s+", "", text, flags=re.M)
    parts = re.split(r"(?<=[.!?])\s+|\n+", text.strip())
    return [p.strip() for p in parts if p.strip()]


def content_sentences(raw: str, st: dict) -> list[str]:
    """The model's own sentences: any copy of the forced opening or closing taken out (they are added once)."""
    text = raw.strip()
    if st["opening"]:
        text = text.replace(st["opening"], " ").strip()
    if st["closing"]:
        text = text.replace(st["closing"], " ").strip()
    return sentences(text)


def fit(sents: list[str], st: dict) -> list[str]:
    """Complete sentences within the word budget the forced parts leave; a first sentence over it is cut."""
    if len(sents) > 1 and not re.search(r"[.!?]$", sents[-1]):
        sents = sents[:-1]
    if not st["length"]:
        return sents
    budget = int(st["length"]) - len(words(st["opening"] or "")) - len(words(st["closing"] or ""))
    kept, used = [], 0
    for s in sents:
        n = len(words(s))
        if used + n > budget:
            if not kept and budget > 3:
                kept.append(" ".join(s.split()[:budget]).rstrip(",;:") + ".")
            break
        kept.append(s)
        used += n
    return kept


def over_budget(raw: str, st: dict) -> bool:
    """True once the model has written more words than `fit` can keep: nothing it writes next is kept."""
    if not st["length"]:
        return False
    budget = int(st["length"]) - len(words(st["opening"] or "")) - len(words(st["closing"] or ""))
    return len(words(" ".join(content_sentences(raw, st)))) > budget


def shape_content(raw: str, st: dict) -> str:
    """Model-written text -> complete sentences within the word budget left by the forced parts."""
    return "\n".join(fit(content_sentences(raw, st), st))


def finalize(content: str, st: dict) -> str:
    sents = [s for s in content.split("\n") if s.strip()]
    if st["format"] in ("bullets", "numbered"):
        body = "\n".join(("- " if st["format"] == "bullets" else f"{i}. ") + s for i, s in enumerate(sents, 1))
    else:
        body = " ".join(sents)
    parts = [p for p in (st["opening"], body, st["closing"]) if p]
    sep = "\n" if st["format"] in ("bullets", "numbered") else " "
    return sep.join(parts).strip()


def _between(template: str, line: str) -> str | None:
    """What `line` has where `template` has the mark, when the rest of the two is the same."""
    pre, _, post = template.partition(_MARK)
    if len(line) < len(pre) + len(post) or not line.startswith(pre) or not line.endswith(post):
        return None
    return line[len(pre):len(line) - len(post)] or None


def line_item(kind: str, line: str) -> dict | None:
    """The enforceable item (kind, value, slot) whose `item_line` is `line`; None for any other line."""
    if kind in ("opening", "closing", "length"):
        v = _between(item_line(kind, _MARK, "", ""), line)
        if v is None or (kind == "length" and not v.isdigit()):
            return None
        return {"kind": kind, "value": int(v) if kind == "length" else v, "slot": ""}
    if kind == "address":
        v = _between(item_line(kind, _MARK, "", ""), line)
        return {"kind": kind, "value": v, "slot": ""} if v else None
    if kind == "format":
        v = next((f for f in ("bullets", "numbered") if item_line(kind, f, "", "") == line), None)
        return {"kind": kind, "value": v, "slot": ""} if v else None
    if kind != "avoid":
        return None
    diet = next((d for d in DIET_WORDS if item_line(kind, d, "diet", "") == line), None)
    if diet is not None:
        return {"kind": kind, "value": diet, "slot": "diet"}
    pre, _, post = item_line(kind, [_MARK], "", _MARK2).partition(_MARK)
    mid = post.partition(_MARK2)[0]
    if not line.startswith(pre) or mid not in line[len(pre):]:
        return None
    found = [w.strip() for w in line[len(pre):].partition(mid)[0].split(", ") if w.strip()]
    return {"kind": kind, "value": found, "slot": ""} if found else None
