"""Pure: a DM's text -> a command, an invalid command, or None (a human reply).

A message is a command only when it is essentially just the command: after normalising case,
width, punctuation and emoji and dropping a few politeness words, at most a handful of words
that match a command. "I can't stop laughing" is a human reply, "STOP!! 🙏" is `stop`.
Synonyms for stop / pause / help (and a few more) are known in en, es, de, fr, pt and ja; the
language a command was written in is returned so the answer can use it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from bot.commands_args import parse_duration_us, parse_hours, parse_tz

MAX_COMMAND_CHARS = 200  # a longer message is never a command: it is someone talking
MAX_WORDS = 6
_KEEP = set("/_-+:@.'’–—?")


class CommandKind(StrEnum):
    STOP = "stop"
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    HELP = "help"
    STATUS = "status"
    TZ = "tz"
    HOURS = "hours"
    LESS = "less"
    MORE = "more"
    FORGET = "forget"
    FRIENDS_ON = "friends_on"
    FRIENDS_OFF = "friends_off"
    FRIENDS_SKIP = "friends_skip"
    FRIENDS_LIST = "friends_list"


@dataclass(frozen=True, slots=True)
class Command:
    kind: CommandKind
    language: str = "en"
    pause_until_us: int | None = None
    tz_name: str | None = None
    hours: tuple[int, int] | None = None
    handle: str | None = None


@dataclass(frozen=True, slots=True)
class Invalid:
    """It looked like a command, but its argument cannot be used; `reason` says why."""

    kind: CommandKind
    reason: str
    language: str = "en"


# whole messages (after normalising) -> (command, language)
_PHRASES: dict[str, tuple[CommandKind, str]] = {}


def _add(kind: CommandKind, language: str, *phrases: str) -> None:
    for phrase in phrases:
        _PHRASES.setdefault(phrase, (kind, language))


_add(
    CommandKind.STOP,
    "en",
    "stop",
    "unsubscribe",
    "opt out",
    "optout",
    "stop messages",
    "stop messaging me",
    "no more messages",
    "cancel",
)
_add(CommandKind.STOP, "es", "para", "alto", "detener", "parar", "basta", "cancelar", "no más")
_add(CommandKind.STOP, "de", "stopp", "aufhören", "aufhoren", "abbestellen", "halt", "beenden")
_add(
    CommandKind.STOP,
    "fr",
    "arrête",
    "arrêter",
    "arrete",
    "arreter",
    "arrêtez",
    "stoppe",
    "désabonner",
    "desabonner",
)
_add(CommandKind.STOP, "pt", "pare", "parar de enviar", "chega")
_add(
    CommandKind.STOP,
    "ja",
    "やめて",
    "停止",
    "配信停止",
    "やめる",
    "ストップ",
    "配信停止して",
    "停止して",
)
_add(CommandKind.START, "en", "start", "restart", "start again", "opt in", "optin")
_add(CommandKind.START, "es", "empezar", "comenzar", "iniciar")
_add(CommandKind.START, "de", "starten", "anfangen")
_add(CommandKind.START, "fr", "commencer", "démarrer", "demarrer")
_add(CommandKind.START, "pt", "começar", "comecar")
_add(CommandKind.START, "ja", "開始", "スタート")
_add(CommandKind.RESUME, "en", "resume", "unpause", "continue", "unsnooze", "unmute")
_add(CommandKind.RESUME, "es", "reanudar", "continuar", "seguir")
_add(CommandKind.RESUME, "de", "fortsetzen", "weiter")
_add(CommandKind.RESUME, "fr", "reprendre", "continuer")
_add(CommandKind.RESUME, "pt", "retomar", "continuar")
_add(CommandKind.RESUME, "ja", "再開")
_add(CommandKind.HELP, "en", "help", "?", "commands", "options", "how does this work")
_add(CommandKind.HELP, "es", "ayuda", "comandos")
_add(CommandKind.HELP, "de", "hilfe", "befehle")
_add(CommandKind.HELP, "fr", "aide", "commandes")
_add(CommandKind.HELP, "pt", "ajuda", "comandos")
_add(CommandKind.HELP, "ja", "ヘルプ", "使い方")
_add(CommandKind.STATUS, "en", "status", "my status", "my data", "info", "what do you know")
_add(CommandKind.STATUS, "es", "estado", "mis datos")
_add(CommandKind.STATUS, "de", "meine daten")
_add(CommandKind.STATUS, "fr", "statut", "état", "mes données")
_add(CommandKind.STATUS, "pt", "situação", "meus dados")
_add(CommandKind.STATUS, "ja", "状態", "ステータス")
_add(CommandKind.LESS, "en", "less", "less often", "fewer", "fewer messages")
_add(CommandKind.LESS, "es", "menos")
_add(CommandKind.LESS, "de", "weniger", "seltener")
_add(CommandKind.LESS, "fr", "moins")
_add(CommandKind.LESS, "ja", "減らして")
_add(CommandKind.MORE, "en", "more", "more often")
_add(CommandKind.MORE, "es", "más", "mas")
_add(CommandKind.MORE, "de", "mehr", "öfter")
_add(CommandKind.MORE, "fr", "plus", "plus souvent")
_add(CommandKind.MORE, "pt", "mais")
_add(
    CommandKind.FORGET,
    "en",
    "forget",
    "forget me",
    "delete",
    "delete me",
    "delete my data",
    "erase",
    "erase me",
    "erase my data",
)
_add(CommandKind.FORGET, "es", "olvídame", "olvidame", "borrar mis datos", "borra mis datos")
_add(CommandKind.FORGET, "de", "vergiss mich", "daten löschen", "lösch meine daten")
_add(CommandKind.FORGET, "fr", "oublie-moi", "oublie moi", "oubliez-moi", "supprimer mes données")
_add(CommandKind.FORGET, "pt", "me esqueça", "esqueça-me", "apagar meus dados")
_add(CommandKind.FORGET, "ja", "データを削除", "削除して", "忘れて")

# a first word that takes an argument -> (command, language)
_LEADS: dict[str, tuple[CommandKind, str]] = {
    "pause": (CommandKind.PAUSE, "en"), "snooze": (CommandKind.PAUSE, "en"),
    "mute": (CommandKind.PAUSE, "en"), "pausa": (CommandKind.PAUSE, "es"),
    "pausar": (CommandKind.PAUSE, "es"), "pausieren": (CommandKind.PAUSE, "de"),
    "一時停止": (CommandKind.PAUSE, "ja"), "休止": (CommandKind.PAUSE, "ja"),
    "tz": (CommandKind.TZ, "en"), "timezone": (CommandKind.TZ, "en"),
    "zeitzone": (CommandKind.TZ, "de"), "fuseau": (CommandKind.TZ, "fr"),
    "hours": (CommandKind.HOURS, "en"), "horas": (CommandKind.HOURS, "es"),
    "stunden": (CommandKind.HOURS, "de"), "uhrzeiten": (CommandKind.HOURS, "de"),
    "heures": (CommandKind.HOURS, "fr"), "horário": (CommandKind.HOURS, "pt"),
    "friends": (CommandKind.FRIENDS_LIST, "en"),
}  # fmt: skip
_TWO_WORD_LEADS = {"time zone": "timezone", "zona horaria": "timezone", "fuso horário": "timezone"}
_POLITE = (
    "please", "pls", "plz", "thanks", "thank you", "por favor", "gracias", "bitte", "danke",
    "s'il vous plaît", "s'il te plaît", "svp", "merci", "obrigado", "obrigada",
    "お願いします", "おねがいします", "ください",
)  # fmt: skip
_POLITE_RE = re.compile(
    "|".join(rf"(?<![\w]){re.escape(p)}(?![\w])" if p.isascii() else re.escape(p) for p in _POLITE)
)


def normalise(text: str) -> str:
    """Casefolded NFKC text with emoji, symbols and most punctuation turned into spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = (
        ch if ch.isalnum() or ch in _KEEP or ch.isspace() else " "
        for ch in folded
        if unicodedata.category(ch) != "Cf"  # zero-width joiners and friends
    )
    spaced = "".join(kept).replace("’", "'")
    spaced = _POLITE_RE.sub(" ", spaced)
    words = [w.strip(".:'?") or w for w in spaced.split()]
    return " ".join(w for w in words if w not in ("-", "–", "—"))


