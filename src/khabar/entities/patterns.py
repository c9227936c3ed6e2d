"""Head-word patterns: facilities and sub-city places (سجن X، حقل X النفطي، حي X، معبر X), settlements (بلدة X)
and organizations (وزارة X، حزب X، جبهة X). The name after the head stops at punctuation, function words,
verbs, cues and indefinite adjectives ("قاعدة عسكرية" is no name).
"""

from __future__ import annotations

from khabar.arabic import words as wc
from khabar.entities.matcher import Candidate
from khabar.entities.resources import given_names, norm_name, places_by_name, word_map, word_set, words
from khabar.entities.rules import Ctx, _cue_at, _definite, _is_stop, _word, forms

MAX_COMPLEMENT = 3
_TANWEEN = wc.TANWEEN  # an accusative/indefinite ending: مديراً is no place name


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


def _nisba(norm: str) -> bool:
    return _definite(norm) and (norm.endswith("ي") or norm.endswith("يه"))


def _not_a_name(norm: str) -> bool:
    """Verbs, pronoun-suffixed and indefinite feminine words (يسيطر، احتياجاتهن، محررة) are not place names."""
    return (
        _indefinite_adjective(norm)
        or norm in word_set("generic_words")
        or norm.endswith(wc.POSSESSIVE_SUFFIXES)
        or (not norm.startswith("ال") and (norm.startswith(wc.IMPERFECT_PREFIXES) or norm.endswith("ه")))
    )


def _name_token_ok(ctx: Ctx, j: int, first: bool, *, definite_first: bool) -> bool:
    """Can token ``j`` be part of a facility or settlement name? After the first word only definite,
    non-relational words continue it (سجن النساء، جبل التركمان; not سروج التركية or سروج التابعة)."""
    tok = ctx.tokens[j]
    if not _word(tok) or ctx.cover[j] is not None or _is_stop(tok) or _cue_at(ctx, j) is not None:
        return False
    if tok.norm in word_set("facility_tails") or _TANWEEN & set(tok.text):
        return False
    if first:
        if definite_first and not _definite(tok.norm):
            return False
        return not _not_a_name(tok.norm) and not (tok.norm[0] in wc.CONJUNCTION_LETTERS and len(tok.norm) > 3)
    if ctx.tokens[j - 1].norm in word_set("place_prefixes"):
        return not _not_a_name(tok.norm) or _definite(tok.norm)
    return _definite(tok.norm) and not _nisba(tok.norm)


def facility_candidates(ctx: Ctx) -> list[Candidate]:
    heads = word_map("facility_heads")
    settle = word_set("settlement_heads")
    tails = word_set("facility_tails")
    toks = ctx.tokens
    out: list[Candidate] = []
    for i in range(len(toks) - 1):
        fac = _head(ctx, i, heads)
        town = _head(ctx, i, settle) if fac is None or fac[1] == wc.CAMP_HEAD else None
        if town is not None and town[1] == wc.DISTRICT_HEAD and "ل" in toks[i].norm[: town[0]]:
            town = None  # لقضاء الإجازة: "to spend", not "the district of"
        if fac is None and town is None:
            continue
        if town is not None and fac is None and toks[i + 1].norm in word_set("place_prefixes"):
            pass  # "قرية كفر نبل": the compound rule below takes the second word
        j = i + 1
        cov = ctx.cover[j]
        if cov is not None and cov.type == "LOC":
            if fac is None or (town is not None and fac[1] == wc.CAMP_HEAD):
                continue  # "مدينة الحسكة": the place itself is already found
            while j < len(toks) and ctx.cover[j] is cov:
                j += 1
        elif cov is not None:
            continue
        else:
            while j < len(toks) and j - i <= 2 and _name_token_ok(ctx, j, j == i + 1, definite_first=fac is not None):
                j += 1
            if j == i + 1:
                continue
        if fac is not None:
            if j < len(toks) and toks[j].norm in tails:
                j += 1
            plen = fac[0]
            key = norm_name(" ".join(t.norm for t in toks[i:j])[plen:])
            if cov is not None and j == i + 2 and heads[fac[1]] == "neighbourhood":
                key = cov.key  # حي التواهي and التواهي are one place
            out.append(Candidate(toks[i].start + plen, toks[j - 1].end, "LOC", "FAC", "pattern", key, 2))
        else:
            out.append(
                Candidate(
                    toks[i + 1].start,
                    toks[j - 1].end,
                    "LOC",
                    "GPE",
                    "pattern",
                    norm_name(" ".join(t.norm for t in toks[i + 1 : j])),
                    2,
                )
            )
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
        only_place = True
        while j < len(toks) and j - i <= MAX_COMPLEMENT:
            tok, cov = toks[j], ctx.cover[j]
            if cov is not None and cov.type == "LOC" and cov.start >= tok.start:
                while j < len(toks) and ctx.cover[j] is cov:
                    j += 1
                proper = True
                continue
            if (
                cov is not None
                and j == i + 1
                and cov.type == "ORG"
                and cov.start >= tok.start
                and cov.end <= tok.end
                and any(f in word_set("generic_org_words") for _, f in forms(tok.norm))
            ):
                proper, only_place = True, False  # مجلس المقاومة: a country-less lexicon word as complement
                j += 1
                continue
            if cov is not None or not _word(tok) or _is_stop(tok):
                break
            if _cue_at(ctx, j) is not None and tok.norm not in word_set("org_name_titles"):
                break
            norm = tok.norm
            if j > i + 1 and norm in word_set("org_not_tails"):
                break
            if j == i + 1 and _definite(norm):
                proper = norm not in generic
            elif j > i + 1 and _nisba(norm):
                proper = proper or norm not in generic
            elif j > i + 1 and norm.startswith("وال") and len(norm) > 4 and norm[1:] not in generic:
                proper = True
            elif (
                norm in givens
                and j > i + 1
                and toks[j - 1].norm in word_set("org_name_titles")
                and head[1] not in generic_heads
            ):  # جامعة الملك سعود, not قوات الرئيس هادي
                proper = True
            else:
                break
            only_place = False
            j += 1
        if j == i + 1:
            continue
        if head[1] in generic_heads and not proper:
            continue
        if only_place and head[1] in word_set("org_heads_not_before_place"):
            continue
        plen = head[0]
        out.append(
            Candidate(
                toks[i].start + plen,
                toks[j - 1].end,
                "ORG",
                None,
                "pattern",
                norm_name(" ".join(t.norm for t in toks[i:j])[plen:]),
                2,
            )
        )
    return out


