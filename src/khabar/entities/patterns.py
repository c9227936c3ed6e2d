"""Head-word patterns: facilities and sub-city places (سجن X، حقل X النفطي، حي X، معبر X), settlements (بلدة X)
and organizations (وزارة X، حزب X، جبهة X). The name after the head stops at punctuation, function words,
verbs, cues and indefinite adjectives ("قاعدة عسكرية" is no name).
"""

from __future__ import annotations

from khabar.entities.matcher import Candidate
from khabar.entities.resources import given_names, norm_name, word_map, word_set
from khabar.entities.rules import Ctx, _cue_at, _definite, _is_stop, _word, forms

MAX_COMPLEMENT = 3


def _head(ctx: Ctx, i: int, heads: frozenset[str] | dict[str, str]) -> tuple[int, str] | None:
    """``(prefix_length, head)`` when token ``i`` is a head word (with or without و/ب/ل), not the definite form."""
    tok = ctx.tokens[i]
    if not _word(tok) or ctx.cover[i] is not None:
        return None
    for plen, form in forms(tok.norm):
        if form in heads:
            return plen, form
    return None


def _indefinite_adjective(norm: str) -> bool:
    return not norm.startswith("ال") and (norm.endswith("ي") or norm.endswith("يه") or norm.endswith("يا"))


def _plain_name_token(ctx: Ctx, j: int, first: bool) -> bool:
    tok = ctx.tokens[j]
    if not _word(tok) or ctx.cover[j] is not None or _is_stop(tok) or _cue_at(ctx, j) is not None:
        return False
    if tok.norm[0] in "وف" and len(tok.norm) > 3 and not first:
        return False
    if first and (_indefinite_adjective(tok.norm) or tok.norm in word_set("generic_words")):
        return False
    return not (tok.norm in word_set("facility_tails") and first)


def facility_candidates(ctx: Ctx) -> list[Candidate]:
    heads = word_map("facility_heads")
    settle = word_set("settlement_heads")
    tails = word_set("facility_tails")
    toks = ctx.tokens
    out: list[Candidate] = []
    for i in range(len(toks) - 1):
        fac = _head(ctx, i, heads)
        town = _head(ctx, i, settle) if fac is None or fac[1] == "مخيم" else None
        if fac is None and town is None:
            continue
        j = i + 1
        cov = ctx.cover[j]
        if cov is not None and cov.type == "LOC":
            if fac is None or (town is not None and fac[1] == "مخيم"):
                continue  # "مدينة الحسكة": the place itself is already found
            while j < len(toks) and ctx.cover[j] is cov:
                j += 1
        elif cov is not None:
            continue
        else:
            while j < len(toks) and j - i <= 2 and _plain_name_token(ctx, j, j == i + 1):
                j += 1
            if j == i + 1:
                continue
        if fac is not None:
            if j < len(toks) and toks[j].norm in tails:
                j += 1
            plen = fac[0]
            out.append(Candidate(toks[i].start + plen, toks[j - 1].end, "LOC", "FAC", "pattern",
                                 norm_name(" ".join(t.norm for t in toks[i:j])[plen:]), 2))
        else:
            out.append(Candidate(toks[i + 1].start, toks[j - 1].end, "LOC", "GPE", "pattern",
                                 norm_name(" ".join(t.norm for t in toks[i + 1 : j])), 2))
    return out


def org_candidates(ctx: Ctx) -> list[Candidate]:
    heads = word_set("org_heads")
    generic_heads = word_set("org_heads_generic")
    generic = word_set("generic_complements")
    givens = given_names()
    toks = ctx.tokens
    out: list[Candidate] = []
    for i in range(len(toks) - 1):
        head = _head(ctx, i, heads)
        if head is None:
            continue
        j = i + 1
        proper = False
        while j < len(toks) and j - i <= MAX_COMPLEMENT:
            tok, cov = toks[j], ctx.cover[j]
            if cov is not None and cov.type == "LOC" and cov.start >= tok.start:
                while j < len(toks) and ctx.cover[j] is cov:
                    j += 1
                proper = True
                continue
            if cov is not None or not _word(tok) or _is_stop(tok) or _cue_at(ctx, j) is not None:
                break
            norm = tok.norm
            if _definite(norm):
                proper = proper or norm not in generic
            elif j > i + 1 and norm.startswith("وال") and len(norm) > 4:
                proper = True
            elif norm in givens and j > i + 1:
                proper = True
            else:
                break
            j += 1
        if j == i + 1:
            continue
        if head[1] in generic_heads and not proper:
            continue
        plen = head[0]
        out.append(Candidate(toks[i].start + plen, toks[j - 1].end, "ORG", None, "pattern",
                             norm_name(" ".join(t.norm for t in toks[i:j])[plen:]), 2))
    return out
