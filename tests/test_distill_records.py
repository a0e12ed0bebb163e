"""Loading memory: aliases, Mem0 exports, bad lines, non-JSONL files, forget requests."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from memlora.distill.records import load_memory
from memlora.errors import MemloraError

REPO = Path(__file__).resolve().parent.parent


def test_aliases_and_fields(tmp_path):
    p = tmp_path / "m.jsonl"
    p.write_text(
        json.dumps({"user_id": "ann", "memory": "Ann is vegan.", "created_at": "2026-01-02T03:04:05Z", "source": "s1"}) + "\n"
        + json.dumps({"tenant": "bob", "text": "Bob likes tea.", "kind": "preference", "scope": "user", "org": "acme"}) + "\n"
    )
    res = load_memory(p)
    assert [r.tenant for r in res.records] == ["ann", "bob"]
    ann, bob = res.records
    assert ann.text == "Ann is vegan." and ann.source == "s1" and ann.created_at.year == 2026
    assert bob.org == "acme" and bob.kind == "preference"
    assert ann.id.startswith("r-") and ann.id != bob.id  # derived ids name the records used
    assert res.rejects == []


def test_mem0_export_and_directory(tmp_path):
    res = load_memory(REPO / "examples" / "mem0_export.json")
    assert {r.tenant for r in res.records} == {"dana"}
    assert len(res.records) == 5
    by_id = {r.id: r for r in res.records}
    assert by_id["5b1c0e3a-0001"].source == "chat-17"  # metadata.session_id
    assert by_id["5b1c0e3a-0002"].source == "chat-19"  # run_id
    d = tmp_path / "dir"
    d.mkdir()
    (d / "a.json").write_text((REPO / "examples" / "mem0_export.json").read_text())
    (d / "b.jsonl").write_text(json.dumps({"tenant": "eve", "text": "Eve likes jazz."}) + "\n")
    (d / "notes.txt").write_text("ignored")
    res2 = load_memory(d)
    assert {r.tenant for r in res2.records} == {"dana", "eve"}


def test_bad_lines_reported_with_line_numbers_and_kept_whole(tmp_path):
    p = tmp_path / "m.jsonl"
    lines = [
        json.dumps({"tenant": "ann", "text": "Ann is vegan."}),
        '{"tenant": "ann", "text": "broken',
        json.dumps({"tenant": "ann"}),
        json.dumps({"text": "no tenant"}),
        json.dumps({"tenant": "ann", "text": "x", "created_at": "yesterday"}),
        json.dumps({"tenant": "ann", "text": "x", "kind": "opinion"}),
        "",
        json.dumps({"tenant": "ann", "text": "Ann has a cat."}),
    ]
    p.write_text("\n".join(lines) + "\n")
    rej = tmp_path / "out" / "rejects.jsonl"
    res = load_memory(p, rejects_path=rej)
    assert [r.text for r in res.records] == ["Ann is vegan.", "Ann has a cat."]
    got = {r.line: r for r in res.rejects}
    assert sorted(got) == [2, 3, 4, 5, 6]
    assert "invalid JSON" in got[2].reason and "'text'" in got[3].reason and "'tenant'" in got[4].reason
    assert "created_at" in got[5].reason or "isoformat" in got[5].reason.lower()
    assert "kind" in got[6].reason
    assert str(got[2]).startswith(f"{p}:2:")
    written = [json.loads(l) for l in rej.read_text().splitlines()]
    assert [w["raw"] for w in written] == [lines[i - 1] for i in (2, 3, 4, 5, 6)]  # whole lines, nothing lost
    assert all(w["file"] == str(p) for w in written)


def test_not_jsonl_fails_with_one_clear_message(tmp_path):
    p = tmp_path / "notes.md"
    p.write_text("# My notes\nVera is vegan\nBob likes bullets\n")
    with pytest.raises(MemloraError) as e:
        load_memory(p)
    msg = str(e.value)
    assert "not JSON Lines" in msg and str(p) in msg and "\n" not in msg
    b = tmp_path / "x.jsonl"
    b.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    with pytest.raises(MemloraError, match="not JSON Lines"):
        load_memory(b)
    with pytest.raises(MemloraError, match="does not exist"):
        load_memory(tmp_path / "missing.jsonl")


def test_forget_request_drops_earlier_records(tmp_path):
    p = tmp_path / "m.jsonl"
    p.write_text("\n".join(json.dumps(o) for o in [
        {"tenant": "ann", "text": "Ann is vegan.", "created_at": "2026-01-01T00:00:00Z"},
        {"tenant": "ann", "forget": True, "created_at": "2026-02-01T00:00:00Z"},
        {"tenant": "ann", "text": "Ann likes tea.", "created_at": "2026-03-01T00:00:00Z"},
        {"tenant": "bob", "text": "Bob likes tea."},
    ]) + "\n")
    res = load_memory(p)
    assert [r.text for r in res.records] == ["Ann likes tea.", "Bob likes tea."]
    assert res.forgotten_tenants == ["ann"]


def test_hostile_lines_are_per_line_rejects_and_line_numbers_hold(tmp_path):
    """Deep nesting, out-of-range or non-finite times, booleans as times: each refused on its own line (no
    RecursionError/OverflowError ending the run); U+2028/U+2029 inside a string do not split a line."""
    p = tmp_path / "m.jsonl"
    bad = ["[" * 100000, '{"tenant": "ann", "text": "x", "metadata": ' + "{\"a\": " * 5000 + "1" + "}" * 5000 + "}"]
    bad += [json.dumps({"tenant": "ann", "text": "t", "created_at": v}) for v in (1e20, -1e20, float("inf"), float("nan"), True, False)]
    bad += ['{"tenant": "ann", "text": "t", "created_at": 1e400}', json.dumps({"tenant": "ann", "text": "t", "id": {"a": 1}})]
    lines = [json.dumps({"tenant": "ann", "text": "Ann said \u2028hi\u2029 there."}, ensure_ascii=False), *bad,
             json.dumps({"tenant": "bob", "text": "Bob likes tea."})]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = load_memory(p, rejects_path=tmp_path / "rejects.jsonl")
    assert [(r.line, r.tenant) for r in res.records] == [(1, "ann"), (len(lines), "bob")]
    got = {r.line: r for r in res.rejects}
    assert sorted(got) == list(range(2, len(lines)))
    assert "nested 100000 levels" in got[2].reason and "nested" in got[3].reason
    for line in range(4, 8):
        assert "created_at" in got[line].reason and "finite" in got[line].reason or "not a JSON number" in got[line].reason
    assert "got true" in got[8].reason and "got false" in got[9].reason
    assert "'id'" in got[11].reason
    written = [json.loads(w) for w in (tmp_path / "rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [w["raw"] for w in written] == lines[1:-1]  # whole lines
    assert all("\n" not in str(r) for r in res.rejects)


def test_a_deep_element_of_a_mem0_export_is_rejected_alone(tmp_path):
    p = tmp_path / "export.json"
    p.write_text('{"results": [\n  {"user_id": "dana", "memory": "Dana likes jazz."},\n  ' + "[" * 100000 + "]" * 100000
                 + ',\n  {"user_id": "dana", "memory": "x", "created_at": 1e20},\n  {"user_id": "dana", "memory": "Dana has a dog."}\n]}')
    res = load_memory(p)
    assert [(r.line, r.text) for r in res.records] == [(2, "Dana likes jazz."), (5, "Dana has a dog.")]
    assert [(r.line, r.reason.split(":")[0]) for r in res.rejects] == [(3, "results[1]"), (4, "results[2]")]
    assert res.rejects[0].raw == "[" * 100000 + "]" * 100000 and "nested" in res.rejects[0].reason
