"""The optional Hugging Face backend: label mapping, and loading a tiny model built here (nothing downloaded)."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.errors import ResourceError
from khabar.ner.transformers_backend import map_label, map_labels


@pytest.mark.parametrize(
    ("label", "ours"),
    [
        ("B-PER", "B-PERS"),
        ("I-PERS", "I-PERS"),
        ("B-PERSON", "B-PERS"),
        ("B-GPE", "B-LOC"),
        ("I-FAC", "I-LOC"),
        ("S-LOC", "B-LOC"),
        ("E-ORG", "I-ORG"),
        ("B-ORGANIZATION", "B-ORG"),
        ("B-EVENT", "B-MISC"),
        ("I-MISC", "I-MISC"),
        ("B-DATE", "O"),
        ("B-NORP", "O"),
        ("O", "O"),
        ("PER", "I-PERS"),
        ("LABEL_3", "O"),
    ],
)
def test_map_label(label: str, ours: str) -> None:
    assert map_label(label) == ours


def test_map_labels_keys_become_ints() -> None:
    assert map_labels({"0": "O", "1": "B-PER"}) == {0: "O", 1: "B-PERS"}


WORDS = ["قال", "الرئيس", "باراك", "أوباما", "في", "واشنطن", "وبغداد"]
LABELS = ["O", "B-PER", "I-PER", "B-GPE", "B-ORG", "S-LOC", "B-DATE"]


def _tiny_model(path: Path, winner: str) -> Path:
    """A BertForTokenClassification with a 7-label head whose bias makes ``winner`` win everywhere."""
    torch = pytest.importorskip("torch", reason="torch not installed (extra khabar[transformers])")
    transformers = pytest.importorskip("transformers", reason="transformers not installed (extra khabar[transformers])")
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS[:5], "##ن", "و"]
    path.mkdir(parents=True, exist_ok=True)
    (path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizer(vocab_file=str(path / "vocab.txt"), do_lower_case=False)
    config = transformers.BertConfig(
        vocab_size=len(vocab),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=16,
        num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)),
        label2id={lab: i for i, lab in enumerate(LABELS)},
    )
    torch.manual_seed(0)
    model = transformers.BertForTokenClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.fill_(-5.0)
        model.classifier.bias[LABELS.index(winner)] = 5.0
    model.save_pretrained(str(path))
    tokenizer.save_pretrained(str(path))
    return path


@pytest.mark.parametrize(
    ("winner", "expected"),
    [
        ("B-GPE", ["B-LOC"] * 7),
        ("I-PER", ["B-PERS"] + ["I-PERS"] * 6),  # an I- run is repaired to start with B-
        ("B-DATE", ["O"] * 7),
    ],
)
def test_tiny_model_loads_and_labels_are_mapped(tmp_path: Path, winner: str, expected: list[str]) -> None:
    from khabar.ner.transformers_backend import load_hf_tagger, tag_words

    model_dir = _tiny_model(tmp_path / winner, winner)
    hf = load_hf_tagger(str(model_dir))
    assert hf.labels[LABELS.index("S-LOC")] == "B-LOC"
    tags, probs = tag_words(WORDS, str(model_dir))
    assert tags == expected
    assert len(probs) == len(WORDS) and all(0.5 < p <= 1.0 for p in probs)


def test_long_sentence_is_tagged_in_windows(tmp_path: Path) -> None:
    from khabar.ner.transformers_backend import tag_words

    model_dir = _tiny_model(tmp_path / "m", "B-ORG")  # 16 positions: 14 pieces a window
    words = WORDS * 5
    tags, _ = tag_words(words, str(model_dir))
    assert tags == ["B-ORG"] * len(words)


def test_model_mentions_with_a_model_directory(tmp_path: Path) -> None:
    from khabar.model import Document
    from khabar.ner import model_mentions
    from khabar.pipeline import Pipeline

    model_dir = _tiny_model(tmp_path / "m", "B-GPE")
    doc = Pipeline(["tokens", "sentences"])(Document(text="قال الرئيس في واشنطن."))
    mentions = model_mentions(doc, model_dir)
    assert [doc.text[m.start : m.end] for m in mentions] == ["قال", "الرئيس", "في", "واشنطن", "."]
    assert {m.type for m in mentions} == {"LOC"}


def test_not_a_model_directory(tmp_path: Path) -> None:
    pytest.importorskip("transformers", reason="transformers not installed (extra khabar[transformers])")
    from khabar.ner.transformers_backend import load_hf_tagger

    with pytest.raises(ResourceError):
        load_hf_tagger(str(tmp_path))


def test_tag_cli_with_ner_model_directory(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from khabar.cli import app

    model_dir = _tiny_model(tmp_path / "m", "B-PER")
    res = CliRunner().invoke(app, ["tag", "--conll", "-", "--ner-model", str(model_dir)], input="باراك\nأوباما\n")
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[:2] == ["باراك\tB-PERS", "أوباما\tB-PERS"]
