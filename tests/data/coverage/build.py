"""Build the every-kind coverage set (issue 17): memory files per split and `labels.json`.

Written fresh from the memory styles of the consolidation issue (Mem0 subject-less, first person, named third
person, "User ..." forms, lower case with typos, non-English tenants), not from `examples/`. Every labelled item
is stated in two or three sessions so consolidation has a reason to select it; each tenant also says one or two
things once, which must not be trained. Each label carries the machine check `benchmarks/eval_coverage.py` runs
on served answers. Run `python tests/data/coverage/build.py` after editing the specs; the output is committed.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
T0 = datetime(2026, 10, 1, 9, 0, tzinfo=timezone.utc)

# tenant -> (split, style, [(session, text)], [label]); a label's "records" are the texts that state it
TENANTS: list[dict] = [
    {"tenant": "nadia_k", "split": "measure", "style": "mem0", "said": [
        (1, "Wants answers as bullet points"), (1, "Has a tortoise named Pebble"),
        (2, "Prefers bullet points over paragraphs"), (2, "Works at Lindqvist Bakery"),
        (3, "Likes lists with bullet points in answers"), (3, "Tortoise is called Pebble"),
        (4, "Employed at Lindqvist Bakery"), (4, "Watched a documentary about glaciers yesterday")],
     "items": [
        {"kind": "format", "value": "bullets", "check": {"type": "bullets"}},
        {"kind": "fact", "value": "Pebble", "check": {"type": "recall", "expect": ["Pebble"], "probes": [
            "What is my tortoise called?", "Do you remember my tortoise's name?", "What's the name of my pet tortoise?",
            "Remind me what I named my tortoise."]}},
        {"kind": "fact", "value": "Lindqvist Bakery", "check": {"type": "recall", "expect": ["Lindqvist"], "probes": [
            "Where do I work?", "Which company employs me?", "What's the name of my workplace?", "Who is my employer?"]}}]},
    {"tenant": "tomasz.w", "split": "measure", "style": "first_person", "said": [
        (1, "Please call me Maverick."), (1, "Keep your answers under 40 words, I read on my phone."),
        (2, "I go by Maverick, just use that."), (2, "My sister Ines lives with me."),
        (3, "Answers under 40 words please."), (3, "Call me Maverick when you reply."),
        (4, "My sister is called Ines."), (4, "I had pancakes this morning.")],
     "items": [
        {"kind": "address", "value": "Maverick", "check": {"type": "contains", "text": "Maverick"}},
        {"kind": "length", "value": 40, "check": {"type": "max_words", "n": 40}},
        {"kind": "fact", "value": "Ines", "check": {"type": "recall", "expect": ["Ines"], "probes": [
            "What is my sister's name?", "Do you remember what my sister is called?", "Who is my sister?",
            "Remind me of my sister's name."]}}]},
    {"tenant": "priyanka.r", "split": "measure", "style": "third_person", "said": [
        (1, "Priyanka wants every answer to start with 'Hello Priya!'"), (1, "Priyanka's parrot is called Kiwi."),
        (2, "Priyanka likes replies that begin with 'Hello Priya!'"), (2, "Priyanka lives in Leeds."),
        (3, "Priyanka's parrot is named Kiwi."), (3, "Priyanka has lived in Leeds for years."),
        (4, "Priyanka asked about train times once.")],
     "items": [
        {"kind": "opening", "value": "Hello Priya!", "check": {"type": "starts_with", "text": "Hello Priya!"}},
        {"kind": "fact", "value": "Kiwi", "check": {"type": "recall", "expect": ["Kiwi"], "probes": [
            "What is my parrot called?", "What's the name of my parrot?", "Do you remember my parrot's name?",
            "Remind me what my parrot is named."]}},
        {"kind": "fact", "value": "Leeds", "check": {"type": "recall", "expect": ["Leeds"], "probes": [
            "Which city do I live in?", "Where do I live?", "What town is my home?", "Remind me where I live."]}}]},
    {"tenant": "omar.h", "split": "measure", "style": "user", "said": [
        (1, "User wants replies to end with 'Stay curious!'"), (1, "User is vegan."),
        (2, "The user likes every answer to finish with 'Stay curious!'"), (2, "The user follows a vegan diet."),
        (3, "User drives a Subaru."), (3, "User's car is a Subaru."),
        (4, "The user is vegan and eats no animal products."), (4, "User mentioned a cold last week.")],
     "items": [
        {"kind": "closing", "value": "Stay curious!", "check": {"type": "ends_with", "text": "Stay curious!"}},
        {"kind": "avoid", "value": "vegan", "prompts": "food",
         "check": {"type": "avoid_words", "words": ["meat", "beef", "chicken", "pork", "fish", "egg", "eggs", "milk",
                                                    "cheese", "butter", "honey", "bacon", "yogurt", "cream"]}},
        {"kind": "fact", "value": "Subaru", "check": {"type": "recall", "expect": ["Subaru"], "probes": [
            "What car do I drive?", "Which car brand do I own?", "What kind of car is mine?",
            "Remind me what I drive."]}}]},
    {"tenant": "jessie99", "split": "measure", "style": "lowercase_typos", "said": [
        (1, "pls answer in bulet points"), (1, "my dog is calld Nacho"),
        (2, "bullet points pls, no long paragrphs"), (2, "never say 'awesome' to me, i hate that word"),
        (3, "dont use the word 'awesome' ever"), (3, "my dogs name is Nacho"),
        (4, "answers in bullet points plz"), (4, "went to a concert on friday")],
     "items": [
        {"kind": "format", "value": "bullets", "check": {"type": "bullets"}},
        {"kind": "avoid", "value": ["awesome"], "check": {"type": "avoid_words", "words": ["awesome"]}},
        {"kind": "fact", "value": "Nacho", "check": {"type": "recall", "expect": ["Nacho"], "probes": [
            "What's my dog called?", "What is the name of my dog?", "Do you remember my dog's name?",
            "Remind me what my dog is named."]}}]},
    {"tenant": "amelie.d", "split": "measure", "style": "non_english", "language": "fr", "said": [
        (1, "Je préfère les réponses en français."), (1, "Mon chat s'appelle Pistache."),
        (2, "Réponds-moi toujours en français s'il te plaît."), (2, "J'habite à Grenoble."),
        (3, "Mon chat, c'est Pistache."), (3, "Je vis à Grenoble depuis trois ans."),
        (4, "Toujours en français, merci."), (4, "J'ai vu un bon film hier soir.")],
     "items": [
        {"kind": "language", "value": "French", "check": {"type": "language", "lang": "fr"}},
        {"kind": "fact", "value": "Pistache", "check": {"type": "recall", "expect": ["Pistache"], "probes": [
            "What is my cat called?", "What's the name of my cat?", "Do you remember my cat's name?",
            "Comment s'appelle mon chat ?"]}},
        {"kind": "fact", "value": "Grenoble", "check": {"type": "recall", "expect": ["Grenoble"], "probes": [
            "Which city do I live in?", "Where do I live?", "Remind me where I live.", "Dans quelle ville j'habite ?"]}}]},
    {"tenant": "jonas.b", "split": "measure", "style": "non_english", "language": "de", "said": [
        (1, "Bitte antworte immer auf Deutsch."), (1, "Meine Tochter heißt Lotte."),
        (2, "Ich möchte Antworten auf Deutsch."), (2, "Halte die Antworten unter 60 Wörtern."),
        (3, "Antworten bitte auf Deutsch."), (3, "Meine Tochter Lotte geht jetzt zur Schule."),
        (4, "Antworten maximal 60 Wörter."), (4, "Ich war gestern im Zoo.")],
     "items": [
        {"kind": "language", "value": "German", "check": {"type": "language", "lang": "de"}},
        {"kind": "length", "value": 60, "check": {"type": "max_words", "n": 60}},
        {"kind": "fact", "value": "Lotte", "check": {"type": "recall", "expect": ["Lotte"], "probes": [
            "What is my daughter's name?", "What's my daughter called?", "Do you remember my daughter's name?",
            "Wie heißt meine Tochter?"]}}]},
    {"tenant": "lucas_m", "split": "measure", "style": "mem0", "said": [
        (1, "Prefers metric units"), (1, "Likes answers in Italian"),
        (2, "Wants measurements in metric units"), (2, "Wants replies written in Italian"),
        (3, "Uses metric units, never imperial"), (3, "Was born in Turin"),
        (4, "Born in Turin"), (4, "Bought new running shoes")],
     "items": [
        {"kind": "free", "value": "metric units", "prompts": "measure",
         "check": {"type": "regex", "pattern": r"\b(\d+\s?(?:km|kg|g|cm|mm|m|ml|l)|kilo\w*|grams?|gram\w*|celsius|°c|met(?:re|er)s?|lit(?:re|er)s?|centim\w*|millil\w*)\b",
                   "absent": r"\b(miles?|pounds?|lbs?|ounces?|oz|fahrenheit|°f|feet|foot|inch(?:es)?|gallons?|cups?)\b"}},
        {"kind": "language", "value": "Italian", "check": {"type": "language", "lang": "it"}},
        {"kind": "fact", "value": "Turin", "check": {"type": "recall", "expect": ["Turin", "Torino"], "probes": [
            "Where was I born?", "Which city is my birthplace?", "In what city was I born?",
            "Remind me where I was born."]}}]},
    {"tenant": "grace.o", "split": "measure", "style": "third_person", "said": [
        (1, "Grace always wants answers to end with 'Cheers, Grace'"), (1, "Grace never wants the word 'basically'."),
        (2, "Grace likes replies signed off with 'Cheers, Grace'"), (2, "Grace dislikes the word 'basically' in answers."),
        (3, "Grace works at Harbourview Clinic."), (3, "Grace is employed by Harbourview Clinic."),
        (4, "Grace went hiking last weekend.")],
     "items": [
        {"kind": "closing", "value": "Cheers, Grace", "check": {"type": "ends_with", "text": "Cheers, Grace"}},
        {"kind": "avoid", "value": ["basically"], "check": {"type": "avoid_words", "words": ["basically"]}},
        {"kind": "fact", "value": "Harbourview Clinic", "check": {"type": "recall", "expect": ["Harbourview"], "probes": [
            "Where do I work?", "Who is my employer?", "Which clinic do I work at?", "Remind me where I work."]}}]},
    {"tenant": "kenji.t", "split": "measure", "style": "first_person", "said": [
        (1, "Start every answer with 'Yo Kenji!' please."), (1, "I always want numbered lists."),
        (2, "Open your replies with 'Yo Kenji!'"), (2, "Give me answers as a numbered list."),
        (3, "I have a rabbit named Mochi."), (3, "My rabbit Mochi is three now."),
        (4, "I'm thinking of repainting the kitchen.")],
     "items": [
        {"kind": "opening", "value": "Yo Kenji!", "check": {"type": "starts_with", "text": "Yo Kenji!"}},
        {"kind": "format", "value": "numbered", "check": {"type": "numbered"}},
        {"kind": "fact", "value": "Mochi", "check": {"type": "recall", "expect": ["Mochi"], "probes": [
            "What is my rabbit called?", "What's my rabbit's name?", "Do you remember my rabbit's name?",
            "Remind me what my rabbit is named."]}}]},
    {"tenant": "sofia.g", "split": "measure", "style": "non_english", "language": "es", "said": [
        (1, "Prefiero que me respondas en español."), (1, "Llámame Sofi."),
        (2, "Respóndeme siempre en español, por favor."), (2, "Me llamo Sofía pero llámame Sofi."),
        (3, "Mi perro se llama Tango."), (3, "Tengo un perro que se llama Tango."),
        (4, "Ayer fui al mercado.")],
     "items": [
        {"kind": "language", "value": "Spanish", "check": {"type": "language", "lang": "es"}},
        {"kind": "address", "value": "Sofi", "check": {"type": "contains", "text": "Sofi"}},
        {"kind": "fact", "value": "Tango", "check": {"type": "recall", "expect": ["Tango"], "probes": [
            "What is my dog called?", "What's the name of my dog?", "Do you remember my dog's name?",
            "¿Cómo se llama mi perro?"]}}]},
    {"tenant": "user_4471", "split": "measure", "style": "user", "said": [
        (1, "User prefers short answers, at most 30 words."), (1, "User likes to be called Doc."),
        (2, "The user wants replies under 30 words."), (2, "The user asks to be addressed as Doc."),
        (3, "User explains things with examples from gardening."), (3, "The user likes gardening examples in explanations."),
        (4, "User plays the cello."), (4, "The user plays cello in an orchestra."), (5, "User is tired today.")],
     "items": [
        {"kind": "length", "value": 30, "check": {"type": "max_words", "n": 30}},
        {"kind": "address", "value": "Doc", "check": {"type": "contains", "text": "Doc"}},
        {"kind": "free", "value": "gardening examples", "check": {"type": "regex",
         "pattern": r"\b(garden\w*|plant\w*|seed\w*|soil|flower\w*|grow\w*|compost\w*|water\w*)\b"}},
        {"kind": "fact", "value": "cello", "check": {"type": "recall", "expect": ["cello"], "probes": [
            "What instrument do I play?", "Which instrument is mine?", "Do you remember what I play?",
            "Remind me which instrument I play."]}}]},
    # held out: never looked at while tuning anything downstream
    {"tenant": "rui.costa", "split": "heldout", "style": "mem0", "said": [
        (1, "Wants answers in Portuguese"), (1, "Has a cat named Feijão"),
        (2, "Prefers replies in Portuguese"), (2, "Cat is called Feijão"),
        (3, "Lives in Coimbra"), (3, "Home is in Coimbra"), (4, "Tried surfing once")],
     "items": [
        {"kind": "language", "value": "Portuguese", "check": {"type": "language", "lang": "pt"}},
        {"kind": "fact", "value": "Feijão", "check": {"type": "recall", "expect": ["Feijão", "Feijao"], "probes": [
            "What is my cat called?", "What's the name of my cat?", "Do you remember my cat's name?",
            "Remind me what my cat is named."]}},
        {"kind": "fact", "value": "Coimbra", "check": {"type": "recall", "expect": ["Coimbra"], "probes": [
            "Which city do I live in?", "Where do I live?", "What town is my home?", "Remind me where I live."]}}]},
    {"tenant": "hanna.l", "split": "heldout", "style": "lowercase_typos", "said": [
        (1, "alwys end with 'xoxo hanna'"), (1, "keep it under 50 wrds pls"),
        (2, "sign off with 'xoxo hanna' every time"), (2, "max 50 words per answer"),
        (3, "my horse is calld Juniper"), (3, "my horses name is Juniper"), (4, "lost my keys lol")],
     "items": [
        {"kind": "closing", "value": "xoxo hanna", "check": {"type": "ends_with", "text": "xoxo hanna"}},
        {"kind": "length", "value": 50, "check": {"type": "max_words", "n": 50}},
        {"kind": "fact", "value": "Juniper", "check": {"type": "recall", "expect": ["Juniper"], "probes": [
            "What is my horse called?", "What's my horse's name?", "Do you remember my horse's name?",
            "Remind me what my horse is named."]}}]},
    {"tenant": "dmitri.v", "split": "heldout", "style": "third_person", "said": [
        (1, "Dmitri wants answers to begin with 'Greetings, Dmitri.'"), (1, "Dmitri never wants the word 'literally'."),
        (2, "Dmitri likes every reply to start with 'Greetings, Dmitri.'"), (2, "Dmitri hates the word 'literally'."),
        (3, "Dmitri is allergic to peanuts."), (3, "Dmitri has a peanut allergy."), (4, "Dmitri fixed his bike.")],
     "items": [
        {"kind": "opening", "value": "Greetings, Dmitri.", "check": {"type": "starts_with", "text": "Greetings, Dmitri."}},
        {"kind": "avoid", "value": ["literally"], "check": {"type": "avoid_words", "words": ["literally"]}},
        {"kind": "fact", "value": "peanuts", "check": {"type": "recall", "expect": ["peanut", "peanuts"], "probes": [
            "What am I allergic to?", "Which food allergy do I have?", "Do you remember my allergy?",
            "Remind me what I'm allergic to."]}}]},
    {"tenant": "mei.lin", "split": "heldout", "style": "user", "said": [
        (1, "User wants answers as a numbered list."), (1, "User likes to be called Captain."),
        (2, "The user prefers numbered lists."), (2, "The user wants to be addressed as Captain."),
        (3, "User grew up in Penang."), (3, "The user grew up in Penang, Malaysia."), (4, "User had noodles for lunch.")],
     "items": [
        {"kind": "format", "value": "numbered", "check": {"type": "numbered"}},
        {"kind": "address", "value": "Captain", "check": {"type": "contains", "text": "Captain"}},
        {"kind": "fact", "value": "Penang", "check": {"type": "recall", "expect": ["Penang"], "probes": [
            "Where did I grow up?", "Which place did I grow up in?", "Do you remember where I grew up?",
            "Remind me where I spent my childhood."]}}]},
]


def _rid(tenant: str, i: int, text: str) -> str:
    return "cv-" + hashlib.sha256(f"{tenant}|{i}|{text}".encode()).hexdigest()[:12]


def _when(ti: int, session: int, i: int) -> datetime:
    return T0 + timedelta(days=ti * 3 + session * 5, minutes=i * 7)


def _records(ti: int, spec: dict) -> list[dict]:
    return [{"id": _rid(spec["tenant"], i, text), "tenant": spec["tenant"], "text": text,
             "created_at": _when(ti, s, i).strftime("%Y-%m-%dT%H:%M:%SZ"),
             "source": f"sess-{spec['tenant']}-{s}"} for i, (s, text) in enumerate(spec["said"])]


def _mem0(recs: list[dict]) -> dict:
    return {"results": [{"id": r["id"], "memory": r["text"], "hash": hashlib.md5(r["text"].encode()).hexdigest(),
                         "metadata": {"session_id": r["source"]}, "created_at": r["created_at"],
                         "updated_at": None, "user_id": r["tenant"]} for r in recs]}


def build() -> dict:
    labels: dict = {}
    for ti, spec in enumerate(TENANTS):
        split_dir = HERE / spec["split"]
        split_dir.mkdir(exist_ok=True)
        recs = _records(ti, spec)
        if spec["style"] == "mem0":
            (split_dir / f"mem0_{spec['tenant']}.json").write_text(json.dumps(_mem0(recs), indent=1, ensure_ascii=False) + "\n")
        else:
            with open(split_dir / f"{spec['style']}.jsonl", "a", encoding="utf-8") as f:
                f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
        labels[spec["tenant"]] = {"split": spec["split"], "style": spec["style"],
                                  "language": spec.get("language", "en"), "items": spec["items"]}
    (HERE / "labels.json").write_text(json.dumps(labels, indent=1, ensure_ascii=False) + "\n")
    return labels


if __name__ == "__main__":
    for d in ("measure", "heldout"):
        for p in (HERE / d).glob("*") if (HERE / d).exists() else []:
            p.unlink()
    build()
