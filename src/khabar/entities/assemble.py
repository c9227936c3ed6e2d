"""From candidate mentions to entities: overlap resolution, the merge with model proposals, alias linking.

Merge rule: lexicon, gazetteer, pattern and cue candidates are resolved first (longest span wins; on equal spans
an organization beats a place, a place beats a pattern, a pattern beats a cue). A model proposal is then kept
(origin ``model``) only where it overlaps none of them and the model is confident (``MIN_MODEL_SCORE``): rule
hits win every type and boundary conflict.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from khabar.arabic import words as wc
from khabar.arabic.normalize import strip_clitics
from khabar.entities.matcher import Candidate, lexicon_candidates, resolve_overlaps
from khabar.entities.patterns import context_place_candidates, facility_candidates, office_candidates, org_candidates
from khabar.entities.resources import norm_name, org_by_key, places_by_name, word_set
from khabar.entities.rules import alias_candidates, forms, make_ctx, person_candidates
from khabar.intervals import SpanIndex
from khabar.model import Document, Entity, EntityType, Span
from khabar.ner import Mention

ModelFn = Callable[[Document], list[Mention]]
_TYPE_MAP: dict[str, EntityType] = {
    "PERS": "PER", "GPE": "LOC", "FAC": "LOC", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"
}


def rule_candidates(doc: Document) -> tuple[list[Candidate], list[tuple[Candidate, Candidate]]]:
    """Resolved rule candidates of the document and the (person, alias) links found by "المعروف بـ"."""
    lex = lexicon_candidates(doc.text)
    ctx = make_ctx(doc.tokens, lex, doc.text)
    pattern = facility_candidates(ctx) + org_candidates(ctx) + context_place_candidates(ctx) + office_candidates(ctx)
    people = person_candidates(ctx)
    chosen = resolve_overlaps(lex + pattern + people)
    kept_people = [c for c in chosen if c.type == "PER"]
    links = [(p, a) for p, a in alias_candidates(make_ctx(doc.tokens, chosen, doc.text), kept_people)]
    return chosen + [a for _, a in links], links


# A model proposal is kept when the CRF's mean marginal over its tokens reaches this: on the dev gold set
# 0.7 gave entity F1 92.9 (all proposals 91.5, none 92.5; 0.6 92.5, 0.8 92.7). Label propagation's own
# mentions (score 0.5) are therefore left out here; they serve ``khabar tag``.
MIN_MODEL_SCORE = 0.7


def merge_model(rules: Sequence[Candidate], mentions: Sequence[Mention], text: str) -> list[Candidate]:
    """Add the model's confident proposals that overlap no rule candidate (origin ``model``)."""
    out = list(rules)
    index = SpanIndex((c.start, c.end) for c in rules)
    for m in mentions:
        typ = _TYPE_MAP.get(m.type.upper())
        if typ is None or typ == "MISC" or not 0 <= m.start < m.end <= len(text) or m.score < MIN_MODEL_SCORE:
            continue
        if index.overlaps(m.start, m.end):
            continue
        if "\u064b" in text[m.start : m.end]:
            continue  # tanween: an indefinite adjective or adverb (بريطانياً), never a name in news text
        if _generic_word(text[m.start : m.end]):
            continue  # ريف، المدينة، الإمام: a head noun or title alone names nothing
        out.append(Candidate(m.start, m.end, typ, None, "model", norm_name(text[m.start : m.end]), 9))
        index.add(m.start, m.end)
    return sorted(out, key=lambda c: c.start)


_GENERIC_LISTS = (
    "stop",
    "role_words",
    "facility_heads",
    "settlement_heads",
    "region_heads",
    "org_heads",
    "org_force_heads",
    "org_heads_generic",
    "org_name_titles",
    "generic_words",
    "generic_org_words",
)


def _generic_word(text: str) -> bool:
    """A single word that the entity word lists know as a head noun, title or stop word."""
    words = norm_name(text).split()
    if len(words) != 1:
        return False
    generic = _generic_words()
    return any(stem in generic for _, stem in strip_clitics(words[0]))


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    return frozenset().union(*(word_set(name) for name in _GENERIC_LISTS))


def _bare(text: str) -> str:
    """Normalized text with the article dropped from every word: زبداني and الزبداني are one form."""
    return " ".join(_strip_article(w) for w in norm_name(text).split())


def _strip_article(norm: str) -> str:
    return norm[2:] if norm.startswith("ال") and len(norm) > 4 else norm


