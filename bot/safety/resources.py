"""Where to find help now: per country, the emergency number and a crisis line, each with where
it was checked. This is the one table whose entries a bot message may carry (a phone number, or
the directory's address): see docs/safety.md for how it is kept current.

The operator can add or override entries with a JSON file (CRISIS_RESOURCES_FILE):
`{"XX": {"emergency": "112", "line": "Name 0800 000", "source": "where it was checked"}}`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import orjson

from bot.errors import ConfigError

# the fallback for anyone whose country we cannot tell: a directory of lines by country
DIRECTORY = "findahelpline.com"
DIRECTORY_SOURCE = "findahelpline.com (ThroughLine's directory; page per country, e.g. /AU)"


@dataclass(frozen=True, slots=True)
class Resource:
    country: str  # ISO 3166-1 alpha-2
    emergency: str  # the number for immediate danger
    line: str  # a crisis line, its name and number as people dial it
    source: str  # where the line was checked, and when
    verified: bool = True  # False: taken on trust, to be checked (docs/safety.md)


_CHECKED = "checked 2026-12-07"

RESOURCES: Mapping[str, Resource] = {
    r.country: r
    for r in (
        Resource("US", "911", "988 Suicide & Crisis Lifeline (call or text 988)",
                 f"en.wikipedia.org/wiki/Suicide_and_Crisis_Lifeline; {_CHECKED}"),
        Resource("CA", "911", "9-8-8 Suicide Crisis Helpline (call or text 988)",
                 f"en.wikipedia.org/wiki/988_(telephone_number) (Canada since 2023-11-30); "
                 f"{_CHECKED}"),
        Resource("GB", "999", "Samaritans 116 123",
                 f"samaritans.org contact page; {_CHECKED}"),
        Resource("IE", "112", "Samaritans 116 123",
                 f"newstalk.com and irishexaminer.com on Samaritans Ireland's freephone; "
                 f"{_CHECKED}"),
        Resource("DE", "112", "TelefonSeelsorge 0800 111 0 111 / 0800 111 0 222",
                 f"domradio.de glossary 'Telefonseelsorge'; {_CHECKED}"),
        Resource("FR", "112 (SAMU: 15)", "3114, numéro national de prévention du suicide "
                 "(gratuit, 24h/24)", f"service-public.fr actualité A15206; {_CHECKED}"),
        Resource("ES", "112", "024, Línea de atención a la conducta suicida (gratuita, 24 h)",
                 f"rtve.es 2022-05-09 (Ministerio de Sanidad); {_CHECKED}"),
        Resource("MX", "911", "Línea de la Vida 800 911 2000 (gratuita, 24 h)",
                 f"eluniversal.com.mx 2025-12-24 (CONASAMA); {_CHECKED}"),
        Resource("AR", "911 (emergencias médicas: 107)", "Línea 135 (CABA y GBA) o "
                 "(011) 5275-1135 desde todo el país",
                 f"lapostacomodorense.com.ar 2025-09-03; {_CHECKED}"),
        Resource("BR", "192 (SAMU) / 190", "CVV 188 (gratuito, 24 h)",
                 f"pt.wikipedia.org/wiki/Centro_de_Valorização_da_Vida; {_CHECKED}"),
        Resource("PT", "112", "SOS Voz Amiga 213 544 545 (todos os dias, 15h30-00h30); "
                 "linha de prevenção do suicídio 1411",
                 f"dn.pt 2025-09-10; {_CHECKED}"),
        Resource("JP", "119", "よりそいホットライン 0120-279-338（24時間・無料）",
                 f"mainichi.jp 2015-11-28 and tascalne.com; {_CHECKED}"),
    )
}  # fmt: skip

# Not verified from a public page this time (kept out of RESOURCES until checked):
# JP いのちの電話 0570-783-556 (navi dial, charged): only the free 0120-783-556 (10th of each
# month) was found.

# Whom to name when the country is unknown but the language is not: the largest country of
# that language in the table (the directory is always given too).
BY_LANGUAGE: Mapping[str, str] = {
    "en": "US", "es": "ES", "de": "DE", "fr": "FR", "pt": "BR", "ja": "JP",
}  # fmt: skip


def resource_for(
    country: str | None, language: str | None, table: Mapping[str, Resource] = RESOURCES
) -> Resource | None:
    """The entry for their country, else for their language's default country, else None
    (then only the directory is given)."""
    if country and country.upper() in table:
        return table[country.upper()]
    if country is None and language:
        default = BY_LANGUAGE.get(language.split("-", 1)[0].lower())
        if default is not None:
            return table.get(default)
    return None


def load_resources(path: Path | None) -> Mapping[str, Resource]:
    """The built-in table with the operator's file on top (None: the built-in table)."""
    if path is None:
        return RESOURCES
    try:
        raw = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        raise ConfigError(f"CRISIS_RESOURCES_FILE {path}: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"CRISIS_RESOURCES_FILE {path}: expected an object of countries")
    merged = dict(RESOURCES)
    for code, entry in raw.items():
        merged[code.upper()] = _entry(path, code, entry)
    return merged


def _entry(path: Path, code: str, entry: object) -> Resource:
    if not (isinstance(code, str) and len(code) == 2 and code.isalpha()):
        raise ConfigError(f"CRISIS_RESOURCES_FILE {path}: {code!r} is not a country code")
    fields = ("emergency", "line", "source")
    if not isinstance(entry, dict) or not all(isinstance(entry.get(f), str) for f in fields):
        raise ConfigError(
            f"CRISIS_RESOURCES_FILE {path}: {code} needs string fields {', '.join(fields)}"
        )
    if not all(entry[f].strip() for f in fields):
        raise ConfigError(f"CRISIS_RESOURCES_FILE {path}: {code} has an empty field")
    return Resource(code.upper(), entry["emergency"], entry["line"], entry["source"])
