"""AdapterRegistry: every adapter version of every tenant, in MLflow.

Layout (documented in docs/CONTRACTS.md): one experiment, `settings.registry.experiment`
(default `memlora`), for all tenants and bases, because a platform team compares
tenants side by side and the base is a param/tag, not a silo; one run per
training (nested under the nightly's run, spanning the training); one
registered model per tenant (`names.model_name`); one model version per adapter,
from the run's Logged Model in MLflow's pyfunc format, with tags `tenant`,
`base_fingerprint`, `profile_hash`, `config_hash`, `dataset_hash`, `verdict`,
`sha256` (JSON of the adapter files' hashes). Alias `champion` is what serves,
`previous` the champion before it; a failed version is never champion, and alias `rejected` marks the
newest version when it failed: serving puts its items the champion does not carry in the prompt.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from mlflow.entities import RunStatus
from mlflow.exceptions import MlflowException

from memlora.adapter_dir import MANIFEST, check_base, check_payload, file_hashes, manifest_dict, read_config, verify_hashes
from memlora.errors import MemloraError
from memlora.keys import tenant_key
from memlora.settings import Settings

from . import cache, job_runs, mlflow_io
from .names import model_name, tenant_of
from .forget import forget_tenant
from .records import CHAMPION, FAILED, IMPORTED, PASSED, PREVIOUS, REJECTED, TOKEN_PARAM, ForgetReport, ResolvedAdapter, TrainedKey, VersionInfo
from .runs import describe_version, finished_ms, log_training, run_tags, started_ms, version_tags

TAG_KEYS = ("base_fingerprint", "profile_hash", "config_hash", "dataset_hash")
_REFUSED = "; refusing it"


class AdapterRegistry:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.client = mlflow_io.make_client(settings)
        self._mlflow = mlflow_io.Store(settings, self.client)
        self._experiment_id: str | None = None

    @staticmethod
    def exists(settings: Settings) -> bool:
        """Whether the configured store was ever created (asking a missing embedded store would create it)."""
        return mlflow_io.store_exists(settings)

    # -- helpers ---------------------------------------------------------------------------------
    def _retry(self, fn):
        return self._mlflow.call(fn)

    @property
    def experiment_id(self) -> str:
        if self._experiment_id is None:
            self._experiment_id = mlflow_io.ensure_experiment(self.settings, self.client)
        return self._experiment_id

    def _info(self, tenant: str, mv) -> VersionInfo:
        tags = dict(mv.tags or {})
        aliases = sorted(mv.aliases or [])
        return VersionInfo(
            tenant=tenant, version=int(mv.version), run_id=mv.run_id, champion=CHAMPION in aliases,
            verdict=tags.get("verdict", ""), aliases=aliases, base_fingerprint=tags.get("base_fingerprint", ""),
            profile_hash=tags.get("profile_hash", ""), created_at=int(mv.creation_timestamp or 0), tags=tags,
        )

    def _get_version(self, tenant: str, version: int | str):
        try:
            return self._retry(lambda: self.client.get_model_version(model_name(self.settings, tenant), str(int(version))))
        except MlflowException as e:
            if mlflow_io.not_found(e):
                raise MemloraError(f"tenant {tenant!r} has no version {version} in the registry") from None
            raise

    def _alias(self, tenant: str, alias: str):
        try:
            return self._retry(lambda: self.client.get_model_version_by_alias(model_name(self.settings, tenant), alias))
        except MlflowException as e:
            if mlflow_io.not_found(e):
                return None
            raise

    def _ensure_model(self, tenant: str) -> str:
        name = model_name(self.settings, tenant)

        def create():
            try:
                self.client.create_registered_model(
                    name, tags={"tenant": tenant},  # one chip in the models list: the id readable, the key in the text
                    description=f"memlora LoRA adapters of tenant **`{tenant}`** (tenant key `{tenant_key(tenant)}`); "
                                "alias `champion` is what serves, `previous` the one before it.",
                )
            except MlflowException as e:
                if e.error_code != "RESOURCE_ALREADY_EXISTS" and "already exists" not in str(e).lower():
                    raise

        self._retry(create)
        return name

    # -- write -----------------------------------------------------------------------------------
    def register(
        self, tenant: str, adapter_dir: Path, profile_path: Path | None = None, eval_report: Any = None,
        passed: bool = True, params: dict | None = None, metrics: dict | None = None, loss_curve: Any = None,
        imported: bool = False, parent_run_id: str | None = None,
    ) -> VersionInfo:
        """Log a run, register a version, and make it champion if it passed (the old champion becomes `previous`).

        `imported=True` (an adapter made elsewhere, no gate run) records verdict `imported`: never champion on its own,
        `promote` may make it one. `parent_run_id` nests the run under a job's run (the nightly's) in the UI.
        """
        adapter_dir = Path(adapter_dir)
        what = f"tenant {tenant!r}"
        check_payload(adapter_dir, what)
        manifest = manifest_dict(adapter_dir, what)
        if manifest["tenant"] != tenant:
            raise MemloraError(f"{what}: {adapter_dir / MANIFEST} belongs to tenant {manifest['tenant']!r}")
        hashes = file_hashes(adapter_dir)
        recorded = {f: sha for f, sha in (manifest.get("files") or {}).items() if f in hashes}
        verify_hashes(adapter_dir, recorded, what, f"its sha256 in {MANIFEST}", actual=hashes)
        read_config(adapter_dir, what)
        if eval_report is not None and getattr(eval_report, "passed", None) is False:
            passed = False
        if isinstance(eval_report, dict) and eval_report.get("passed") is False:
            passed = False
        verdict = FAILED if not passed else IMPORTED if imported else PASSED
        key = tenant_key(tenant)
        exp_id = self.experiment_id
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
        tags = {t.key: t.value for t in run_tags(tenant, key, manifest, verdict)}
        if parent_run_id:
            tags["mlflow.parentRunId"] = parent_run_id
        run = self._retry(lambda: self.client.create_run(exp_id, run_name=f"{key}-{stamp}", start_time=started_ms(manifest), tags=tags))
        run_id = run.info.run_id
        try:
            model_id = self._retry(lambda: log_training(
                self.client, run_id, adapter_dir, manifest, profile_path=profile_path, eval_report=eval_report,
                params=params, metrics=metrics, loss_curve=loss_curve, tracking_uri=self.settings.tracking_uri))
            self._retry(lambda: self.client.set_terminated(run_id, RunStatus.to_string(RunStatus.FINISHED), finished_ms(manifest)))
        except BaseException:
            self._retry(lambda: self.client.set_terminated(run_id, RunStatus.to_string(RunStatus.FAILED)))
            raise
        name = self._ensure_model(tenant)
        tags = {"tenant": tenant, "verdict": verdict, "sha256": json.dumps(hashes, sort_keys=True)}
        tags.update({k: str(manifest.get(k) or "") for k in TAG_KEYS})
        tags.update(version_tags(manifest, eval_report, metrics))
        text = describe_version(tenant, verdict, stamp, manifest, profile_path, eval_report, metrics)
        mv = self._retry(lambda: self._create_version(name, model_id, run_id, tags, text))
        if verdict == PASSED:
            self._set_champion(tenant, int(mv.version))
        elif verdict == FAILED:
            self._retry(lambda: self.client.set_registered_model_alias(name, REJECTED, str(mv.version)))
        return self._info(tenant, self._get_version(tenant, mv.version))

    def _create_version(self, name: str, model_id: str, run_id: str, tags: dict, description: str):
        """A version whose source is `models:/<logged model id>`, so the UI links it to the Logged Model. MLflow's
        SQL registry looks that model up through the *global* tracking URI: it is set to this store for the call."""
        from mlflow.tracking._tracking_service.utils import _use_tracking_uri

        with _use_tracking_uri(self.settings.tracking_uri):
            return self.client.create_model_version(name, source=f"models:/{model_id}", run_id=run_id, tags=tags,
                                                    description=description, await_creation_for=0, model_id=model_id)

    def _set_champion(self, tenant: str, version: int) -> None:
        name = model_name(self.settings, tenant)
        old = self._alias(tenant, CHAMPION)
        if old is not None and int(old.version) != version:
            self._retry(lambda: self.client.set_registered_model_alias(name, PREVIOUS, old.version))
        self._retry(lambda: self.client.set_registered_model_alias(name, CHAMPION, str(version)))
        self._retry(lambda: self.client.set_model_version_tag(name, str(version), "was_champion", "true"))
        rejected = self._alias(tenant, REJECTED)
        if rejected is not None and int(rejected.version) <= version:  # a newer memory now serves from the weights
            self._retry(lambda: self.client.delete_registered_model_alias(name, REJECTED))

    def promote(self, tenant: str, version: int) -> VersionInfo:
        """Make a passed version champion by hand; a failed one is refused (the gate said no)."""
        mv = self._get_version(tenant, version)
        verdict = (mv.tags or {}).get("verdict")
        if verdict not in (PASSED, IMPORTED):
            raise MemloraError(f"tenant {tenant!r} version {version} has verdict {verdict!r} (failed the quality gate); it cannot become champion")
        self._set_champion(tenant, int(version))
        return self._info(tenant, self._get_version(tenant, version))

    def rollback(self, tenant: str) -> VersionInfo:
        """Champion back to `previous`; `previous` moves to the newest older version that was once champion."""
        prev = self._alias(tenant, PREVIOUS)
        if prev is None:
            raise MemloraError(f"tenant {tenant!r} has no previous champion to roll back to")
        name = model_name(self.settings, tenant)
        target = int(prev.version)
        self._retry(lambda: self.client.set_registered_model_alias(name, CHAMPION, str(target)))
        older = [v for v in self.versions(tenant) if v.version < target and v.tags.get("was_champion") == "true"]
        if older:
            self._retry(lambda: self.client.set_registered_model_alias(name, PREVIOUS, str(older[0].version)))
        else:
            self._retry(lambda: self.client.delete_registered_model_alias(name, PREVIOUS))
        return self._info(tenant, self._get_version(tenant, target))

    def forget(self, tenant: str, actor: str | None = None) -> ForgetReport:
        """Everything memlora holds for `tenant`, gone (registry/forget.py); audited under `actor` (default `cli:<user>`)."""
        return forget_tenant(self._mlflow, tenant, actor)

    def log_job_run(self, job_run_id: str, summary: dict, ok: bool, versions: dict[str, int]) -> str:
        """A job's outcome as its own run, the tenants' training runs of `versions` nested under it; its run id."""
        return job_runs.log_job_run(self._mlflow, self.experiment_id, job_run_id, summary, ok, versions)

    # -- read ------------------------------------------------------------------------------------
    def versions(self, tenant: str) -> list[VersionInfo]:
        """Newest first."""
        name = model_name(self.settings, tenant)
        mvs = self._retry(lambda: list(self.client.search_model_versions(f"name = '{name}'")))
        if not mvs:
            return []
        # search results carry no aliases on every backend: take them from the registered model
        by_version: dict[int, list[str]] = {}
        for alias, v in (self._retry(lambda: self.client.get_registered_model(name)).aliases or {}).items():
            by_version.setdefault(int(v), []).append(alias)
        out = []
        for mv in mvs:
            info = self._info(tenant, mv)
            info.aliases = sorted(by_version.get(info.version, []))
            info.champion = CHAMPION in info.aliases
            out.append(info)
        return sorted(out, key=lambda v: -v.version)

    def latest(self, tenant: str) -> VersionInfo | None:
        vs = self.versions(tenant)
        return vs[0] if vs else None

    def latest_key(self, tenant: str) -> TrainedKey | None:
        """What the tenant's latest version was trained from; None without one or without a readable key."""
        v = self.latest(tenant)
        if v is None or not v.run_id:
            return None
        params = self._retry(lambda: self.client.get_run(v.run_id)).data.params
        try:
            examples = int(params.get("examples", -1))
        except ValueError:
            return None
        return TrainedKey(v.tags.get("profile_hash", ""), v.tags.get("base_fingerprint", ""), v.tags.get("config_hash", ""), examples)

    def find_by_token(self, tenant: str, token: str) -> int | None:
        """The version registered with `params[TOKEN_PARAM] == token` (a version tag or its run's param or tag), or None."""
        try:
            mvs = self._retry(lambda: list(self.client.search_model_versions(f"name = '{model_name(self.settings, tenant)}'")))
        except MlflowException as e:
            if mlflow_io.not_found(e):
                return None
            raise
        for mv in mvs:
            if (mv.tags or {}).get(TOKEN_PARAM) == token:
                return int(mv.version)
            if mv.run_id:
                try:
                    run = self._retry(lambda: self.client.get_run(mv.run_id))
                except Exception:  # noqa: BLE001 - a run that cannot be read carries no token to match
                    continue
                if run.data.params.get(TOKEN_PARAM) == token or run.data.tags.get(TOKEN_PARAM) == token:
                    return int(mv.version)
        return None

    def _models(self) -> list:
        prefix = self.settings.registry.model_prefix.replace("'", "''")
        out, token = [], None
        while True:
            page = self._retry(lambda: self.client.search_registered_models(
                filter_string=f"name LIKE '{prefix}%'", max_results=1000, page_token=token))
            out.extend(page)
            token = page.token
            if not token:
                return out

    def tenants(self) -> list[str]:
        return sorted(t for t in (tenant_of(self.settings, m.name) for m in self._models()) if t is not None)

    def champions(self) -> dict[str, int]:
        """{tenant: champion version} for every tenant with one, in one search (what serving polls)."""
        out = {}
        for m in self._models():
            t = tenant_of(self.settings, m.name)
            if t is not None and CHAMPION in (m.aliases or {}):
                out[t] = int(m.aliases[CHAMPION])
        return out

    def catalog(self) -> tuple[dict[str, int], list[str], dict[str, int]]:
        """({tenant: champion version}, every tenant the registry knows, with or without a champion, {tenant: newest
        version, rejected by the gate, newer than any champion}), in one search: serving answers a name it has never
        known with 404, a known tenant without a champion with the base, and puts a rejected version's items that the
        champion does not carry in the prompt (its memory must not wait for weights that carry it)."""
        champs, known, rejected = {}, [], {}
        for m in self._models():
            t = tenant_of(self.settings, m.name)
            if t is None:
                continue
            known.append(t)
            aliases = m.aliases or {}
            if CHAMPION in aliases:
                champs[t] = int(aliases[CHAMPION])
            if REJECTED in aliases and int(aliases[REJECTED]) > champs.get(t, 0):
                rejected[t] = int(aliases[REJECTED])
        return champs, sorted(known), rejected

    def list(self) -> list[dict]:
        rows = []
        for m in self._models():
            t = tenant_of(self.settings, m.name)
            if t is None:
                continue
            vs = self.versions(t)
            champ = next((v for v in vs if v.champion), None)
            prev = next((v for v in vs if PREVIOUS in v.aliases), None)
            rows.append({
                "tenant": t, "model": m.name, "versions": len(vs), "champion": champ.version if champ else None,
                "previous": prev.version if prev else None, "latest": vs[0].version if vs else None,
                "latest_verdict": vs[0].verdict if vs else None,
                "base_fingerprint": (champ or (vs[0] if vs else None)).base_fingerprint if vs else "",
                "updated": int(m.last_updated_timestamp or 0),
            })
        return sorted(rows, key=lambda r: r["tenant"])

    # -- resolve ---------------------------------------------------------------------------------
    def resolve(self, tenant: str, base_fingerprint: str | None = None, version: int | None = None) -> ResolvedAdapter | None:
        """Tenant -> champion (or the given version) -> verified local adapter directory; None without a champion.

        With `version` (from a `champions()` poll) a cached copy is returned without asking MLflow.
        """
        root = self.settings.adapter_cache_dir
        hit = cache.lookup(root, tenant, version) if version is not None else None
        if hit is None:
            mv = self._get_version(tenant, version) if version is not None else self._alias(tenant, CHAMPION)
            if mv is None:
                return None
            tags = dict(mv.tags or {})
            what = f"tenant {tenant!r} version {mv.version}"
            try:
                sha = json.loads(tags.get("sha256") or "{}")
            except json.JSONDecodeError:
                raise MemloraError(f"{what}: unreadable sha256 tag in the registry") from None
            if base_fingerprint:
                check_base(tags.get("base_fingerprint", ""), base_fingerprint, what, "adapter", _REFUSED)
            hit = cache.lookup(root, tenant, int(mv.version), sha)
            if hit is None:
                src = self._storage(mv)

                def download(dst: Path) -> Path:
                    return Path(self._retry(lambda: self._download(src, dst)))

                hit = cache.populate(root, tenant, int(mv.version), sha, tags.get("base_fingerprint", ""),
                                     tags.get("profile_hash", ""), download)
        if base_fingerprint:
            check_base(hit.base_fingerprint, base_fingerprint, f"tenant {tenant!r} version {hit.version}", "adapter", _REFUSED)
        return hit

    def evict(self, tenant: str) -> list[str]:
        """Drop this machine's cached copies of a tenant (a server does so when the tenant leaves `champions()`)."""
        return cache.drop_tenant(self.settings.adapter_cache_dir, tenant)

    def _storage(self, mv) -> str:
        """Where a version's files are: a Logged Model's artifact location, or (older versions) the run's `model` dir."""
        if not str(mv.source).startswith("models:/"):
            return mv.source
        return self._retry(lambda: self.client.get_model_version_download_uri(mv.name, mv.version))

    def _download(self, source: str, dst: Path) -> str:
        import mlflow.artifacts

        uri = self.settings.tracking_uri
        return mlflow.artifacts.download_artifacts(
            artifact_uri=f"{source.rstrip('/')}/artifacts/adapter", dst_path=str(dst), tracking_uri=uri, registry_uri=uri)