def _article_countries(ctx: Ctx) -> set[str]:
    out: set[str] = set()
    for c in ctx.cover:
        if c is not None and c.type == "LOC":
            out.update(p.cc for p in places_by_name().get(c.key, ()))
    return out


def context_place_candidates(ctx: Ctx) -> list[Candidate]:
    """Places named by ordinary words (الباب، الطبقة، حديثة): after في/مدينة…, before punctuation, a place or a
    direction, in an article that names a place of their country ("معارك في الباب، شرق حلب")."""
    names = {norm_name(str(k)): str(v) for k, v in (words().get("context_places") or {}).items()}
    before, after = word_set("context_place_before"), word_set("context_place_after")
    toks = ctx.tokens
    countries: set[str] | None = None
    out: list[Candidate] = []
    for i in range(1, len(toks)):
        tok = toks[i]
        if tok.norm not in names or ctx.cover[i] is not None or toks[i - 1].norm not in before:
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (
            nxt is not None
            and nxt.kind == "word"
            and nxt.norm not in after
            and not ((covered := ctx.cover[i + 1]) is not None and covered.type == "LOC")
        ):
            continue
        if countries is None:
            countries = _article_countries(ctx)
        if names[tok.norm] in countries:
            out.append(Candidate(tok.start, tok.end, "LOC", "GPE", "pattern", tok.norm, 2))
    return out


def office_candidates(ctx: Ctx) -> list[Candidate]:
    """ "المكتب الإعلامي للمقاومة", "المكتب الإعلامي لرئيس الوزراء التركي": an office named after the body or
    official it serves (ل + a definite word or a known organization, then up to two definite words)."""
    heads, kinds = word_set("office_heads"), word_set("office_kinds")
    toks = ctx.tokens
    out: list[Candidate] = []
    for i in range(len(toks) - 2):
        h = next((plen for plen, f in forms(toks[i].norm) if f in heads), None)
        if h is None or toks[i + 1].norm not in kinds or not _word(toks[i + 2]):
            continue
        owner = toks[i + 2].norm
        if not (owner.startswith("لل") or (owner.startswith("ل") and len(owner) > 3)):
            continue
        j = i + 3
        while j < len(toks) and j - i < 6 and _word(toks[j]) and not _is_stop(toks[j]):
            cov = ctx.cover[j]
            if cov is not None and cov.type in ("ORG", "LOC"):
                while j < len(toks) and ctx.cover[j] is cov:
                    j += 1  # المكتب السياسي لحركة حماس: the organization served
                break
            if not _definite(toks[j].norm):
                break
            j += 1
        out.append(
            Candidate(
                toks[i].start + h,
                toks[j - 1].end,
                "ORG",
                None,
                "pattern",
                norm_name(" ".join(t.norm for t in toks[i:j])[h:]),
                2,
            )
        )
    return out
