"""What the bot says back to a command or a reply: short, warm, no links, no asks.

English has every text; the other languages have those a person is most likely to need in their
own words (stop, pause, help, the acknowledgement). A missing one falls back to English.
"""

from __future__ import annotations

from collections.abc import Mapping

EN: Mapping[str, str] = {
    "stopped": (
        "Done: I've stopped and deleted what I held about you. If you ever want these "
        "check-ins again, write “start” here or follow me anew. Take care!"
    ),
    "forgotten": (
        "Done: I've deleted everything I held about you and won't message you again. "
        "Write “start” here or follow me anew if you change your mind."
    ),
    "started": (
        "Welcome back! As long as you follow this account, I'll check in now and then, "
        "rarely. Write “stop” any time."
    ),
    "already_in": "You're all set: I'll check in now and then, rarely. Write “help” for options.",
    "not_following": "To hear from me, follow this account; write “stop” any time to end it.",
    "paused": "Paused until {until}. Write “resume” to undo it.",
    "resumed": "Resumed. I'll check in now and then, rarely.",
    "tz": "Got it: your time zone is {tz}. I'll only write during your daytime.",
    "hours": "Got it: I'll only write between {start}:00 and {end}:00 your time.",
    "less": "Got it: at most one check-in a month from now on. Write “more” to undo it.",
    "more": "Got it: back to the usual, at most one check-in a week.",
    "status": (
        "What I hold about you: following since {since}; last check-in: {last}; "
        "paused: {paused}; time zone: {tz}. Nothing else — never your posts."
    ),
    "help": (
        "I'm a small bot that checks in now and then. You can write: “pause 2w”, “resume”, "
        "“less”, “more”, “tz Europe/Berlin”, “hours 9-18”, “status”, “stop” or “forget”."
    ),
    # an invalid command's answer never quotes its words: they may be anything, and answers
    # are stored (held, recorded) until sent
    "invalid": "Sorry, I didn't get that. Write “help” for what I understand.",
    "invalid_pause": (
        "Sorry, I didn't get how long to pause (it must end tomorrow or later). "
        "Write e.g. “pause 2w” or “pause until 2026-12-24”."
    ),
    "invalid_tz": (
        "Sorry, I don't know that time zone. Write e.g. “tz Europe/Berlin” or “tz UTC+2”."
    ),
    "invalid_hours": "Sorry, I didn't get those hours. Write e.g. “hours 9-18”.",
    "invalid_handle": "Sorry, that isn't a handle. Write e.g. “friends skip @alice.bsky.social”.",
    "ack": "Thank you for writing back! A human reads these and may answer here too.",
    "friends_later": "That isn't available yet. Write “help” for what I can do.",
    "friends_on": (
        "Stay in touch is on: now and then I may suggest someone you used to talk with a lot. "
        "I keep only whom you replied to, mentioned or quoted — never what you said. "
        "Write “friends off” to end it."
    ),
    "friends_off": "Stay in touch is off, and I've deleted whom you talked with.",
    "friends_skip": "Got it: I won't suggest @{handle}.",
    "friends_unknown": "Sorry, I couldn't find that account.",
    "friends_disabled": "Stay in touch is off. Write “friends on” to turn it on.",
    "friends_none": "Nobody to suggest right now: no one you talked with regularly has gone quiet.",
    "friends_list": "I might suggest: {list}.",
    "never": "not yet",
    "not_paused": "no",
    "tz_unknown": "not set (guessed from when you post)",
}

ES: Mapping[str, str] = {
    "stopped": (
        "Hecho: he parado y borrado lo que guardaba sobre ti. Si algún día quieres volver, "
        "escribe “start” aquí o sígueme de nuevo. ¡Cuídate!"
    ),
    "paused": "En pausa hasta el {until}. Escribe “resume” para deshacerlo.",
    "resumed": "Reanudado. Te escribiré de vez en cuando, pocas veces.",
    "help": (
        "Soy un pequeño bot que saluda de vez en cuando. Puedes escribir: “pausa 2 semanas”, "
        "“resume”, “less”, “more”, “tz Europe/Madrid”, “hours 9-18”, “status” o “stop”."
    ),
    "ack": "¡Gracias por responder! Una persona lee estos mensajes y puede contestarte aquí.",
    "invalid": "Perdona, no lo he entendido. Escribe “help” para ver lo que entiendo.",
    "invalid_pause": (
        "Perdona, no he entendido cuánto tiempo pausar (debe terminar mañana o más tarde). "
        "Escribe, por ejemplo, “pausa 2 semanas”."
    ),
    "invalid_tz": (
        "Perdona, no conozco esa zona horaria. Escribe, por ejemplo, “tz Europe/Madrid” o "
        "“tz UTC+1”."
    ),
    "invalid_hours": "Perdona, no he entendido esas horas. Escribe, por ejemplo, “hours 9-18”.",
}

