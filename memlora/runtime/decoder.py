"""A lean decode path for Llama-family models: the teacher's inner loop without the framework around it.

Why by hand: on 2 CPU cores a decode step of the 135M model is ~30 small matmuls per layer call chain, and
transformers' generic forward (cache objects, mask builders, per-module hooks, q/k/v and gate/up as separate
GEMMs, a DynamicCache that grows by concatenation and is re-indexed whenever a row finishes) costs as much as
the arithmetic. Here each layer is two fused GEMMs (q|k|v, gate|up) plus two more, the KV cache is
preallocated once per batch, finished rows leave by swap-remove (one row copied, the live rows stay a
prefix of the cache, so the next step slices a view) and the prompt prefix that rows share (the tenant's
system prompt: every conditional row of a tenant has the same one) is computed once and copied, not
recomputed per row. RoPE comes from the model's own rotary module and attention is torch's SDPA, so the
numbers match the model's forward to float rounding (tests compare logits and greedy tokens with it).

Supported: `LlamaForCausalLM`-shaped models (SmolLM2, Llama, and PEFT-wrapped ones, whose active LoRA deltas
are merged into the fused weights); anything else falls back to the transformers path in generate.py.
A model whose linears carry LoRA slots (`lora_slots.attach_slots`) decodes rows of several adapters in one
batch: the fused base GEMMs are shared and each row adds its own slot's delta by a gathered `bmm` (the slot
layer's own arithmetic), so k tenants' answers cost one batch instead of k.
"""
from __future__ import annotations

import functools

import torch
import torch.nn.functional as F


@functools.cache
def _onednn_linear(dtype: torch.dtype = torch.float32):
    """oneDNN's GEMM where this torch and CPU have it for `dtype`: on the AMD EPYC CPUs here it runs the decoder's
    weight shapes ~30% faster than `F.linear` (MKL) in fp32, measured over 30 layers of distinct weights at 64
    rows. It is the op torch.compile's CPU backend emits; checked against `F.linear` once per dtype, else
    F.linear is used (a CPU without avx512_bf16 has no bf16 kernel for it: the op raises)."""
    op = getattr(getattr(torch.ops, "mkldnn", None), "_linear_pointwise", None)
    if op is None:
        return F.linear
    try:
        x, w = torch.randn(3, 8, dtype=dtype), torch.randn(5, 8, dtype=dtype)
        tol = 1e-4 if dtype == torch.float32 else 5e-2
        if not torch.allclose(op(x, w, None, "none", [], "").float(), F.linear(x, w).float(), atol=tol, rtol=tol):
            return F.linear
    except Exception:  # noqa: BLE001 - any failure means this build or CPU lacks it
        return F.linear
    return lambda x, w: op(x, w, None, "none", [], "")


