"""All per-language phrase tables compiled into one trie-shaped regex, scanned once per post.

Every language's phrases apply to every post: `langs` is often missing or wrong, and mixed-language
posts are common. A trie-shaped alternation keeps the scan close to one pass over the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.classify import features as detectors
from bot.classify import lex_de, lex_en, lex_en_context, lex_es, lex_fr, lex_ja, lex_pt

_NUMBER = "<n>"
_DIGITS = re.compile(r"\d+")
_END = ""  # trie key marking the end of a phrase
# Characters that can precede a word. A plain character set (not `\W`) keeps the engine's
# skip-ahead loop cheap; a word glued to an emoji is missed, which costs little recall.
_WORD_START = "[ \n\t\r\u00a0\u3000(\\[\"'“«¿¡*/#.,!?:;…\\-]"
_HAS_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]").search


def _tokens(phrase: str) -> list[str]:
    out: list[str] = []
    parts = phrase.split(_NUMBER)
    for i, part in enumerate(parts):
        if i:
            out.append(r"\d+")
        out.extend(re.escape(ch) for ch in part)
    return out


def _trie_regex(phrases: Iterable[str]) -> str:
    trie: dict[str, dict[str, object]] = {}
    for phrase in phrases:
        node = trie
        for token in _tokens(phrase):
            node = node.setdefault(token, {})  # type: ignore[assignment]
        node[_END] = {}
    return _render(trie) or "(?!)"


def _render(node: dict[str, dict[str, object]]) -> str:
    branches = [token + _render(child) for token, child in node.items() if token != _END]  # type: ignore[arg-type]
    if not branches:
        return ""
    body = (
        branches[0]
        if len(branches) == 1 and len(branches[0]) <= 1
        else ("(?:" + "|".join(branches) + ")")
    )
    return f"(?:{body})?" if _END in node else body


def _is_cjk(phrase: str) -> bool:
    return any("\u3040" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in phrase)


def _build() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, tuple[str, ...]]]:
    table: dict[str, list[str]] = {}
    for module in (lex_en, lex_en_context, lex_es, lex_de, lex_fr, lex_pt, lex_ja, detectors):
        for feature, spec in module.PHRASES.items():
            for raw in spec.split("|"):
                phrase = " ".join(raw.split()).lower()
                if not phrase:
                    raise ValueError(f"{module.__name__}: empty phrase in {feature}")
                features = table.setdefault(phrase, [])
                if feature not in features:
                    features.append(feature)
    latin = [p for p in table if not _is_cjk(p)]
    cjk = [p for p in table if _is_cjk(p)]
    _inherit_prefixes(table)
    # Latin phrases sit on word boundaries ("sale" is not in "wholesale"). Starting the pattern
    # with a character class lets the regex engine skip to word starts in C instead of trying
    # the whole alternation at every position. CJK has no word boundaries.
    latin_pattern = re.compile(rf"{_WORD_START}({_trie_regex(latin)})(?!\w)")
    cjk_pattern = re.compile(_trie_regex(cjk))
    return latin_pattern, cjk_pattern, {k: tuple(v) for k, v in table.items()}


def _inherit_prefixes(table: dict[str, list[str]]) -> None:
    """A phrase also carries the features of its shorter prefixes ("my new book" -> "my new").

    The scan reports the longest phrase at each start position, so without this a prefix
    phrase would be hidden by a longer one starting at the same place.
    """
    for phrase, features in table.items():
        cuts = (
            range(1, len(phrase))
            if _is_cjk(phrase)
            else (i for i, ch in enumerate(phrase) if ch == " ")
        )
        for cut in cuts:
            for feature in table.get(phrase[:cut], ()):
                if feature not in features:
                    features.append(feature)


_LATIN, _CJK, _TABLE = _build()


def scan(lowered: str) -> dict[str, int]:
    """Features whose phrases occur in `lowered` text, with how many distinct phrases fired."""
    found: dict[str, int] = {}
    _collect(_LATIN, " " + lowered, 1, found)
    if not lowered.isascii() and _HAS_CJK(lowered):
        _collect(_CJK, lowered, 0, found)
    return found


def _collect(pattern: re.Pattern[str], text: str, group: int, found: dict[str, int]) -> None:
    search = pattern.search
    table = _TABLE
    # a feature counts again only for a match that does not overlap its previous one, so
    # "the bundle" and the "bundle" inside it are one piece of evidence, not two
    ends: dict[str, int] = {}
    m = search(text)
    while m is not None:
        key = m.group(group)
        features = table.get(key)
        if features is None:
            features = table.get(_DIGITS.sub(_NUMBER, key), ())
        start = m.start(group)
        for feature in features:
            if start >= ends.get(feature, -1):
                found[feature] = found.get(feature, 0) + 1
                ends[feature] = m.end(group)
        # restart one character later so overlapping phrases ("new book" in "my new book") count
        m = search(text, m.start() + 1)
