"""Property tests (hypothesis) of the chat request model at the HTTP boundary.

Whatever bytes arrive, `parse_chat_request` either returns a request whose every field has its exact
type and lies within its bounds (so nothing odd reaches the engine's batched step), or raises one
400 ApiError that names the offending parameter in one line. Never any other exception.
"""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from memlora.serving.protocol import SEED_MAX, ApiError, ChatRequest, parse_chat_request, parse_completion_request, parse_tenant_body

LIMIT = 64
MSG = [{"role": "user", "content": "hi"}]
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_leaf = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
                      st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20))
json_value = st.recursive(json_leaf, lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4),
                          max_leaves=12)
FIELDS = ("max_tokens", "max_completion_tokens", "temperature", "top_p", "seed", "stream", "n", "stop", "stream_options", "model",
          "top_k", "frequency_penalty", "presence_penalty", "repetition_penalty", "min_tokens", "logit_bias")


def _body(**fields) -> bytes:
    return json.dumps({"model": "alice", "messages": MSG, **fields}).encode()


def _check_ok(req: ChatRequest) -> None:
    """Every field of an accepted request has its exact type and is in bounds."""
    assert type(req.stream) is bool and req.n == 1 and type(req.n) is int
    assert 0.0 <= req.temperature <= 2.0 and 0.0 < req.top_p <= 1.0
    assert req.seed is None or (type(req.seed) is int and 0 <= req.seed <= SEED_MAX)
    for v in (req.max_tokens, req.max_completion_tokens):
        assert v is None or (type(v) is int and 1 <= v <= LIMIT)
    assert isinstance(req.model, str) and 1 <= len(req.model) <= 400
    assert all(isinstance(s, str) and s for s in req.stop_list()) and len(req.stop_list()) <= 4
    assert type(req.top_k) is int and req.top_k >= -1
    assert -2 <= req.frequency_penalty <= 2 and -2 <= req.presence_penalty <= 2 and 0 < req.repetition_penalty <= 10


def _check_refused(e: ApiError, field: str | None = None) -> None:
    assert e.status == 400 and "\n" not in e.message and e.message
    if field is not None:
        assert e.param is not None and e.param.split(".")[0] == field, (field, e.param, e.message)
        assert field in e.message


@FAST
@given(field=st.sampled_from(FIELDS), value=json_value)
def test_any_value_in_any_field_is_accepted_in_bounds_or_refused_by_name(field, value):
    try:
        req = parse_chat_request(_body(**{field: value}), LIMIT)
    except ApiError as e:
        if field in ("max_tokens", "max_completion_tokens") and e.param == "max_tokens":
            return  # over the server's limit: named as max_tokens, like OpenAI
        _check_refused(e, field)
        return
    _check_ok(req)


@FAST
@given(field=st.sampled_from(FIELDS[2:] + ("prompt", "echo", "best_of")), value=json_value)
def test_completion_requests_are_accepted_in_bounds_or_refused_by_name(field, value):
    body = json.dumps({"model": "alice", "prompt": "hi", field: value}).encode()
    try:
        req = parse_completion_request(body, LIMIT)
    except ApiError as e:
        if field == "max_tokens" and e.param == "max_tokens":
            return
        _check_refused(e, field)
        return
    assert isinstance(req.prompt, str) and req.prompt and type(req.max_tokens) is int and 1 <= req.max_tokens <= LIMIT
    assert req.echo is False and req.best_of == 1 and 0 < req.top_p <= 1 and -2 <= req.presence_penalty <= 2


@FAST
@given(field=st.sampled_from(["max_tokens", "max_completion_tokens", "seed", "n"]),
       value=st.one_of(st.booleans(), st.text(max_size=5), st.floats(allow_nan=False)))
def test_integers_are_never_coerced_from_bools_strings_or_floats(field, value):
    with pytest.raises(ApiError) as e:
        parse_chat_request(_body(**{field: value}), LIMIT)
    _check_refused(e.value, field)


@FAST
@given(value=st.one_of(st.integers(), st.text(max_size=5), st.floats(allow_nan=False), st.none()))
def test_stream_is_a_real_boolean(value):
    with pytest.raises(ApiError) as e:
        parse_chat_request(_body(stream=value), LIMIT)
    _check_refused(e.value, "stream")


@FAST
@given(seed=st.one_of(st.integers(max_value=-1), st.integers(min_value=SEED_MAX + 1)))
def test_seed_outside_64_bit_signed_range_is_refused(seed):
    with pytest.raises(ApiError) as e:
        parse_chat_request(_body(seed=seed, temperature=1), LIMIT)
    _check_refused(e.value, "seed")


@FAST
@given(seed=st.integers(0, SEED_MAX), temperature=st.floats(0, 2), top_p=st.floats(0, 1, exclude_min=True),
       max_tokens=st.integers(1, LIMIT), stream=st.booleans(),
       stop=st.one_of(st.none(), st.text(min_size=1, max_size=8), st.lists(st.text(min_size=1, max_size=8), max_size=4)))
def test_valid_requests_are_accepted_unchanged(seed, temperature, top_p, max_tokens, stream, stop):
    req = parse_chat_request(_body(seed=seed, temperature=temperature, top_p=top_p, max_tokens=max_tokens, stream=stream, stop=stop), LIMIT)
    _check_ok(req)
    assert (req.seed, req.temperature, req.top_p, req.max_tokens, req.stream) == (seed, temperature, top_p, max_tokens, stream)


@FAST
@given(raw=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode), json_value.map(lambda v: json.dumps(v).encode())))
def test_arbitrary_bytes_never_raise_anything_but_a_400(raw):
    try:
        _check_ok(parse_chat_request(raw, LIMIT))
    except ApiError as e:
        _check_refused(e)
    try:
        assert isinstance(parse_tenant_body(raw), str)
    except ApiError as e:
        _check_refused(e)


@pytest.mark.parametrize("depth", [1000, 100_000])
@pytest.mark.parametrize("opener", ["[", "{\"a\":"])
def test_deeply_nested_json_is_one_line_400(depth, opener):
    for parse in (lambda raw: parse_chat_request(raw, LIMIT), parse_tenant_body):
        with pytest.raises(ApiError) as e:
            parse((opener * depth).encode())
        _check_refused(e.value)
        nested = b'{"model": "a", "messages": ' + b"[" * depth + b"]" * depth + b"}"
        with pytest.raises(ApiError) as e:
            parse(nested)
        _check_refused(e.value)


def test_server_errors_never_carry_absolute_paths():
    e = ApiError(500, "adapter for tenant 'x' at /srv/home/cache/ab12/v1: adapter_model.safetensors is corrupt", type="server_error")
    msg = e.body()["error"]["message"]
    assert "/srv" not in msg and "adapter_model.safetensors is corrupt" in msg and "'x'" in msg
    assert ApiError(400, "bad /x/y").body()["error"]["message"] == "bad /x/y"  # client errors quote the client's input
