"""A pretrained view of what a message means: static token embeddings that a package ships.

A table of one vector per token, and the tokenizer that cuts a text into those tokens, both
read from files inside an installed package (nothing is downloaded). A text's vector is the
mean of its tokens' vectors, cut to the first `dimensions` (the table is trained so that its
leading dimensions stand on their own), scaled to length 1. Words that mean alike get near
vectors whether or not the training data ever used them, which is what the TF-IDF features
of the classifier cannot see.

Each file is checked against the sha256 recorded in config.yml before it is read: any other
file is refused, so an upgraded or altered package can never change the model unnoticed.
"""

import hashlib
import importlib.util
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Sequence, Text, Tuple

import numpy as np


class EmbeddingFileRefused(ValueError):
    """A weights or tokenizer file is missing or is not the one recorded."""


@dataclass(frozen=True)
class EmbeddingSource:
    """Where the files are (`package`, each `path` inside it) and what they must hash to."""

    package: Text
    weights: Text
    weights_sha256: Text
    tensor: Text
    tokenizer: Text
    tokenizer_sha256: Text
    dimensions: int

    @classmethod
    def from_config(cls, config: Dict[Text, Any]) -> "EmbeddingSource":
        missing = [key for key in cls.__dataclass_fields__ if key not in config]
        if missing:
            raise ValueError(f"the embeddings' settings miss {', '.join(missing)}")
        return cls(**{key: config[key] for key in cls.__dataclass_fields__})

    def file(self, relative: Text) -> Path:
        spec = importlib.util.find_spec(self.package)
        if spec is None or not spec.submodule_search_locations:
            raise EmbeddingFileRefused(f"the package {self.package!r} that ships the embeddings is not installed")
        return Path(list(spec.submodule_search_locations)[0]) / relative


def sha256_of(path: Path) -> Text:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checked(path: Path, expected: Text) -> Path:
    if not path.is_file():
        raise EmbeddingFileRefused(f"{path} is missing")
    actual = sha256_of(path)
    if actual != expected.lower():
        raise EmbeddingFileRefused(f"{path} has sha256 {actual}, not the recorded {expected}: refused")
    return path


class StaticEmbeddings:
    def __init__(self, source: EmbeddingSource) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        weights = checked(source.file(source.weights), source.weights_sha256)
        tokenizer = checked(source.file(source.tokenizer), source.tokenizer_sha256)
        table = load_file(str(weights)).get(source.tensor)
        if table is None or table.ndim != 2 or not 0 < source.dimensions <= table.shape[1]:
            raise EmbeddingFileRefused(
                f"{weights} has no {source.tensor!r} table of at least {source.dimensions} columns"
            )
        # float32, only the dimensions used: 32,000 x 256 is 33 MB, x 64 is 8 MB
        self.table = np.ascontiguousarray(table[:, : source.dimensions], dtype=np.float32)
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.dimensions = source.dimensions

    def token_ids(self, texts: Sequence[Text]) -> List[List[int]]:
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        return [[i for i in encoding.ids if 0 <= i < len(self.table)] for encoding in encodings]

    def embed(self, texts: Sequence[Text]) -> np.ndarray:
        """One row per text: the mean of its tokens' vectors, length 1 (zeros for a text with no tokens)."""
        vectors = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, ids in enumerate(self.token_ids(texts)):
            if ids:
                vectors[row] = self.table[ids].mean(axis=0)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms > 0, norms, 1.0)


_LOADED: Dict[Tuple, StaticEmbeddings] = {}
_LOCK = threading.Lock()


def load(config: Dict[Text, Any]) -> StaticEmbeddings:
    """The embeddings the settings name, read once per process (training and each model share them)."""
    source = EmbeddingSource.from_config(config)
    key = tuple(sorted(source.__dict__.items()))
    with _LOCK:
        if key not in _LOADED:
            _LOADED[key] = StaticEmbeddings(source)
        return _LOADED[key]
