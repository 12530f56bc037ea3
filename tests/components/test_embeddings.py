"""The pretrained embeddings (components/embeddings.py): the files config.yml names, checked by sha256."""
import dataclasses
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from components import embeddings
from components.embeddings import EmbeddingFileRefused, EmbeddingSource, StaticEmbeddings

PROJECT_DIR = Path(__file__).resolve().parents[2]


def configured() -> dict:
    pipeline = yaml.safe_load((PROJECT_DIR / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    [classifier] = [c for c in pipeline if c["name"].endswith("QuestionClassifier")]
    return classifier["embeddings"]


@pytest.fixture(scope="module")
def model() -> StaticEmbeddings:
    return embeddings.load(configured())


def cosine(model, a, b) -> float:
    first, second = model.embed([a, b])
    return float(first @ second)


def test_the_configured_files_load_and_give_unit_vectors(model):
    vectors = model.embed(["does microneedling hurt?", "how many sessions would I need"])
    assert vectors.shape == (2, configured()["dimensions"])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize(
    "text, alike, unlike",
    [
        ("does it hurt", "is it painful", "how much does it cost"),
        ("how much is it", "what's the price", "does it hurt"),
        ("when will I see results", "how soon does my skin look better", "do you have parking"),
    ],
)
def test_texts_that_mean_alike_are_nearer_than_texts_that_do_not(model, text, alike, unlike):
    assert cosine(model, text, alike) > cosine(model, text, unlike)


def test_a_text_with_no_tokens_gives_zeros(model):
    assert not model.embed([""]).any()


def test_loading_twice_reads_the_files_once():
    assert embeddings.load(configured()) is embeddings.load(configured())


@pytest.fixture
def copied_package(tmp_path, monkeypatch):
    """The embeddings' package copied under another name, to spoil its files."""
    source = EmbeddingSource.from_config(configured())
    package = tmp_path / "copied_embeddings"
    for relative in (source.weights, source.tokenizer):
        (package / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source.file(relative), package / relative)
    (package / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield dataclasses.replace(source, package="copied_embeddings"), package
    sys.modules.pop("copied_embeddings", None)


def test_the_copied_files_load(copied_package):
    source, _ = copied_package
    assert StaticEmbeddings(source).embed(["does it hurt"]).shape == (1, source.dimensions)


@pytest.mark.parametrize("spoilt", ["weights", "tokenizer"])
def test_a_file_with_another_sha256_is_refused(copied_package, spoilt):
    source, package = copied_package
    path = package / getattr(source, spoilt)
    data = bytearray(path.read_bytes())
    data[-2] ^= 1  # one bit of the last numbers, or of the tokenizer's JSON
    path.write_bytes(bytes(data))
    with pytest.raises(EmbeddingFileRefused, match="refused"):
        StaticEmbeddings(source)


def test_a_missing_file_is_refused(copied_package):
    source, package = copied_package
    (package / source.weights).unlink()
    with pytest.raises(EmbeddingFileRefused, match="missing"):
        StaticEmbeddings(source)


def test_a_package_that_is_not_installed_is_refused():
    source = dataclasses.replace(EmbeddingSource.from_config(configured()), package="no_such_embeddings_package")
    with pytest.raises(EmbeddingFileRefused, match="not installed"):
        StaticEmbeddings(source)


def test_more_dimensions_than_the_table_has_are_refused(copied_package):
    source, _ = copied_package
    with pytest.raises(EmbeddingFileRefused, match="columns"):
        StaticEmbeddings(dataclasses.replace(source, dimensions=100_000))


def test_settings_that_miss_a_key_are_refused():
    settings = dict(configured())
    del settings["weights_sha256"]
    with pytest.raises(ValueError, match="weights_sha256"):
        EmbeddingSource.from_config(settings)