def _linear(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    return _onednn_linear(x.dtype)(x, w)


def _weight(mod) -> torch.Tensor:
    """A linear layer's effective weight: PEFT's LoRA deltas of the active adapters added, unless disabled."""
    base = getattr(mod, "base_layer", None)
    if base is None:
        return mod.weight
    w = base.weight
    if getattr(mod, "disable_adapters", False) or getattr(mod, "merged", False):
        return w
    for name in mod.active_adapters:
        if name in getattr(mod, "lora_A", {}):
            w = w + mod.get_delta_weight(name)
    return w


_DTYPES = (torch.float32, torch.bfloat16)


def _causal_lm(model):
    """The LlamaForCausalLM inside a PeftModel, or the model itself."""
    get = getattr(model, "get_base_model", None)
    return get() if callable(get) else model


def supported(model) -> bool:
    lm = _causal_lm(model)
    cfg = getattr(lm, "config", None)
    if cfg is None or getattr(cfg, "model_type", None) != "llama":
        return False
    if getattr(cfg, "attention_bias", False) or getattr(cfg, "mlp_bias", False):
        return False
    if getattr(cfg, "hidden_act", "silu") != "silu" or getattr(cfg, "pretraining_tp", 1) != 1:
        return False
    if not isinstance(getattr(getattr(lm, "model", None), "embed_tokens", None), torch.nn.Embedding):
        return False  # e.g. a LoRA on the embedding, which the fused weights would silently drop
    for mod in lm.modules():
        if type(mod).__name__ == "ModulesToSaveWrapper" or any(dict(getattr(mod, "use_dora", {}) or {}).values()):
            return False  # weights a plain merged delta does not express
    p = next(lm.parameters())
    return p.dtype in _DTYPES and p.device.type == "cpu" and hasattr(lm, "model") and hasattr(lm.model, "rotary_emb")


def mergeable(model) -> bool:
    """Whether `LeanLlama` may fold the active PEFT adapter into the fused weights. In bf16 it may not: a LoRA
    delta entry is far below half a bf16 ulp of the weight it is added to (ulp ~2e-4 at |w| 0.05, deltas ~1e-4),
    so the merged weight would round most of the adapter away. PEFT itself keeps the product separate and in
    fp32; such a model decodes on the transformers path. Slot layers (serving, the group gate) keep theirs apart."""
    lm = _causal_lm(model)
    if next(lm.parameters()).dtype == torch.float32:
        return True
    return not any(_active_lora(m) for m in lm.modules())


def _active_lora(mod) -> bool:
    if getattr(mod, "base_layer", None) is None or getattr(mod, "disable_adapters", False) or getattr(mod, "merged", False):
        return False
    return any(name in getattr(mod, "lora_A", {}) for name in mod.active_adapters)


def _slot_delta(mods) -> tuple[torch.Tensor, torch.Tensor] | None:
    """Per slot, the LoRA of a fused group of linears as one A [S+1, R, in] (the ranks stacked) and one
    block-diagonal B [S+1, sum of outs, R], so a fused GEMM's delta is two `bmm`s; None without slot layers.
    Zero blocks add exact zeros, so a module without slots (or a slot without that module) changes nothing."""
    slotted = [m for m in mods if isinstance(getattr(m, "lora_A", None), torch.Tensor)]
    if not slotted:
        return None
    n_slots, ref = slotted[0].lora_A.shape[0], slotted[0].lora_A
    outs = [m.weight.shape[0] for m in mods]
    ranks = [m.lora_A.shape[1] if m in slotted else 0 for m in mods]
    a = torch.zeros(n_slots, sum(ranks), mods[0].weight.shape[1], dtype=ref.dtype)
    b = torch.zeros(n_slots, sum(outs), sum(ranks), dtype=ref.dtype)
    o = r = 0
    for m, out, rank in zip(mods, outs, ranks):
        if rank:
            a[:, r:r + rank] = m.lora_A
            b[:, o:o + out, r:r + rank] = m.lora_B
        o, r = o + out, r + rank
    return a, b


def _add_delta(y: torch.Tensor, x: torch.Tensor, delta, slots: torch.Tensor | None) -> torch.Tensor:
    """y + each row's slot delta of x (rows [n, T, in]); unchanged without slots."""
    if delta is None or slots is None:
        return y
    a = delta[0].index_select(0, slots).transpose(1, 2)
    b = delta[1].index_select(0, slots).transpose(1, 2)
    return y.baddbmm(torch.bmm(x, a), b)


class _Layer:
    __slots__ = ("ln1", "qkv", "o", "ln2", "gu", "down", "d_qkv", "d_o", "d_gu", "d_down")

    def __init__(self, layer):
        a, m = layer.self_attn, layer.mlp
        self.ln1 = layer.input_layernorm.weight
        self.qkv = torch.cat([_weight(a.q_proj), _weight(a.k_proj), _weight(a.v_proj)]).contiguous()
        self.o = _weight(a.o_proj).contiguous()
        self.ln2 = layer.post_attention_layernorm.weight
        self.gu = torch.cat([_weight(m.gate_proj), _weight(m.up_proj)]).contiguous()
        self.down = _weight(m.down_proj).contiguous()
        self.d_qkv, self.d_o = _slot_delta([a.q_proj, a.k_proj, a.v_proj]), _slot_delta([a.o_proj])
        self.d_gu, self.d_down = _slot_delta([m.gate_proj, m.up_proj]), _slot_delta([m.down_proj])


class LeanLlama:
    """Fused weights of one model state (adapter merged or not), built per generate call (~0.2 s for 135M)."""

    @torch.no_grad()
    def __init__(self, model):
        lm = _causal_lm(model)
        cfg = lm.config
        self.n_heads = cfg.num_attention_heads
        self.n_kv = cfg.num_key_value_heads
        self.head_dim = getattr(cfg, "head_dim", None) or cfg.hidden_size // cfg.num_attention_heads
        self.eps = cfg.rms_norm_eps
        self.embed = lm.model.embed_tokens.weight
        self.norm = lm.model.norm.weight
        self.lm_head = _weight(lm.lm_head)
        self.rotary = lm.model.rotary_emb
        self.layers = [_Layer(layer) for layer in lm.model.layers]
        self.kv_bytes_per_token = 2 * len(self.layers) * self.n_kv * self.head_dim * self.embed.element_size()

    def _rms(self, x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
        """In float32 and back, as LlamaRMSNorm computes it (a bf16 mean of squares over 576 features drifts)."""
        h = x.float()
        return w * (h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + self.eps)).to(x.dtype)

    @staticmethod
    def _rope(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
        h = x.shape[-1] // 2
        return x * cos + torch.cat((-x[..., h:], x[..., :h]), dim=-1) * sin

    @torch.no_grad()
    def forward(self, ids: torch.Tensor, pos: torch.Tensor, cache: "KVCache", col: int, mask: torch.Tensor,
                slots: torch.Tensor | None = None) -> torch.Tensor:
        """Hidden states [n, T, hidden] after the final norm; k/v written to cache rows [:n], columns [col, col+T).
        `slots`: each row's LoRA slot (0 = none) when the model carries slot layers."""
        n, t = ids.shape
        hd, nh, nk = self.head_dim, self.n_heads, self.n_kv
        x = F.embedding(ids, self.embed)
        cos, sin = self.rotary(x, pos)
        cos, sin = cos.unsqueeze(1), sin.unsqueeze(1)
        end = col + t
        for li, L in enumerate(self.layers):
            h = self._rms(x, L.ln1)
            qkv = _add_delta(_linear(h, L.qkv), h, L.d_qkv, slots).view(n, t, nh + 2 * nk, hd).transpose(1, 2)
            q = self._rope(qkv[:, :nh], cos, sin)
            kc, vc = cache.k[li], cache.v[li]
            kc[:n, :, col:end] = self._rope(qkv[:, nh:nh + nk], cos, sin)
            vc[:n, :, col:end] = qkv[:, nh + nk:]
            att = self._attend(q, kc[:n, :, :end], vc[:n, :, :end], mask)
            att = att.transpose(1, 2).reshape(n, t, nh * hd)
            x = x + _add_delta(_linear(att, L.o), att, L.d_o, slots)
            h = self._rms(x, L.ln2)
            g, u = _add_delta(_linear(h, L.gu), h, L.d_gu, slots).chunk(2, dim=-1)
            act = F.silu(g) * u
            x = x + _add_delta(_linear(act, L.down), act, L.d_down, slots)
        return self._rms(x, self.norm)

    def _attend(self, q, k, v, mask):
        """SDPA for prefill; for one query row two batched matmuls over the kv groups, ~25% faster on CPU."""
        n, nh, t, hd = q.shape
        if t > 1:
            return F.scaled_dot_product_attention(q, k, v, attn_mask=mask, enable_gqa=nh != self.n_kv)
        g = nh // self.n_kv
        s = torch.matmul(q.view(n, self.n_kv, g, hd), k.transpose(-1, -2)) * hd ** -0.5
        s = s.masked_fill(~mask, float("-inf")).softmax(-1, dtype=torch.float32).to(v.dtype)
        return torch.matmul(s, v).view(n, nh, 1, hd)

    def logits(self, hidden: torch.Tensor) -> torch.Tensor:
        """float32 whatever the weights' dtype, as the transformers stepper returns them: the sampler's softmax,
        top-p cumulative sums and guidance arithmetic are not done in bf16."""
        return _linear(hidden, self.lm_head).float()


class KVCache:
    """Preallocated keys/values [rows, kv_heads, columns, head_dim] per layer, plus which columns each row may see."""

    def __init__(self, lean: LeanLlama, rows: int, cols: int):
        shape = (rows, lean.n_kv, cols, lean.head_dim)
        # Zeros, not empty: a masked column still meets a zero weight in att @ V, and 0 * NaN is NaN.
        dt = lean.embed.dtype
        self.k = [torch.zeros(shape, dtype=dt) for _ in lean.layers]
        self.v = [torch.zeros(shape, dtype=dt) for _ in lean.layers]
        self.valid = torch.zeros((rows, cols), dtype=torch.bool)

    def move_row(self, src: int, dst: int, upto: int) -> None:
        for t in self.k + self.v:
            t[dst, :, :upto] = t[src, :, :upto]
        self.valid[dst] = self.valid[src]


def _common_prefix(seqs: list[list[int]]) -> int:
    first = seqs[0]
    n = min(len(s) for s in seqs) - 1  # every row keeps at least its last token, whose logits are needed
    for i in range(max(n, 0)):
        t = first[i]
        if any(s[i] != t for s in seqs):
            return i
    return max(n, 0)


class LeanStepper:
    """Prefill and decode steps over rows of one batch; rows are grouped by a shared prompt prefix."""

    def __init__(self, lean: LeanLlama, rows: list[list[int]], groups: list[list[int]], max_new: int,
                 slots: list[int] | None = None):
        """`slots`: each row's LoRA slot on a slotted model (a group's rows must share one: its prefix is computed
        once, under that slot's adapter)."""
        self.lean = lean
        self.slots = torch.tensor(slots, dtype=torch.long) if slots is not None else None
        plen: dict[int, int] = {}
        for g in groups:
            p = _common_prefix([rows[r] for r in g]) if len(g) > 1 else 0
            plen.update((r, p) for r in g)
        p_max = max(plen.values())
        s_max = max(len(rows[r]) - plen[r] for r in range(len(rows)))
        self.n = len(rows)
        self.cache = KVCache(lean, self.n, p_max + s_max + max_new)
        self.col = p_max + s_max
        # Shared prefixes: computed once per group on a one-row cache, copied right-aligned below column p_max.
        for g in groups:
            p = plen[g[0]]
            if p == 0:
                continue
            one = KVCache(lean, 1, p)
            ids = torch.tensor([rows[g[0]][:p]])
            pos = torch.arange(p).unsqueeze(0)
            causal = torch.ones((p, p), dtype=torch.bool).tril()
            lean.forward(ids, pos, one, 0, causal, None if self.slots is None else self.slots[g[:1]])
            idx = torch.tensor(g)
            for li in range(len(lean.layers)):
                self.cache.k[li][idx, :, p_max - p:p_max] = one.k[li][0]
                self.cache.v[li][idx, :, p_max - p:p_max] = one.v[li][0]
            self.cache.valid[idx, p_max - p:p_max] = True
        # Suffixes: right-padded at columns [p_max, p_max + s_max), causal among themselves.
        ids = torch.zeros((self.n, s_max), dtype=torch.long)
        pos = torch.zeros((self.n, s_max), dtype=torch.long)
        last = []
        for r, seq in enumerate(rows):
            suf = seq[plen[r]:]
            ids[r, :len(suf)] = torch.tensor(suf)
            pos[r] = torch.arange(plen[r], plen[r] + s_max)
            self.cache.valid[r, p_max:p_max + len(suf)] = True
            last.append(len(suf) - 1)
        vis = self.cache.valid[:, :p_max + s_max].clone()
        causal = torch.ones((s_max, s_max), dtype=torch.bool).tril()
        mask = vis[:, None, None, :].expand(self.n, 1, s_max, p_max + s_max).clone()
        mask[:, 0, :, p_max:] &= causal
        # A padding query sees at least its own column, so no softmax row is empty.
        mask[:, 0, torch.arange(s_max), p_max + torch.arange(s_max)] = True
        hid = lean.forward(ids, pos, self.cache, p_max, mask, self.slots)
        self.first_hidden = hid[torch.arange(self.n), torch.tensor(last)]
        self.next_pos = torch.tensor([len(s) for s in rows])
        self._prompt = None

    @property
    def can_rewind(self) -> bool:
        return self._prompt is not None

    def rewind(self) -> None:
        """Back to the state right after the prompts, for another round of answers to the same batch: the
        prompts' keys and values are copied back, not recomputed (a prefill of the teacher's rows costs about
        as much as decoding their answers). The first call saves them; decoding overwrites them by swap-remove."""
        if self._prompt is None:
            raise RuntimeError("rewind() before remember()")
        k, v, valid, pos, slots, col = self._prompt
        for dst, src in zip(self.cache.k + self.cache.v, k + v):
            dst[:, :, :col] = src
        self.cache.valid.zero_()
        self.cache.valid[:, :col] = valid
        self.next_pos, self.col = pos.clone(), col
        self.slots = None if slots is None else slots.clone()

    def remember(self) -> None:
        """Save the prompts' cache columns so `rewind` can restore them."""
        c = self.col
        self._prompt = ([t[:, :, :c].clone() for t in self.cache.k], [t[:, :, :c].clone() for t in self.cache.v],
                        self.cache.valid[:, :c].clone(), self.next_pos.clone(),
                        None if self.slots is None else self.slots.clone(), c)

    def prefill_logits(self) -> torch.Tensor:
        return self.lean.logits(self.first_hidden)

    def step(self, toks: list[int]) -> torch.Tensor:
        n = len(toks)
        c = self.col
        self.cache.valid[:n, c] = True
        mask = self.cache.valid[:n, None, None, :c + 1]
        slots = None if self.slots is None else self.slots[:n]
        hid = self.lean.forward(torch.tensor(toks).unsqueeze(-1), self.next_pos[:n].unsqueeze(-1), self.cache, c, mask, slots)
        self.next_pos[:n] += 1
        self.col += 1
        return self.lean.logits(hid[:, -1])

    def keep(self, rows: list[int], n: int) -> list[int]:
        """Keep these of the first n rows; returns the new row order (swap-remove: live rows stay a prefix)."""
        keep = set(rows)
        order = list(range(n))
        m = len(rows)
        holes = [r for r in range(m) if r not in keep]
        tail = [r for r in range(m, n) if r in keep]
        for h, src in zip(holes, tail):
            self.cache.move_row(src, h, self.col)
            self.next_pos[h] = self.next_pos[src]
            if self.slots is not None:
                self.slots[h] = self.slots[src]
            order[h] = src
        return order[:m]
