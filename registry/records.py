"""What the registry hands back: plain dataclasses, so callers never touch MLflow entities."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

CHAMPION = "champion"
PREVIOUS = "previous"
# the newest version when the gate rejected it: its weights never serve, its profile's items do (in the prompt)
REJECTED = "rejected"
PASSED = "passed"
FAILED = "failed"
IMPORTED = "imported"
# a run param carrying a job's registration intent, so a restarted job finds the version it already registered
TOKEN_PARAM = "memlora.job_token"


@dataclass
class VersionInfo:
    tenant: str
    version: int
    run_id: str | None
    champion: bool
    verdict: str
    aliases: list[str] = field(default_factory=list)
    base_fingerprint: str = ""
    profile_hash: str = ""
    created_at: int = 0
    tags: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TrainedKey:
    """What a version was trained from (its tags and run params): a job compares it with tonight's inputs."""

    profile_hash: str
    base_fingerprint: str
    config_hash: str
    examples: int


@dataclass
class ResolvedAdapter:
    tenant: str
    version: int
    path: Path
    base_fingerprint: str
    profile_hash: str
    sha256: dict[str, str] = field(default_factory=dict)


@dataclass
class ForgetReport:
    tenant: str
    registered_model: str | None = None
    versions: list[int] = field(default_factory=list)
    runs: list[str] = field(default_factory=list)
    artifacts: list[str] = field(default_factory=list)
    cache_dirs: list[str] = field(default_factory=list)
    logged_models: list[str] = field(default_factory=list)
    local: list[str] = field(default_factory=list)  # state files removed or rewritten (memlora.tenant_data)
    job_runs: list[str] = field(default_factory=list)  # nightly MLflow runs whose summary was rewritten
    purged: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.registered_model or self.runs or self.cache_dirs or self.local or self.job_runs)
