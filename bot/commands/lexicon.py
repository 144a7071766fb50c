"""The words commands are made of, per language: synonyms, politeness, duration units.

Phrases are written naturally; `fold` turns both these tables and people's words into the
same key (case-folded, Latin accents dropped, curly apostrophes straightened), so "ARRÊTE",
"arrete" and "Arrête" all match. A phrase listed under several languages (or several with the
same key) records all of them, first listed first: "pause" is en, de and fr.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from bot.clock import US_PER_DAY, US_PER_HOUR
from bot.commands.model import CommandKind as K

_PHRASES: Mapping[K, Mapping[str, tuple[str, ...]]] = {
    K.STOP: {
        "en": (
            "stop",
            "unsubscribe",
            "unsubscribe me",
            "opt out",
            "opt-out",
            "optout",
            "stop messaging me",
            "stop messages",
            "no more messages",
            "leave me alone",
        ),
        "es": ("para", "alto", "detener", "detente", "basta", "baja", "darme de baja", "stop"),
        "de": ("stopp", "stop", "aufhören", "aufhoeren", "hör auf", "hoer auf", "abmelden"),
        "fr": ("stop", "arrête", "arrêter", "arrêtez", "désabonner", "me désabonner"),
        "pt": ("parar", "pare", "sair", "descadastrar", "stop"),
        "ja": (
            "やめて",
            "止めて",
            "停止",
            "停止して",
            "配信停止",
            "配信停止して",
            "ストップ",
            "stop",
        ),
    },
    K.START: {
        "en": ("start", "restart", "subscribe", "opt in", "opt-in", "optin"),
        "es": ("empezar", "comenzar", "suscribir", "suscribirme"),
        "de": ("starten", "anmelden"),
        "fr": ("commencer", "démarrer"),
        "pt": ("começar", "iniciar"),
        "ja": ("開始", "スタート"),
    },
    K.PAUSE: {
        "en": ("pause", "snooze", "mute", "pause me", "take a break"),
        "es": ("pausa", "pausar", "pausame", "silenciar"),
        "de": ("pause", "pausieren", "stumm"),
        "fr": ("pause", "mettre en pause", "en pause", "met en pause"),
        "pt": ("pausa", "pausar"),
        "ja": ("一時停止", "一時停止して", "休止"),
    },
    K.RESUME: {
        "en": ("resume", "unpause", "unsnooze", "unmute"),
        "es": ("reanudar", "reanuda"),
        "de": ("fortsetzen", "weiter"),
        "fr": ("reprendre", "reprends"),
        "pt": ("retomar", "retome", "voltar"),
        "ja": ("再開", "再開して"),
    },
    K.HELP: {
        "en": ("help", "?", "commands"),
        "es": ("ayuda", "comandos", "help"),
        "de": ("hilfe", "befehle", "help"),
        "fr": ("aide", "commandes", "help"),
        "pt": ("ajuda", "help"),
        "ja": ("ヘルプ", "使い方", "help"),
    },
    K.STATUS: {
        "en": ("status", "my data", "my settings", "settings"),
        "es": ("estado", "mis datos"),
        "de": ("status", "meine daten"),
        "fr": ("statut", "mes données"),
        "pt": ("status", "estado", "meus dados"),
        "ja": ("状態", "ステータス"),
    },
    K.TZ: {
        "en": ("tz", "timezone", "time zone"),
        "es": ("zona horaria",),
        "de": ("zeitzone",),
        "fr": ("fuseau", "fuseau horaire"),
        "pt": ("fuso", "fuso horário"),
        "ja": ("タイムゾーン",),
    },
    K.HOURS: {
        "en": ("hours",),
        "es": ("horas", "horario"),
        "de": ("stunden", "zeiten", "uhrzeit"),
        "fr": ("heures", "horaires"),
        "pt": ("horas", "horário"),
        "ja": ("時間帯",),
    },
    K.LESS: {
        "en": ("less", "less often", "fewer"),
        "es": ("menos",),
        "de": ("weniger", "seltener"),
        "fr": ("moins",),
        "pt": ("menos",),
        "ja": ("少なめ", "減らして"),
    },
    K.MORE: {
        "en": ("more", "more often"),
        "es": ("más",),
        "de": ("mehr", "öfter", "oefter"),
        "fr": ("plus", "plus souvent"),
        "pt": ("mais",),
        "ja": ("多め", "増やして"),
    },
    K.FORGET: {
        "en": (
            "forget",
            "forget me",
            "forget about me",
            "delete me",
            "delete my data",
            "erase my data",
            "delete everything",
        ),
        "es": ("olvídame", "borra mis datos", "borrar mis datos"),
        "de": ("vergiss mich", "lösche meine daten", "daten löschen"),
        "fr": ("oublie-moi", "oubliez-moi", "supprimer mes données", "supprime mes données"),
        "pt": (
            "me esquece",
            "me esqueça",
            "esqueça-me",
            "esquece-me",
            "apague meus dados",
            "apagar meus dados",
        ),
        "ja": ("忘れて", "データ削除", "データを削除", "データを削除して"),
    },
    K.LANG: {
        "en": ("lang", "language"),
        "es": ("idioma",),
        "de": ("sprache",),
        "fr": ("langue",),
        "pt": ("idioma", "língua"),
        "ja": ("言語",),
    },
}

# `friends …` is English only for now; the sub-command decides the kind (bot/commands/__init__).
FRIENDS = "friends"

# Dropped wherever they appear (before matching), so "please stop 🙏" is just "stop". They
# also hint at the language when a command word is shared ("pause bitte": de).
_POLITENESS: Mapping[str, tuple[str, ...]] = {
    "en": ("please", "pls", "plz", "thanks", "thank you", "thx", "ty", "kindly"),
    "es": ("por favor", "porfa", "gracias"),
    "de": ("bitte", "danke"),
    "fr": ("s'il vous plaît", "s'il te plaît", "svp", "stp", "merci"),
    "pt": ("por favor", "obrigado", "obrigada"),
}
# Japanese is written without spaces: politeness is a suffix of the command word itself.
JA_POLITE_SUFFIXES = ("お願いします", "おねがいします", "ください", "下さい")

# Duration units: key -> (length in µs, languages). Months are 30 days, years 365.
_W, _MO, _Y = 7 * US_PER_DAY, 30 * US_PER_DAY, 365 * US_PER_DAY
_UNITS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (US_PER_HOUR, "en", ("h", "hr", "hrs", "hour", "hours")),
    (US_PER_DAY, "en", ("d", "day", "days")),
    (_W, "en", ("w", "wk", "wks", "week", "weeks")),
    (_MO, "en", ("mo", "mon", "month", "months")),
    (_Y, "en", ("y", "yr", "year", "years")),
    (US_PER_HOUR, "es", ("hora", "horas")),
    (US_PER_DAY, "es", ("día", "días")),
    (_W, "es", ("semana", "semanas")),
    (_MO, "es", ("mes", "meses")),
    (_Y, "es", ("año", "años")),
    (US_PER_HOUR, "de", ("std", "stunde", "stunden")),
    (US_PER_DAY, "de", ("t", "tag", "tage", "tagen")),
    (_W, "de", ("woche", "wochen")),
    (_MO, "de", ("monat", "monate", "monaten")),
    (_Y, "de", ("jahr", "jahre", "jahren")),
    (US_PER_HOUR, "fr", ("heure", "heures")),
    (US_PER_DAY, "fr", ("j", "jour", "jours")),
    (_W, "fr", ("semaine", "semaines")),
    (_MO, "fr", ("mois",)),
    (_Y, "fr", ("an", "ans", "année", "années")),
    (US_PER_HOUR, "pt", ("hora", "horas")),
    (US_PER_DAY, "pt", ("dia", "dias")),
    (_W, "pt", ("semana", "semanas")),
    (_MO, "pt", ("mês", "meses")),
    (_Y, "pt", ("ano", "anos")),
    (US_PER_HOUR, "ja", ("時間",)),
    (US_PER_DAY, "ja", ("日", "日間")),
    (_W, "ja", ("週", "週間")),
    (_MO, "ja", ("か月", "ヶ月", "ヵ月", "カ月", "ケ月")),
    (_Y, "ja", ("年",)),
)

# Words for "1" ("pause for a week") and small English numbers; other number words are not needed.
NUMBER_WORDS: Mapping[str, int] = {
    **dict.fromkeys(
        ("a", "an", "one", "un", "una", "uno", "ein", "eine", "einen", "une", "um", "uma"), 1
    ),
    **{
        w: i
        for i, w in enumerate(
            ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), start=2
        )
    },
}
DURATION_FILLERS = frozenset({"for", "por", "für", "fur", "pour", "pendant", "durante"})
UNTIL_WORDS: Mapping[str, tuple[str, ...]] = {
    **dict.fromkeys(("until", "till", "til"), ("en",)),
    **{"hasta": ("es",), "bis": ("de",), "jusqu'au": ("fr",), "jusqu'a": ("fr",), "ate": ("pt",)},
}
VAGUE_DURATIONS = frozenset({("a", "while"), ("awhile",), ("a", "bit"), ("some", "time")})


def fold(text: str) -> str:
    """The matching key: case-folded, accents on Latin letters dropped, ’ → '.

    Only Latin letters lose marks: Japanese voicing marks (プ = フ + ゚) change the word.
    """
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text.casefold().replace("’", "'")):
        if unicodedata.combining(ch) and out and out[-1] < "ɐ":  # up to Latin Extended-B
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def _keys(phrase: str) -> list[tuple[str, ...]]:
    """Token keys of a phrase; "oublie-moi" also as "oublie moi"."""
    words = fold(phrase).split()
    keys = [tuple(words)]
    if any("-" in w for w in words):
        keys.append(tuple(fold(phrase.replace("-", " ")).split()))
    return keys


def _build_phrases() -> dict[tuple[str, ...], tuple[K, tuple[str, ...]]]:
    index: dict[tuple[str, ...], tuple[K, tuple[str, ...]]] = {}
    for kind, by_language in _PHRASES.items():
        for language, phrases in by_language.items():
            for key in (k for p in phrases for k in _keys(p)):
                known_kind, languages = index.get(key, (kind, ()))
                if known_kind is not kind:  # a table mistake: fail at import, loudly
                    raise ValueError(f"{key} is both {known_kind} and {kind}")
                if language not in languages:
                    index[key] = (kind, (*languages, language))
    return index


def _build_politeness() -> dict[tuple[str, ...], tuple[str, ...]]:
    index: dict[tuple[str, ...], tuple[str, ...]] = {}
    for language, phrases in _POLITENESS.items():
        for key in (k for p in phrases for k in _keys(p)):
            index[key] = (*index.get(key, ()), language)
    return index


def _build_units() -> dict[str, tuple[int, tuple[str, ...]]]:
    index: dict[str, tuple[int, tuple[str, ...]]] = {}
    for length_us, language, words in _UNITS:
        for word in map(fold, words):
            known, languages = index.get(word, (length_us, ()))
            if known != length_us:
                raise ValueError(f"unit {word!r} has two lengths")
            index[word] = (length_us, (*languages, language))
    return index


PHRASES = _build_phrases()
POLITENESS = _build_politeness()
UNITS = _build_units()
MAX_PHRASE_TOKENS = max(len(k) for k in (*PHRASES, *POLITENESS))
