"""A BERT encoder in numpy: token ids in, one vector per token out, after every layer.

What :mod:`explorer.model.sentences` runs: the embeddings (word + position +
token type, layer-normalised), then ``layers`` times self-attention and a
feed-forward block, each followed by a residual sum and a layer norm, in
float32, for a padded batch with its attention mask. The weights are the
tensors of a Hugging Face ``BertModel`` by their usual names; they are
checked against ``config.json`` before anything runs, so a file of another
shape is refused with one sentence instead of failing halfway.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

#: Activations that config.json may name, and how each is computed.
ACTIVATIONS = ("gelu", "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "relu")


class ModelRefused(ValueError):
    """The model is not one this encoder can run (the message is one sentence)."""


@dataclass(frozen=True)
class BertConfig:
    """The numbers of ``config.json`` that the forward pass needs."""

    vocab_size: int
    hidden_size: int
    layers: int
    heads: int
    intermediate_size: int
    max_positions: int
    type_vocab_size: int
    activation: str
    layer_norm_eps: float

    @classmethod
    def from_json(cls, data: Mapping[str, Any], where: str = "config.json") -> BertConfig:
        """Read a BERT ``config.json``; refuse another architecture or numbers that do not fit."""
        if not isinstance(data, Mapping):
            raise ModelRefused(f"{where} is not a JSON object")
        kind = data.get("model_type")
        if kind != "bert":
            names = ", ".join(str(a) for a in data.get("architectures") or []) or "not named"
            raise ModelRefused(
                f"{where} describes a model of type {kind!r} (architecture {names}); "
                "only BERT-family models (model_type 'bert') can be run"
            )
        if data.get("position_embedding_type", "absolute") != "absolute":
            raise ModelRefused(
                f"{where} asks for {data['position_embedding_type']!r} position embeddings; only 'absolute' can be run"
            )
        activation = data.get("hidden_act", "gelu")
        if activation not in ACTIVATIONS:
            raise ModelRefused(f"{where} asks for the activation {activation!r}; one of {', '.join(ACTIVATIONS)} is")
        try:
            config = cls(
                vocab_size=_positive(data, "vocab_size", where),
                hidden_size=_positive(data, "hidden_size", where),
                layers=_positive(data, "num_hidden_layers", where),
                heads=_positive(data, "num_attention_heads", where),
                intermediate_size=_positive(data, "intermediate_size", where),
                max_positions=_positive(data, "max_position_embeddings", where),
                type_vocab_size=_positive(data, "type_vocab_size", where, default=2),
                activation=activation,
                layer_norm_eps=float(data.get("layer_norm_eps", 1e-12)),
            )
        except (TypeError, ValueError) as error:
            if isinstance(error, ModelRefused):
                raise
            raise ModelRefused(f"{where} holds a value that is not a number ({error})") from None
        if config.hidden_size % config.heads:
            raise ModelRefused(
                f"{where}: hidden_size {config.hidden_size} does not split into {config.heads} attention heads"
            )
        return config

    def expected_shapes(self) -> dict[str, tuple[int, ...]]:
        """Every tensor the forward pass reads, by name, with the shape config.json implies."""
        h, i = self.hidden_size, self.intermediate_size
        shapes: dict[str, tuple[int, ...]] = {
            "embeddings.word_embeddings.weight": (self.vocab_size, h),
            "embeddings.position_embeddings.weight": (self.max_positions, h),
            "embeddings.token_type_embeddings.weight": (self.type_vocab_size, h),
            "embeddings.LayerNorm.weight": (h,),
            "embeddings.LayerNorm.bias": (h,),
        }
        for n in range(self.layers):
            p = f"encoder.layer.{n}."
            for part in ("query", "key", "value"):
                shapes[p + f"attention.self.{part}.weight"] = (h, h)
                shapes[p + f"attention.self.{part}.bias"] = (h,)
            shapes[p + "attention.output.dense.weight"] = (h, h)
            shapes[p + "attention.output.dense.bias"] = (h,)
            shapes[p + "attention.output.LayerNorm.weight"] = (h,)
            shapes[p + "attention.output.LayerNorm.bias"] = (h,)
            shapes[p + "intermediate.dense.weight"] = (i, h)
            shapes[p + "intermediate.dense.bias"] = (i,)
            shapes[p + "output.dense.weight"] = (h, i)
            shapes[p + "output.dense.bias"] = (h,)
            shapes[p + "output.LayerNorm.weight"] = (h,)
            shapes[p + "output.LayerNorm.bias"] = (h,)
        return shapes


def _positive(data: Mapping[str, Any], key: str, where: str, default: int | None = None) -> int:
    value = data.get(key, default)
    if value is None:
        raise ModelRefused(f"{where} does not say {key}")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1 or value > 10_000_000:
        raise ModelRefused(f"{where}: {key} is {value!r}, not a positive whole number")
    return value


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # H x 3H (transposed, query | key | value)
    qkv_bias: np.ndarray
    attention_out: np.ndarray  # H x H
    attention_out_bias: np.ndarray
    attention_norm: tuple[np.ndarray, np.ndarray]
    up: np.ndarray  # H x I
    up_bias: np.ndarray
    down: np.ndarray  # I x H
    down_bias: np.ndarray
    output_norm: tuple[np.ndarray, np.ndarray]


class BertEncoder:
    """The numpy forward pass of a BERT model: ``encoder(ids, mask)`` -> token vectors (B x L x H)."""

    def __init__(self, config: BertConfig, tensors: Mapping[str, np.ndarray], where: str = "model.safetensors"):
        self.config = config
        tensors = _without_prefix(tensors)
        missing = [name for name in config.expected_shapes() if name not in tensors]
        if missing:
            more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
            raise ModelRefused(f"{where} has no tensor {missing[0]}{more} that a BERT model of config.json needs")
        for name, shape in config.expected_shapes().items():
            found = tuple(tensors[name].shape)
            if found != shape:
                raise ModelRefused(f"{where}: {name} has shape {found} but config.json implies {shape}")

        def get(name: str) -> np.ndarray:
            return np.ascontiguousarray(tensors[name], dtype=np.float32)

        self.word = get("embeddings.word_embeddings.weight")
        self.position = get("embeddings.position_embeddings.weight")
        self.token_type = get("embeddings.token_type_embeddings.weight")
        self.embedding_norm = (get("embeddings.LayerNorm.weight"), get("embeddings.LayerNorm.bias"))
        self.layers: list[_Layer] = []
        for n in range(config.layers):
            p = f"encoder.layer.{n}."
            s = p + "attention.self."
            self.layers.append(
                _Layer(
                    qkv=np.ascontiguousarray(
                        np.concatenate([get(s + "query.weight"), get(s + "key.weight"), get(s + "value.weight")]).T
                    ),
                    qkv_bias=np.concatenate([get(s + "query.bias"), get(s + "key.bias"), get(s + "value.bias")]),
                    attention_out=np.ascontiguousarray(get(p + "attention.output.dense.weight").T),
                    attention_out_bias=get(p + "attention.output.dense.bias"),
                    attention_norm=(
                        get(p + "attention.output.LayerNorm.weight"),
                        get(p + "attention.output.LayerNorm.bias"),
                    ),
                    up=np.ascontiguousarray(get(p + "intermediate.dense.weight").T),
                    up_bias=get(p + "intermediate.dense.bias"),
                    down=np.ascontiguousarray(get(p + "output.dense.weight").T),
                    down_bias=get(p + "output.dense.bias"),
                    output_norm=(get(p + "output.LayerNorm.weight"), get(p + "output.LayerNorm.bias")),
                )
            )
        self._activation = _activation(config.activation)

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Token vectors after the last layer for a batch: ``ids`` and ``mask`` are B x L (mask 1 = a token)."""
        config = self.config
        batch, length = ids.shape
        if length > config.max_positions:
            raise ModelRefused(f"{length} tokens are more than the model's {config.max_positions} positions")
        heads, eps = config.heads, config.layer_norm_eps
        size = config.hidden_size // heads
        x = self.word[ids] + self.position[:length][None] + self.token_type[0]
        # Token vectors as one (B·L) x H matrix: each dense layer is then one large matrix product.
        x = _layer_norm(x.reshape(batch * length, config.hidden_size), *self.embedding_norm, eps)
        # Padding gets the lowest float32 as attention score: its weight after softmax is exactly 0.
        bias = ((1.0 - mask.astype(np.float32)) * np.finfo(np.float32).min)[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(size))
        for layer in self.layers:
            qkv = x @ layer.qkv + layer.qkv_bias  # (B·L) x 3H
            qkv = qkv.reshape(batch, length, 3, heads, size).transpose(2, 0, 3, 1, 4)  # 3 x B x heads x L x size
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, config.hidden_size)
            x = _layer_norm(context @ layer.attention_out + layer.attention_out_bias + x, *layer.attention_norm, eps)
            hidden = self._activation(x @ layer.up + layer.up_bias)
            x = _layer_norm(hidden @ layer.down + layer.down_bias + x, *layer.output_norm, eps)
        x = x.reshape(batch, length, config.hidden_size)
        return x


