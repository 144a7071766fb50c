"""promo_only over whole replays: people who post only promotions for three weeks are nudged
once; people whose posts merely talk about money, shops or work are not.

The posts are written here for these scenarios and are in no training file. Each promoter's
run mixes plain asks with quieter announcements, as real promotional spells do, so the
per-person rule (not one post's verdict) decides.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import orjson
import pytest

from bot.replay import ReplayOptions, run_replay
from tests.streams import BOT, US_PER_DAY, US_PER_HOUR, Stream, at

START = at("2026-08-01T12:00")

PROMOTERS: dict[str, tuple[str, list[str]]] = {
    "did:plc:freelancer": (
        "en",
        [
            "booking logo + brand identity projects for january, 2 spots left. DMs open",
            "reminder my rates go up next month, lock in the old price now",
            "new case study on the site: full rebrand for a tiny coffee roaster ☕ hire me",
            "still taking clients for december! packaging, logos, menus",
            "just finished a brand refresh, if your business needs one my inbox is open",
            "1 opening left for a website build before the holidays",
            "portfolio updated, commissions for brand kits are open",
            "freelance designer available for contract work, remote, reasonable rates",
            "want a logo that doesn't look like clipart? that's literally my job. quotes free",
        ],
    ),
    "did:plc:podcaster": (
        "en",
        [
            "NEW EPISODE: we talk to a beekeeper about swarm season. out now wherever you listen",
            "ep 42 is live! link in bio 🎙️",
            "if you like the show please rate us 5 stars, it really helps",
            "this week's episode is a banger, go listen",
            "bonus episode for patrons drops tomorrow, join for $3",
            "our newsletter goes out friday, subscribe so you don't miss the show notes",
            "new ep: the weird history of the paperclip. available on all platforms",
            "we're live on youtube in 10 minutes, come hang",
            "episode 43 out now, featuring the funniest guest we've ever had",
        ],
    ),
    "did:plc:tienda": (
        "es",
        [
            "¡Nuevos pendientes en la tienda! Envíos a toda España 💫",
            "Últimas unidades de la colección de otoño, corre que vuelan",
            "Hoy 15% de descuento con el código OTONO15 en toda la web",
            "Ya podéis reservar los calendarios 2027, edición limitada",
            "Reposición de las tazas pintadas a mano, enlace en la bio",
            "Este finde estamos en el mercadillo de la plaza, puesto 12. ¡Venid a vernos!",
            "Aceptamos encargos personalizados para Navidad, escribidnos por privado",
            "Sorteo: sigue la cuenta y comparte este post para ganar un collar",
        ],
    ),
    "did:plc:doujin": (
        "ja",
        [
            "新刊の通販始まりました！BOOTHにて頒布中です",
            "冬コミ当選しました🎉 2日目東ホールでお待ちしてます",
            "アクスタ再入荷しました、よろしくお願いします",
            "有償依頼受付中です。詳細はプロフのリンクから",
            "FANBOXで今月の支援者向けイラスト公開しました",
            "新作グッズの予約受付開始です！締切は月末まで",
            "イベント頒布価格は1000円です、通販は後日",
            "スキマでリクエスト受付中、お気軽にどうぞ",
        ],
    ),
}

GENUINE: dict[str, tuple[str, list[str]]] = {
    "did:plc:shopper": (
        "en",
        [
            "steam sale got me again, bought three games I will never play",
            "rent went up another 12% this year, honestly how is anyone managing",
            "finally bought a decent winter coat, it was on sale and I'm so warm",
            "my friend just opened a bakery downtown and her cinnamon rolls are unreal",
            "got laid off today. taking a few days before I think about anything",
            "anyone know a good cheap vacuum? mine died",
            "grocery bill this week was absurd, eggs cost how much now",
            "sketched my cat this morning, she was not a cooperative model",
        ],
    ),
    "did:plc:vecina": (
        "es",
        [
            "Qué frío hace hoy en Madrid, no me esperaba esto en noviembre",
            "He comprado una cafetera nueva y por fin el café sabe a algo",
            "El alquiler está imposible, mi piso subió 100 euros",
            "Recomiendo muchísimo la librería de mi amiga en Lavapiés, tiene de todo",
            "Hoy toca limpiar el armario, deseadme suerte",
            "¿Alguien sabe de un buen fontanero en Valencia? urgente jaja",
            "Terminé el libro que me recomendasteis, me encantó",
            "Mi perro ha descubierto la nieve y está como loco",
        ],
    ),
}


async def _replay(stream: Stream, tmp_path: Path) -> list[dict[str, Any]]:
    path = tmp_path / "stream.jsonl"
    stream.write(str(path))
    out = io.StringIO()
    await run_replay(str(path), ReplayOptions(bot_did=BOT), out)
    return [orjson.loads(line) for line in out.getvalue().splitlines()]


def _three_weeks(stream: Stream, did: str, lang: str, posts: list[str]) -> None:
    stream.follow(did, START)
    for day in range(1, 22):
        text = posts[day % len(posts)]
        stream.post(did, START + day * US_PER_DAY + 3 * US_PER_HOUR, text)
        stream.events[-1]["commit"]["record"]["langs"] = [lang]


@pytest.fixture(scope="module")
def scenario_dms(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    import asyncio

    stream = Stream()
    for did, (lang, posts) in {**PROMOTERS, **GENUINE}.items():
        _three_weeks(stream, did, lang, posts)
    # someone else keeps the stream going for 90 days, so simulated time reaches the end
    stream.like("did:plc:someoneelse", START + 90 * US_PER_DAY)
    return asyncio.run(_replay(stream, tmp_path_factory.mktemp("promo")))


# The freelancer was a known miss until writers wf and wg (casual offers) joined the corpus. Not
# independent evidence: wg's brief quoted two of its posts' phrases as examples of casual offers
# ("reminder my rates go up next month", "1 opening left before the holidays"); the blind and
# timeline splits are the figures that count (docs/classifier.md).
@pytest.mark.parametrize("did", sorted(PROMOTERS))
def test_a_three_week_promotional_spell_is_nudged_once(
    scenario_dms: list[dict[str, Any]], did: str
) -> None:
    kinds = [dm["kind"] for dm in scenario_dms if dm["did"] == did]
    assert kinds.count("promo_only") == 1, kinds


@pytest.mark.parametrize("did", sorted(GENUINE))
def test_talk_about_money_and_shops_is_not_promotion(
    scenario_dms: list[dict[str, Any]], did: str
) -> None:
    kinds = [dm["kind"] for dm in scenario_dms if dm["did"] == did]
    assert "promo_only" not in kinds, kinds