class _SurnameIndex:
    """Word forms of the article's tokens (clitics stripped) → tokens, to find bare surnames in one look-up."""

    def __init__(self, doc: Document, cands: Sequence[Candidate]) -> None:
        self.doc, self.cands = doc, cands
        self.tokens = doc.tokens
        self._built = False  # built at the first look-up: most articles have no surname to look for

    def _build(self) -> None:
        doc, cands = self.doc, self.cands
        self._built = True
        self.covered = [False] * len(doc.tokens)
        spans = sorted((c.start, c.end) for c in cands)
        j = 0
        for i, tok in enumerate(doc.tokens):
            while j < len(spans) and spans[j][1] <= tok.start:
                j += 1
            k = j
            while k < len(spans) and spans[k][0] < tok.end:
                if tok.start < spans[k][1]:
                    self.covered[i] = True
                    break
                k += 1
        self.forms: dict[str, list[tuple[int, int]]] = {}
        for i, tok in enumerate(doc.tokens):
            if tok.kind != "word":
                continue
            for plen, form in forms(tok.norm):
                self.forms.setdefault(form, []).append((i, plen))

    def mentions(self, surname: str, after: int) -> list[Span]:
        """Bare later uses of a surname (الجبير) not inside another mention; they are marked as taken."""
        if not self._built:
            self._build()
        out = []
        for i, plen in self.forms.get(surname, []):
            tok = self.tokens[i]
            if self.covered[i] or tok.start <= after:
                continue
            self.covered[i] = True
            out.append(Span(tok.start + plen, tok.end))
        return out


def _group_key(c: Candidate, text: str) -> tuple[EntityType, str]:
    if c.type == "ORG" and c.origin == "lexicon":
        return ("ORG", c.key)
    if c.type == "LOC" and (c.origin == "gazetteer" or c.key in places_by_name()):
        rows = places_by_name().get(c.key, ())
        ids = {p.geonameid for p in rows}
        curated = {p.geonameid for p in rows if p.source == "curated"}
        if len(ids) > 1 and len(curated) == 1 and len({p.feature for p in rows}) == 1:
            ids = curated  # عين العرب: the GeoNames town and the curated كوباني row are one place
        # one place under several names (سوريا، سورية) is one entity
        return ("LOC", f"id:{ids.pop()}") if len(ids) == 1 else ("LOC", c.key)
    return (c.type, _strip_article(norm_name(text[c.start : c.end])))


def _merge_regions(groups: dict[tuple[EntityType, str], list[Candidate]], text: str) -> None:
    """ "محافظة تعز" and "تعز" in one article are one place entity; the bare name's key stays first, so
    geocoding weighs both readings (the region cue decides by the majority of mentions)."""
    heads = word_set("region_heads")
    bare_keys: dict[str, tuple[str, str]] = {}
    for key, members in groups.items():
        if key[0] == "LOC":
            for c in members:
                bare_keys.setdefault(_bare(text[c.start : c.end]), key)
    for key in [k for k in groups if k[0] == "LOC"]:
        if key not in groups:
            continue
        words = _bare(text[groups[key][0].start : groups[key][0].end]).split()
        if len(words) < 2 or words[0] not in heads:
            continue
        target = bare_keys.get(" ".join(words[1:]))
        if target is not None and target != key and target in groups:
            groups[target].extend(groups.pop(key))


def _merge_org_short_forms(groups: dict[tuple[EntityType, str], list[Candidate]], text: str) -> None:
    """ "حزب العمال" and "حزب العمال الكردستاني", "قوات التحالف" and "التحالف العربي" in one article are one
    organization: a pattern (or country-less lexicon) organization whose words, or whose words after a force head (قوات،
    ميليشيات), begin exactly one longer organization of the article joins it."""
    orgs = [k for k in groups if k[0] == "ORG"]
    bare = {k: _bare(text[groups[k][0].start : groups[k][0].end]).split() for k in orgs}
    force = word_set("org_force_heads")
    for k in sorted(orgs, key=lambda k: len(bare[k])):
        if k not in groups or any(
            c.origin == "lexicon" and (org := org_by_key().get(c.key)) is not None and org.country for c in groups[k]
        ):
            continue  # a national lexicon entry (الجيش اليمني) stays itself; a generic one (الجيش الوطني) may join
        words = bare[k]
        generic = all(c.origin == "lexicon" for c in groups[k])  # a country-less entry: التحالف، المقاومة
        if len(words) < 2 and not generic:
            continue
        tails = [words, words[1:]] if words[0] in force else [words]
        targets = {
            o
            for o in orgs
            if o != k and o in groups and any(len(bare[o]) > len(t) and bare[o][: len(t)] == t for t in tails)
        }
        if len(targets) == 1:
            groups[targets.pop()].extend(groups.pop(k))