DE: Mapping[str, str] = {
    "stopped": (
        "Erledigt: Ich habe aufgehört und gelöscht, was ich über dich hatte. Wenn du wieder "
        "möchtest, schreib hier „start“ oder folge mir erneut. Mach's gut!"
    ),
    "paused": "Pausiert bis {until}. Schreib „resume“, um es rückgängig zu machen.",
    "resumed": "Weiter geht's. Ich melde mich ab und zu, selten.",
    "help": (
        "Ich bin ein kleiner Bot, der sich ab und zu meldet. Du kannst schreiben: "
        "„pause 2 Wochen“, „resume“, „less“, „more“, „tz Europe/Berlin“, „hours 9-18“, "
        "„status“ oder „stop“."
    ),
    "ack": "Danke für deine Antwort! Ein Mensch liest diese Nachrichten und antwortet vielleicht.",
    "invalid": "Entschuldige, das habe ich nicht verstanden. Schreib „help“ für die Befehle.",
    "invalid_pause": (
        "Entschuldige, ich habe nicht verstanden, wie lange ich pausieren soll (frühestens bis "
        "morgen). Schreib z. B. „pause 2 Wochen“."
    ),
    "invalid_tz": (
        "Entschuldige, diese Zeitzone kenne ich nicht. Schreib z. B. „tz Europe/Berlin“ oder "
        "„tz UTC+1“."
    ),
    "invalid_hours": (
        "Entschuldige, diese Uhrzeiten habe ich nicht verstanden. Schreib z. B. „hours 9-18“."
    ),
}

FR: Mapping[str, str] = {
    "stopped": (
        "C'est fait : j'ai arrêté et supprimé ce que je gardais sur toi. Si tu veux revenir, "
        "écris « start » ici ou suis-moi à nouveau. Prends soin de toi !"
    ),
    "paused": "En pause jusqu'au {until}. Écris « resume » pour annuler.",
    "resumed": "C'est reparti. Je passerai te dire bonjour de temps en temps, rarement.",
    "help": (
        "Je suis un petit bot qui prend des nouvelles de temps en temps. Tu peux écrire : "
        "« pause 2 semaines », « resume », « less », « more », « tz Europe/Paris », "
        "« hours 9-18 », « status » ou « stop »."
    ),
    "ack": "Merci pour ta réponse ! Une personne lit ces messages et peut te répondre ici.",
    "invalid": "Désolé, je n'ai pas compris. Écris « help » pour voir ce que je comprends.",
    "invalid_pause": (
        "Désolé, je n'ai pas compris la durée de la pause (elle doit finir demain ou plus tard). "
        "Écris par exemple « pause 2 semaines »."
    ),
    "invalid_tz": (
        "Désolé, je ne connais pas ce fuseau horaire. Écris par exemple « tz Europe/Paris » ou "
        "« tz UTC+1 »."
    ),
    "invalid_hours": "Désolé, je n'ai pas compris ces horaires. Écris par exemple « hours 9-18 ».",
}

PT: Mapping[str, str] = {
    "stopped": (
        "Feito: parei e apaguei o que eu guardava sobre você. Se quiser voltar, escreva "
        "“start” aqui ou me siga de novo. Se cuida!"
    ),
    "paused": "Pausado até {until}. Escreva “resume” para desfazer.",
    "resumed": "Retomado. Vou dar um oi de vez em quando, raramente.",
    "help": (
        "Sou um pequeno bot que dá um oi de vez em quando. Você pode escrever: "
        "“pausa 2 semanas”, “resume”, “less”, “more”, “tz America/Sao_Paulo”, "
        "“hours 9-18”, “status” ou “stop”."
    ),
    "ack": "Obrigado por responder! Uma pessoa lê estas mensagens e pode responder aqui.",
    "invalid": "Desculpe, não entendi. Escreva “help” para ver o que eu entendo.",
    "invalid_pause": (
        "Desculpe, não entendi por quanto tempo pausar (precisa terminar amanhã ou depois). "
        "Escreva, por exemplo, “pausa 2 semanas”."
    ),
    "invalid_tz": (
        "Desculpe, não conheço esse fuso horário. Escreva, por exemplo, “tz America/Sao_Paulo” "
        "ou “tz UTC-3”."
    ),
    "invalid_hours": "Desculpe, não entendi esses horários. Escreva, por exemplo, “hours 9-18”.",
}

JA: Mapping[str, str] = {
    "stopped": (
        "停止し、保存していた情報を削除しました。また受け取りたくなったら、ここに「start」と"
        "書くか、もう一度フォローしてください。お元気で！"
    ),
    "paused": "{until}まで一時停止しました。元に戻すには「resume」と書いてください。",
    "resumed": "再開しました。ときどき、まれにご連絡します。",
    "help": (
        "ときどき様子をうかがう小さなボットです。使える言葉：「pause 2w」「resume」「less」"
        "「more」「tz Asia/Tokyo」「hours 9-18」「status」「stop」。"
    ),
    "ack": "お返事ありがとうございます！人が読んでいて、ここで返信することもあります。",
    "invalid": "すみません、よく分かりませんでした。「help」と書くと使える言葉が分かります。",
    "invalid_pause": (
        "すみません、一時停止の期間が分かりませんでした（明日以降に終わる期間にしてください）。"
        "例：「pause 2w」"
    ),
    "invalid_tz": "すみません、そのタイムゾーンは分かりません。例：「tz Asia/Tokyo」「tz UTC+9」",
    "invalid_hours": "すみません、時間帯が分かりませんでした。例：「hours 9-18」",
}

_BY_LANGUAGE: Mapping[str, Mapping[str, str]] = {
    "en": EN, "es": ES, "de": DE, "fr": FR, "pt": PT, "ja": JA,
}  # fmt: skip


def reply_text(key: str, language: str | None = "en", **values: object) -> str:
    """The text for `key` in `language` (English when that language lacks it), filled in."""
    table = _BY_LANGUAGE.get((language or "en").split("-", 1)[0].lower(), EN)
    template = table.get(key) or EN[key]
    return template.format(**values) if values else template
