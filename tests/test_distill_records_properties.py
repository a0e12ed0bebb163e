"""Property-based tests over the memory reader: whatever the bytes, the reader answers with records, per-line
rejects or one clean MemloraError, and every line is accounted for under its own line number."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from memlora.distill.records import load_memory
from memlora.errors import MemloraError

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
json_values = st.recursive(scalars, lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=6), c, max_size=3),
                           max_leaves=8)
words = st.sampled_from(["ann", "bob", "  ", "", "preference", "fact", "rule", "user", "org", "Ann is vegan.", "x\u2028y", "a\u2029b"])
timestamps = st.sampled_from([0, 1.5, 1e20, -1e20, 1e300, True, False, "2026-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00",
                              "9999-12-31T23:59:59-01:00", "yesterday", "", 10**30])
field = words | scalars | json_values
record_like = st.fixed_dictionaries({}, optional={
    "tenant": field, "user_id": field, "text": field, "memory": field, "created_at": timestamps | field,
    "kind": field, "scope": field, "id": field, "source": field, "org": field,
    "metadata": st.dictionaries(st.sampled_from(["kind", "scope", "org", "session_id", "x"]), field, max_size=3) | field,
})
# what a line can be: a record-ish object written the way json.dumps(ensure_ascii=False) writes it (U+2028 raw
# inside strings, NaN/Infinity for non-finite floats), any JSON value, deep nesting, or any text
lines = st.one_of(
    record_like.map(lambda o: json.dumps(o, ensure_ascii=False)),
    json_values.map(lambda o: json.dumps(o, ensure_ascii=False)),
    st.integers(60, 3000).map(lambda n: "[" * n),
    st.integers(60, 3000).map(lambda n: '{"tenant": "t", "text": "x", "metadata": ' + "[" * n + "]" * n + "}"),
    st.text(max_size=40).map(lambda s: s.replace("\n", " ")),
)


def _check_accounting(res, texts: list[str]) -> None:
    """Each non-blank line i is a record, a forget or a reject at line i, exactly once (or an identical repeat of an
    accepted record); a reject keeps the line whole."""
    nonblank = {i for i, t in enumerate(texts, 1) if t.strip()}
    recs = [r.line for r in res.records]
    rejected = [r.line for r in res.rejects]
    seen = recs + rejected + [f.line for f in res.forgets]
    assert len(set(recs)) == len(recs) and set(seen) <= nonblank
    for r in res.rejects:
        assert r.raw == texts[r.line - 1].removesuffix("\r"), r
        assert "\n" not in r.reason
    for r in res.records:
        obj = json.loads(texts[r.line - 1])
        assert r.text == " ".join(str(obj.get("text") or obj.get("memory")).split())
    accepted_ids = {r.id for r in res.records}
    accepted_content = {(r.tenant, r.text) for r in res.records}
    for i in nonblank - set(seen):  # dropped silently only as a repeat of an accepted record, or by a forget
        obj = json.loads(texts[i - 1])
        # a record without an id is named by its content, so a repeat of that content is the same record
        same = obj.get("id") is None and (str(obj.get("tenant")), " ".join(str(obj.get("text") or obj.get("memory")).split())) in accepted_content
        assert str(obj.get("id")) in accepted_ids or same or res.forgets, (i, texts[i - 1])


@FAST
@given(st.lists(lines, min_size=1, max_size=12))
def test_any_json_lines_are_accounted_for_line_by_line(tmp_path, texts):
    p = tmp_path / "m.jsonl"
    p.write_text("\n".join(texts) + "\n", encoding="utf-8")
    try:
        res = load_memory(p)
    except MemloraError as e:  # only when no line at all parses as JSON
        assert "\n" not in str(e) and "no line parses" in str(e)
        for t in texts:  # every line is not JSON at all (JSON this reader refuses is a per-line reject)
            if t.strip():
                with pytest.raises(json.JSONDecodeError):
                    json.loads(t)
        return
    _check_accounting(res, texts)


@FAST
@given(st.lists(st.binary(max_size=40), min_size=1, max_size=8))
def test_any_bytes_give_records_rejects_or_one_clean_error(tmp_path, chunks):
    p = tmp_path / "m.jsonl"
    p.write_bytes(b"\n".join(chunks))
    try:
        res = load_memory(p)
    except MemloraError as e:
        assert "\n" not in str(e)
        return
    texts = p.read_bytes().decode("utf-8-sig").split("\n")
    _check_accounting(res, texts)


@FAST
@given(st.lists(record_like | json_values | st.integers(60, 2000).map(lambda n: "deep"), max_size=6),
       st.sampled_from([None, 2]))
def test_mem0_exports_reject_element_by_element(tmp_path, results, indent):
    deep = "[" * 3000 + "]" * 3000
    body = [deep if x == "deep" else json.dumps(x, ensure_ascii=False, indent=indent) for x in results]
    p = tmp_path / "export.json"
    p.write_text('{"results": [' + ",\n".join(body) + '],\n "relations": []}', encoding="utf-8")
    res = load_memory(p)
    assert len({r.line for r in res.records}) <= len(res.records)
    for r in res.rejects:
        i = int(r.reason.split("]")[0].removeprefix("results["))
        assert r.raw == body[i] and "\n" not in r.reason
    dropped = len(results) - len(res.records) - len(res.rejects) - len(res.forgets)
    assert dropped >= 0 and (dropped == 0 or res.forgets or len({r.id for r in res.records}) < len(results))
