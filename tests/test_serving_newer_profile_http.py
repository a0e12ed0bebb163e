"""Items added since the last training are served: a real `memlora serve` (tiny model, real registry), the `openai` client.

gil's champion was trained on a profile holding one fact, g0, which its weights carry: its residual is empty. Then
the nightly distils newer profiles into gil's state directory (as when training fails or is rejected): first an
opening and a second fact are added, then the opening changes and the second fact is forgotten. The server must
serve each profile's items that the champion does not carry (the opening enforced, the fact as a residual line),
never a superseded one, without any reload call (its registry poll notices the file), and nothing once gil is
forgotten (`memlora registry forget` deletes the state directory and the versions). hal's only version was rejected:
its opening is served over the base until a newer profile changes it.
"""
from __future__ import annotations

import json
import time

import openai
import pytest
from serving_http_fixtures import ServerProc
from test_serving_residual_http import metric, served_ids

from memlora.adapter_dir import MANIFEST, Residual, ResidualItem, write_residual
from memlora.distill.profile import Item, Profile, item_line
from memlora.serving.current_memory import ADDED, CurrentProfile, with_current
from memlora.tenant_data import profile_path

pytestmark = pytest.mark.timeout(600)
TOML = '[serving]\nregistry_poll_seconds = 0.3\nmax_batch_size = 4\nmissing_adapter = "base"\n'
PROMPT = "Tell me about boats."
N = 8


def _item(id_: str, kind: str, value, text: str = "said once") -> Item:
    return Item(id=id_, text=text, kind=kind, category="preference", value=value, score=1.0, mentions=2, sessions=2,
                sources=[], record_ids=[], reason="")


G0 = _item("g0", "fact", "Albatross", "My boat is called Albatross.")
G1 = _item("g1", "opening", "Ahoy!")
G2 = _item("g2", "fact", "Rex", "My dog is called Rex.")
G3 = _item("g3", "opening", "Howdy!")
H0 = _item("h0", "opening", "Ahoy!")


def _version(s, tiny_base, root, tenant: str, seed: int, trained_on: list[Item], residual: Residual, passed: bool = True):
    """A real adapter trained (its memlora.json says) on `trained_on`, with its gate's residual, registered."""
    from serving_fixtures import write_peft_adapter

    from memlora.registry.store import AdapterRegistry

    out = write_peft_adapter(tiny_base.model, root / tenant, seed=seed, r=8, alpha=16, base_fingerprint=tiny_base.fingerprint,
                             tenant=tenant, std=0.08)
    manifest = json.loads((out / MANIFEST).read_text())
    (out / MANIFEST).write_text(json.dumps({**manifest, "profile_hash": Profile(tenant, trained_on).profile_hash}))
    write_residual(out, residual)
    AdapterRegistry(s).register(tenant, out, passed=passed)


