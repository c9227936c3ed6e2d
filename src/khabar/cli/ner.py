"""``khabar tag`` (BIO tags of CoNLL tokens or raw text) and ``khabar train-ner`` (train / cross-validate the CRF)."""

from __future__ import annotations

import hashlib
import io
import json
import shlex
import sys
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from khabar.cli.app import app, fail
from khabar.errors import InputError, KhabarError
from khabar.input_checks import check_text, decode_bytes

_DEFAULT_ANERCORP = Path("../shared/data/ner/anercorp/train.txt")


def _read_bytes(file: str) -> tuple[bytes, str]:
    if file == "-":
        data = sys.stdin.buffer.read()
        name = "stdin"
    else:
        path = Path(file)
        if not path.is_file():
            raise InputError(f"{file}: no such file")
        data = path.read_bytes()
        name = file
    return data, name


def _read_conll_text(file: str) -> str:
    """A CoNLL file (or stdin for ``-``) of any size, refusing missing files, binary data and invalid UTF-8."""
    data, name = _read_bytes(file)
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary data, not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not valid UTF-8") from None


def _tagger(ner_model: Path | None) -> Any:
    """A function tagging one sentence of token strings with the chosen backend."""
    if ner_model is not None and not ner_model.exists():
        raise InputError(f"{ner_model}: no such model file or directory")
    if ner_model is not None and ner_model.is_dir():
        from khabar.ner.transformers_backend import load_hf_tagger, tag_words

        load_hf_tagger(str(ner_model))  # fail early, before any output
        return lambda toks: tag_words(toks, str(ner_model))[0]
    from khabar.ner.crf import default_model_path, load_tagger, tag_tokens

    load_tagger(str(ner_model if ner_model is not None else default_model_path()))  # fail early
    return lambda toks: tag_tokens(toks, ner_model)


def _write_tagged(sentences: list[list[str]], out: TextIO, ner_model: Path | None, propagate: bool) -> int:
    from khabar.training.conll import write_conll

    tag = _tagger(ner_model)
    tags = [tag(s) for s in sentences]
    if propagate:
        from khabar.ner.propagate import propagate as run_propagate

        tags = run_propagate(sentences, tags)[0]
    write_conll(zip(sentences, tags, strict=True), out)
    return sum(len(s) for s in sentences)


def tag_conll_text(text: str, out: TextIO, ner_model: Path | None = None, propagate: bool = True) -> int:
    """Tag a CoNLL text (first column = token); writes ``token<TAB>TAG`` lines, returns the token count."""
    from khabar.training.conll import iter_blocks

    sentences = [[f[0] for f in block] for block in iter_blocks(io.StringIO(text))]
    return _write_tagged(sentences, out, ner_model, propagate)


def tag_raw_text(text: str, out: TextIO, ner_model: Path | None = None, propagate: bool = True) -> int:
    """Tokenize an article, split it into sentences and write its tokens with their tags, CoNLL style."""
    from khabar.arabic import split_sentences, tokenize

    tokens = tokenize(text)
    sentences: list[list[str]] = []
    k = 0
    for sent in split_sentences(text):
        while k < len(tokens) and tokens[k].start < sent.start:
            k += 1
        words = []
        while k < len(tokens) and tokens[k].start < sent.end:
            words.append(tokens[k].text)
            k += 1
        if words:
            sentences.append(words)
    return _write_tagged(sentences, out, ner_model, propagate)