def _without_prefix(tensors: Mapping[str, np.ndarray]) -> Mapping[str, np.ndarray]:
    """Weights saved from ``BertForMaskedLM`` and friends carry a ``bert.`` prefix: drop it."""
    if "embeddings.word_embeddings.weight" not in tensors and "bert.embeddings.word_embeddings.weight" in tensors:
        return {name[len("bert.") :]: value for name, value in tensors.items() if name.startswith("bert.")}
    return tensors


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = np.mean(np.square(centred), axis=-1, keepdims=True)
    result: np.ndarray = centred / np.sqrt(variance + np.float32(eps)) * weight + bias
    return result


def _activation(name: str) -> Callable[[np.ndarray], np.ndarray]:
    if name == "relu":
        return lambda x: np.maximum(x, np.float32(0))
    if name == "gelu":
        from scipy.special import erf

        root_half = np.float32(np.sqrt(0.5))
        return lambda x: np.float32(0.5) * x * (np.float32(1) + erf(x * root_half))
    # gelu_new, gelu_pytorch_tanh, gelu_fast: the tanh approximation.
    c = np.float32(np.sqrt(2.0 / np.pi))
    return lambda x: np.float32(0.5) * x * (np.float32(1) + np.tanh(c * (x + np.float32(0.044715) * x**3)))