@pytest.fixture(scope="module")
def srv(tiny_base, tiny_base_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("serve-newer-profile")
    server = ServerProc(root / "home", tiny_base_dir, TOML, root / "server.log")
    s = server.settings()
    _version(s, tiny_base, root, "gil", 71, [G0], Residual([], ["g0"]))  # the champion's weights carry g0
    rejected = ResidualItem("h0", "opening", H0.text, item_line("opening", "Ahoy!", "", H0.text), "rejected")
    _version(s, tiny_base, root, "hal", 72, [H0], Residual([rejected]), passed=False)  # hal's only version was rejected
    server.settings_ = s
    server.start()
    yield server
    server.stop()


def _ask(srv, tenant="gil"):
    c = openai.OpenAI(base_url=srv.url + "/v1", api_key="unused", max_retries=0, timeout=120)
    raw = c.chat.completions.with_raw_response.create(model=tenant, messages=[{"role": "user", "content": PROMPT}],
                                                      max_tokens=N, temperature=0)
    return raw.headers, raw.parse()


def _until(srv, ok, seconds: float = 20.0, tenant="gil"):
    """Ask until `ok(headers, answer)` holds (the server's poll sees a written profile within a few tenths of a second)."""
    deadline = time.monotonic() + seconds
    while True:
        h, r = _ask(srv, tenant)
        if ok(h, r) or time.monotonic() > deadline:
            return h, r
        time.sleep(0.2)


def _write(srv, items: list[Item], tenant="gil") -> None:
    path = profile_path(srv.settings_.state_dir, tenant)
    path.parent.mkdir(parents=True, exist_ok=True)
    Profile(tenant, items).write(path)


def test_items_added_since_the_last_training_are_served_and_superseded_ones_are_not(srv, tiny_base):
    from memlora.registry.store import AdapterRegistry

    tok, msgs = tiny_base.tokenizer, [{"role": "user", "content": PROMPT}]
    h, r = _ask(srv)
    assert (h["x-memlora-adapter"], h["x-memlora-residual-tokens"], h["x-memlora-residual-added"]) == ("1", "0", "0")

    _write(srv, [G0])  # the profile the champion was trained on: nothing is added
    time.sleep(1.0)
    h, r = _ask(srv)
    assert (h["x-memlora-residual-tokens"], h["x-memlora-residual-added"], h["x-memlora-enforced"]) == ("0", "0", "none")

    _write(srv, [G0, G1, G2])  # the nightly distilled a newer profile; its training did not produce a champion
    h, r = _until(srv, lambda h, r: h["x-memlora-residual-added"] != "0")
    ids, n_res = served_ids(tok, msgs, [item_line("fact", "Rex", "", G2.text)])  # the opening is built, not prompted
    assert h["x-memlora-residual-added"] == "2" and h["x-memlora-enforced"] == "opening"
    assert int(h["x-memlora-residual-tokens"]) == n_res > 0
    assert r.choices[0].message.content.startswith("Ahoy!")
    assert r.usage.prompt_tokens == len(ids) + len(tok("Ahoy!", add_special_tokens=False)["input_ids"])
    assert metric(srv, "memlora_residual_added_items_total") >= 2

    _write(srv, [G3, G0])  # the opening changed, the dog was forgotten
    h, r = _until(srv, lambda h, r: r.choices[0].message.content.startswith("Howdy!"))
    assert r.choices[0].message.content.startswith("Howdy!") and "Ahoy" not in r.choices[0].message.content
    assert (h["x-memlora-residual-added"], h["x-memlora-residual-tokens"]) == ("1", "0")  # no Rex line any more

    report = AdapterRegistry(srv.settings_).forget("gil")
    assert not profile_path(srv.settings_.state_dir, "gil").exists() and report.local
    # gone from the registry: no tier keeps it (which code depends on whether the server saw the tombstone first)
    with pytest.raises(openai.NotFoundError, match="model_not_found|tenant_forgotten"):
        _until(srv, lambda h, r: False, seconds=10.0)


def test_a_newer_profile_supersedes_a_rejected_versions_item(srv):
    h, r = _ask(srv, "hal")
    assert r.choices[0].message.content.startswith("Ahoy!") and h["x-memlora-adapter"] == "none"
    _write(srv, [H0], "hal")  # the profile the rejected version was trained on: served as it was
    time.sleep(1.0)
    h, r = _ask(srv, "hal")
    assert r.choices[0].message.content.startswith("Ahoy!") and h["x-memlora-residual-added"] == "0"
    _write(srv, [_item("h1", "opening", "Howdy!")], "hal")  # the opening changed after that night
    h, r = _until(srv, lambda h, r: r.choices[0].message.content.startswith("Howdy!"), tenant="hal")
    assert r.choices[0].message.content.startswith("Howdy!") and "Ahoy" not in r.choices[0].message.content
    assert (h["x-memlora-adapter"], h["x-memlora-residual-added"], h["x-memlora-enforced"]) == ("none", "1", "opening")


def _res(id_: str, reason: str, line: str = "") -> ResidualItem:
    return ResidualItem(id_, "fact", id_, line or f"line {id_}", reason)


def test_the_served_residual_follows_the_newest_profile_less_what_the_weights_carry():
    served = Residual([_res("a", "not_carried", "the version's own line"), _res("old", "not_learnable")], ["c"])
    profile = CurrentProfile("h2", (_res("c", ADDED), _res("a", ADDED), _res("new", ADDED)))
    got = with_current(served, {"c"}, "h1", profile)
    want = [("a", "not_carried", "the version's own line"), ("new", ADDED, "line new")]  # c carried, old dropped
    assert [(i.id, i.reason, i.line) for i in got.items] == want
    assert with_current(served, {"c"}, "h2", profile) is served  # trained on this very profile: unchanged
    assert with_current(served, {"c"}, "h1", None) is served  # no profile file: unchanged
    assert with_current(served, {"c"}, "h1", CurrentProfile("h3", ())).items == []  # every item forgotten since