@app.command("tag")
def tag_cmd(
    file: Annotated[str, typer.Argument(help="Input file (CoNLL with --conll, else an article), or - for stdin.")],
    conll: Annotated[
        bool, typer.Option("--conll", help="Input is CoNLL: one token per line, blank line between sentences.")
    ] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here (default: stdout).")] = None,
    ner_model: Annotated[
        Path | None,
        typer.Option(
            "--ner-model", help="A .crfsuite model file, or a local Hugging Face token-classification model directory."
        ),
    ] = None,
    no_propagate: Annotated[
        bool, typer.Option("--no-propagate", help="Do not tag repeats of names found within 10 sentences.")
    ] = False,
) -> None:
    """Write token<TAB>TAG lines (BIO tags B-/I- PERS, ORG, LOC, MISC, and O), one sentence per block.

    Example: khabar tag article.txt -o article.tags
    """
    try:
        if conll:
            text = _read_conll_text(file)
        else:
            data, name = _read_bytes(file)
            text = check_text(decode_bytes(data, name=name), name=name)
        buf = io.StringIO()
        (tag_conll_text if conll else tag_raw_text)(text, buf, ner_model, not no_propagate)
    except KhabarError as exc:
        raise fail(exc) from None
    if output is None:
        sys.stdout.write(buf.getvalue())
    else:
        from khabar.atomicfile import atomic_write

        try:
            with atomic_write(output) as fh:
                fh.write(buf.getvalue())
        except KhabarError as exc:
            raise fail(exc) from None


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _print_summary(summary: dict[str, Any]) -> None:
    typer.echo(f"{summary['folds']}-fold cross-validation (phrase level, exact match)")
    typer.echo(f"{'type':6} {'P':>7} {'R':>7} {'F1':>7}")
    for t, v in summary["per_type"].items():
        typer.echo(f"{t:6} {v['precision']:7.4f} {v['recall']:7.4f} {v['f1']:7.4f}")
    m = summary["micro"]
    typer.echo(f"{'micro':6} {m['precision']:7.4f} {m['recall']:7.4f} {m['f1']:7.4f}")
    typer.echo(f"macro F1 {summary['macro_f1']:.4f}")


@app.command("train-ner")
def train_ner_cmd(
    anercorp: Annotated[
        Path, typer.Option("--anercorp", help="ANERcorp train split (token TAG per line).")
    ] = _DEFAULT_ANERCORP,
    wojood: Annotated[
        Path | None, typer.Option("--wojood", help="Also train on this Wojood data folder (train/val/test.txt).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Model file to write (default: the packaged model; with --cv only when given)."
        ),
    ] = None,
    cv: Annotated[
        int, typer.Option("--cv", help="Cross-validate on K contiguous folds of ANERcorp first (0: no).")
    ] = 0,
    c1: Annotated[float, typer.Option(help="L1 regularization.")] = 0.2,
    c2: Annotated[float, typer.Option(help="L2 regularization.")] = 0.05,
    max_iterations: Annotated[int, typer.Option(help="L-BFGS iterations.")] = 150,
    min_freq: Annotated[int, typer.Option(help="Drop features seen fewer times.")] = 1,
    no_propagate: Annotated[
        bool, typer.Option("--no-propagate", help="Score the CRF alone, without label propagation.")
    ] = False,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write the cross-validation figures here as JSON.")
    ] = None,
) -> None:
    """Train the CRF NER model from ANERcorp (+ Wojood) and/or cross-validate it.

    Example: khabar train-ner --cv 5 --report cv.json
    """
    from khabar.ner.crf import default_model_path
    from khabar.training.conll import read_conll, read_wojood_dir
    from khabar.training.ner import TrainParams, cross_validate, summarize, train_model, write_model_info

    if cv == 1 or cv < 0:
        raise fail(InputError("--cv needs at least 2 folds"))
    try:
        main = read_conll(anercorp)
        extra = [] if wojood is None else read_wojood_dir(wojood)
    except (KhabarError, UnicodeDecodeError) as exc:
        raise fail(exc if isinstance(exc, KhabarError) else InputError(f"training data: {exc}")) from None
    if not main:
        raise fail(InputError(f"{anercorp}: no sentences"))
    params = TrainParams(c1=c1, c2=c2, max_iterations=max_iterations, feature_minfreq=min_freq)
    log = lambda msg: typer.echo(msg, err=True)  # noqa: E731
    summary = None
    if cv:
        folds = cross_validate(main, cv, params, extra=extra, propagate=not no_propagate, log=log)
        summary = summarize(folds, split="contiguous blocks of sentences", propagate=not no_propagate)
        _print_summary(summary)
        if report is not None:
            report.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        if output is None:
            return
    out = output if output is not None else default_model_path()
    train_model([*main, *extra], out, params, log=log)
    data = {"anercorp": {"path": str(anercorp), "sentences": len(main), "sha256": _sha256(anercorp)}}
    if extra and wojood is not None:
        data["wojood"] = {"path": str(wojood), "sentences": len(extra)}
    command = "khabar train-ner " + " ".join(shlex.quote(a) for a in sys.argv[2:])
    write_model_info(out, data=data, params=params, command=command, cross_validation=summary)
    typer.echo(f"model written to {out} ({out.stat().st_size:,} bytes)", err=True)
