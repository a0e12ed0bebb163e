"""The fleet's two pure pieces, without Ray: forget state read back from the real audit log, and one metrics
snapshot for the whole fleet that `metrics.render` turns into the same series one server exports."""
from __future__ import annotations

from memlora import audit
from memlora.serving.availability import Availability
from memlora.serving.fleet.forgotten import forgotten_among, record_started, refuse_forgotten
from memlora.serving.fleet.stats import merge_stats
from memlora.serving.metrics import HttpMetrics, render


def test_a_restarting_replica_refuses_tenants_whose_last_admin_action_was_a_forget(settings):
    record_started(settings, "ann")  # a forget broadcast that may not have finished still counts
    audit.record(settings, "forget", "bob", "key:x", "ok", actor="http")
    audit.record(settings, "reload", "bob", "key:x", "ok", actor="http")  # reloaded after: served again
    audit.record(settings, "forget", "cy", "cli:me", "ok")  # `memlora registry forget`: the registry says it
    audit.record(settings, "forget", "dee", "key:x", "400 invalid_request_error", actor="http")  # refused forget
    audit.record(settings, "reload", "eve", "key:x", "ok", actor="http")
    audit.record(settings, "forget", "eve", "key:x", "503 broadcast_incomplete", actor="http")
    record_started(settings, "eve")
    assert forgotten_among(settings, ["ann", "bob", "cy", "dee", "eve", "fay"]) == {"ann", "eve"}
    assert all("ann" not in line for line in audit.log_path(settings).read_text().splitlines())  # ids stay hashed


def test_fleet_metrics_add_counts_union_adapters_and_keep_the_worst_latency():
    a = {"api": {"requests_finished": 3, "running_adapters": ["ann"], "waiting": 1, "finish_reasons": {"stop": 3}},
         "engine": {"disk_loads": 2, "slot_hits": 5, "slots_total": 8, "load_ms_median": 4.0, "kv_cache_usage": 0.25}}
    b = {"api": {"requests_finished": 4, "running_adapters": ["bob", "ann"], "waiting": 0, "finish_reasons": {"stop": 2, "length": 2}},
         "engine": {"disk_loads": 1, "slot_hits": 7, "slots_total": 8, "load_ms_median": 9.0, "kv_cache_usage": 0.5}}
    m = merge_stats([a, b])
    assert m["api"]["requests_finished"] == 7 and m["api"]["running_adapters"] == ["ann", "bob"]
    assert m["api"]["finish_reasons"] == {"stop": 5, "length": 2}
    assert (m["engine"]["disk_loads"], m["engine"]["slot_hits"], m["engine"]["slots_total"]) == (3, 12, 16)
    assert (m["engine"]["load_ms_median"], m["engine"]["kv_cache_usage"]) == (9.0, 0.5)
    text = render(HttpMetrics(), m).decode()
    assert 'running_lora_adapters="ann,bob"' in text and 'max_lora="16"' in text
    assert "memlora_adapter_disk_loads_total 3.0" in text


def test_a_restarting_replica_marks_only_forgotten_tenants_unavailable(settings):
    """What a (re)started replica's worker gets before its first request: the same `Availability` mark a forget
    over HTTP leaves, and no mark for a tenant that was reloaded since."""
    audit.record(settings, "forget", "ann", "key:x", "ok", actor="http")
    audit.record(settings, "forget", "bob", "key:x", "ok", actor="http")
    audit.record(settings, "reload", "bob", "key:x", "ok", actor="http")
    availability = Availability()
    assert refuse_forgotten(settings, availability, {"ann", "bob", "cy"}) == {"ann"}
    assert availability.forgotten("ann") and not availability.forgotten("bob") and not availability.forgotten("cy")
    assert availability.n_forgotten() == 1