def build_entities(
    doc: Document, cands: Sequence[Candidate], links: Sequence[tuple[Candidate, Candidate]]
) -> tuple[Entity, ...]:
    """Group candidates into entities (one per distinct entity), link aliases, number them by first mention."""
    text = doc.text
    groups: dict[tuple[EntityType, str], list[Candidate]] = {}
    for c in cands:
        groups.setdefault(_group_key(c, text), []).append(c)
    # "المعروف بـ" aliases join their person
    for per, alias in links:
        pk, ak = _group_key(per, text), _group_key(alias, text)
        if ak in groups and pk in groups and ak != pk:
            groups[pk].extend(groups.pop(ak))
    _merge_regions(groups, text)
    _merge_org_short_forms(groups, text)
    # short person forms (الجبير, هادي) join the full name that contains them
    people = [k for k in groups if k[0] == "PER"]
    for k in sorted(people, key=lambda k: len(k[1].split())):
        words = k[1].split()
        if len(words) == 2 and k in groups:
            # علي صالح is علي عبد الله صالح: same first and last word of a longer name
            for other in (p for p in groups if p[0] == "PER" and len(p[1].split()) > 2):
                ow = other[1].split()
                if ow[0] == words[0] and ow[-1] == words[-1]:
                    groups[other].extend(groups.pop(k))
                    break
            continue
        if len(words) != 1 or k not in groups:
            continue
        for other in sorted((p for p in groups if p[0] == "PER" and p != k), key=lambda p: -len(p[1].split())):
            fw = [_strip_article(w) for w in other[1].split()]
            ruled = all(c.origin == "cue" for c in groups[k])  # المخلوع صالح: a cued surname, even a stop word
            if (
                len(fw) > 1
                and _strip_article(words[0]) in (fw[-1], fw[0])
                and (ruled or words[0] not in word_set("stop"))
            ):
                groups[other].extend(groups.pop(k))
                break
    surnames = _SurnameIndex(doc, cands)
    ents = []
    for (typ, _key), members in groups.items():
        spans = sorted({Span(c.start, c.end) for c in members}, key=lambda s: s.start)
        surfaces = [text[s.start : s.end] for s in spans]
        full_idx = max(range(len(spans)), key=lambda i: (len(surfaces[i].split()), len(surfaces[i]), -i))
        full = surfaces[full_idx]
        if typ == "PER" and len(full.split()) > 1:
            last = norm_name(full.split()[-1])
            if len(last) >= 3 and last not in word_set("stop") and not last.startswith(wc.SURNAME_PARTICLES):
                extra = surnames.mentions(last, -1)  # a headline often names the person by surname first
                spans = sorted(set(spans) | set(extra), key=lambda s: s.start)
        surfaces = [text[s.start : s.end] for s in spans]
        seen = {_bare(full)}
        aliases = []
        for s in surfaces:
            n = _bare(s)
            if n not in seen:
                seen.add(n)
                aliases.append(s)
        best = members[0]
        for c in members:
            if c.origin != "model" and (best.origin == "model" or c.rank < best.rank):
                best = c
        org = org_by_key().get(best.key) if typ == "ORG" and best.origin == "lexicon" else None
        first_full = spans[[text[s.start : s.end] for s in spans].index(full)]
        ents.append(
            (
                spans[0].start,
                Entity(
                    id="",
                    text=full,
                    type=typ,
                    start=first_full.start,
                    end=first_full.end,
                    subtype=best.subtype if typ != "ORG" or org is None else org.category,
                    aliases=tuple(aliases),
                    mentions=tuple(spans),
                    origin=best.origin,
                    canonical=org.key if org else (best.key if typ == "LOC" and best.origin == "gazetteer" else None),
                ),
            )
        )
    ents.sort(key=lambda p: p[0])
    return tuple(
        Entity(f"e{i}", e.text, e.type, e.start, e.end, e.subtype, e.aliases, e.mentions, e.origin, e.geo, e.canonical)
        for i, (_, e) in enumerate(ents, start=1)
    )