def parse_command(text: str, now_us: int) -> Command | Invalid | None:
    if not text or len(text) > MAX_COMMAND_CHARS:
        return None
    norm = normalise(text)
    if text.strip() == "?":
        norm = "?"
    words = norm.split()
    if not words or len(words) > MAX_WORDS:
        return None
    if norm in _PHRASES:
        kind, language = _PHRASES[norm]
        return Command(kind, language)
    for phrase, lead in _TWO_WORD_LEADS.items():
        if norm.startswith(phrase + " "):
            norm = lead + norm[len(phrase) :]
            words = norm.split()
    lead_word = words[0]
    if lead_word not in _LEADS:
        return None
    kind, language = _LEADS[lead_word]
    return _with_argument(kind, language, words[1:], now_us)


def _with_argument(
    kind: CommandKind, language: str, rest: list[str], now_us: int
) -> Command | Invalid | None:
    argument = " ".join(rest)
    if kind is CommandKind.PAUSE:
        until = parse_duration_us(argument, now_us)
        if isinstance(until, str):
            return Invalid(kind, until, language)
        return Command(kind, language, pause_until_us=until)
    if kind is CommandKind.TZ:
        zone = parse_tz(argument)
        if zone is None:
            return Invalid(kind, f"“{argument}” is not a time zone I know", language)
        return Command(kind, language, tz_name=zone)
    if kind is CommandKind.HOURS:
        hours = parse_hours(argument)
        if isinstance(hours, str):
            return Invalid(kind, hours, language)
        return Command(kind, language, hours=hours)
    return _friends(rest, language)


def _friends(rest: list[str], language: str) -> Command | Invalid | None:
    if not rest:
        return Command(CommandKind.FRIENDS_LIST, language)
    if rest == ["on"]:
        return Command(CommandKind.FRIENDS_ON, language)
    if rest == ["off"]:
        return Command(CommandKind.FRIENDS_OFF, language)
    if rest[0] == "skip" and len(rest) == 2:
        handle = rest[1].lstrip("@").rstrip(".")
        if handle.startswith("did:") or re.fullmatch(r"[a-z0-9][a-z0-9.-]*\.[a-z0-9-]+", handle):
            return Command(CommandKind.FRIENDS_SKIP, language, handle=handle)
        return Invalid(CommandKind.FRIENDS_SKIP, f"“{rest[1]}” is not a handle", language)
    return None
