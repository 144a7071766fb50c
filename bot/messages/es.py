"""Spanish texts (tú, neutral for Spain and Latin America): warm, short, no links, no asks."""

from __future__ import annotations

from collections.abc import Mapping

from bot.messages.catalog import Catalog, ReplyKey, Variant
from bot.policy import DmKind

_HOW_IT_WORKS = (
    "De vez en cuando, si pasas un tiempo sin publicar, te escribiré para preguntarte cómo "
    "estás. Nunca más de una vez por semana.\n"
    "\n"
    "No guardo el texto de tus publicaciones: solo qué días publicas y si parecían "
    "promocionales, durante 90 días.\n"
    "\n"
    "Cuando quieras, responde “pausa”, “baja” o “ayuda”, o simplemente deja de seguirme."
)

QUIET = (
    Variant(
        "¡Hola, {name}!",
        "¡Hola!",
        "Hace tiempo que no te veo por aquí y quería saludarte. ¿Cómo estás?",
    ),
    Variant(
        "Hola, {name}:",
        "Hola:",
        "hace un tiempo que no te leo. Solo quería saber de ti. ¿Cómo te va?",
    ),
    Variant(
        "Hola, {name}.",
        "Hola.",
        "Hace una temporada que no coincidimos por aquí. ¿Qué tal estás?",
    ),
    Variant(
        "¡Hola, {name}!",
        "¡Hola!",
        "Ha pasado un tiempo. No hace falta que publiques nada; solo quería saber de ti. "
        "¿Cómo va todo?",
    ),
    Variant(
        "Hola, {name}:",
        "Hola:",
        "llevas un tiempo sin publicar, y no pasa nada. Solo quería preguntarte: ¿cómo estás?",
    ),
)

PROMO_ONLY = (
    Variant(
        "¡Hola, {name}!",
        "¡Hola!",
        "Solo paso a saludarte. ¿Cómo estás tú estos días?",
    ),
    Variant(
        "Hola, {name}:",
        "Hola:",
        "sin ningún motivo en especial, quería saber de ti. ¿Qué tal todo?",
    ),
    Variant(
        "Hola, {name}.",
        "Hola.",
        "Te escribo para preguntarte por ti, no por lo que haces. ¿Cómo estás?",
    ),
    Variant(
        "¡Hola, {name}!",
        "¡Hola!",
        "Hoy solo quería hacerte una pregunta sencilla: ¿cómo estás tú?",
    ),
    Variant(
        "Hola, {name}:",
        "Hola:",
        "me acordé de ti y quería saludarte. ¿Cómo te va?",
    ),
)

CHECKIN = (
    Variant(
        "Hola, {name}:",
        "Hola:",
        (
            "¿te sigue pareciendo bien que te escriba de vez en cuando? Si no respondes, "
            "haré una pausa de tres meses."
        ),
    ),
    Variant(
        "Hola, {name}:",
        "Hola:",
        (
            "solo quiero asegurarme de no molestarte. Si no respondes, dejaré de escribirte "
            "durante tres meses; si prefieres que no te escriba más, responde “baja”."
        ),
    ),
    Variant(
        "Hola, {name}.",
        "Hola.",
        (
            "Una pregunta sobre mí, no sobre ti: ¿siguen siendo bienvenidos estos mensajes? "
            "Si no respondes, descansaré tres meses."
        ),
    ),
    Variant(
        "Hola de nuevo, {name}.",
        "Hola de nuevo.",
        (
            "No quiero ser una molestia. Si quieres seguir recibiendo estos saludos, "
            "respóndeme cualquier cosa; si no, haré una pausa de tres meses."
        ),
    ),
    Variant(
        "¡Hola, {name}!",
        "¡Hola!",
        (
            "Quería preguntarte algo rápido: ¿sigo saludándote de vez en cuando? Si no me "
            "respondes, no pasa nada: me tomaré un descanso de tres meses."
        ),
    ),
)

WELCOME = (
    Variant(
        "¡Hola, {name}! Te doy la bienvenida.",
        "¡Hola! Te doy la bienvenida.",
        "Gracias por sumarte.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "¡Hola, {name}!",
        "¡Hola!",
        "Me alegra que estés por aquí.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Hola, {name}:",
        "Hola:",
        "gracias por darle una oportunidad a este pequeño bot.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Te doy la bienvenida, {name}.",
        "Te doy la bienvenida.",
        "Qué alegría tenerte por aquí.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Hola, {name}.",
        "Hola.",
        "Gracias por unirte; me alegra conocerte.\n\n" + _HOW_IT_WORKS,
    ),
)

CATALOG = Catalog(
    language="es",
    joiner=" ",
    variants={
        DmKind.WELCOME: WELCOME,
        DmKind.QUIET: QUIET,
        DmKind.PROMO_ONLY: PROMO_ONLY,
        DmKind.CHECKIN: CHECKIN,
    },
)


# answers to commands and replies, looked up by bot/messages/replies.py
REPLIES: Mapping[ReplyKey, str] = {
    "stopped": (
        "Hecho: ya no te escribiré y he borrado lo que guardaba sobre ti. Si algún día quieres "
        "volver a recibir estos mensajes, escribe “empezar” aquí o vuelve a seguirme. Cuídate."
    ),
    "forgotten": (
        "Hecho: he borrado todo lo que guardaba sobre ti y no volveré a escribirte. "
        "Si cambias de opinión, escribe “empezar” aquí o vuelve a seguirme."
    ),
    "started": (
        "Me alegra que vuelvas. Mientras sigas esta cuenta, te escribiré muy de vez en "
        "cuando. Escribe “baja” cuando quieras."
    ),
    "already_in": (
        "Todo listo: te escribiré muy de vez en cuando. Escribe “ayuda” para ver las opciones."
    ),
    "not_following": (
        "Para recibir mis mensajes, sigue esta cuenta. Puedes escribir “baja” cuando quieras "
        "para dejarlo."
    ),
    "paused": "En pausa hasta el {until}. Escribe “reanudar” si quieres que vuelva antes.",
    "resumed": "De acuerdo: vuelvo a escribirte muy de vez en cuando.",
    "tz": "Entendido: tu zona horaria es {tz}. Solo te escribiré de día, según tu hora.",
    "hours": "Entendido: solo te escribiré de {start}:00 a {end}:00, según tu hora.",
    "less": (
        "Entendido: a partir de ahora, como máximo un mensaje al mes. Escribe “más” para "
        "deshacerlo."
    ),
    "more": "Entendido: vuelvo a lo habitual, como máximo un mensaje por semana.",
    "status": (
        "Esto es lo que guardo sobre ti: me sigues desde el {since}; mi último mensaje: {last}; "
        "en pausa: {paused}; zona horaria: {tz}. Además: qué días publicaste en los últimos 90 "
        "días y si esas publicaciones parecían promocionales; tu horario y cada cuánto quieres "
        "que te escriba; y, si activaste “friends on”, a quién respondiste, mencionaste o "
        "citaste. Nunca guardo el texto de tus publicaciones."
    ),
    "help": (
        "Soy un pequeño bot que te escribe muy de vez en cuando. Puedes escribir: "
        "“pausa 2 semanas”, “reanudar”, “menos”, “más”, “zona horaria Europe/Madrid”, "
        "“horas 9-18”, “estado”, “baja” u “olvídame”."
    ),
    # an invalid command's answer never quotes its words: they may be anything, and answers
    # are stored (held, recorded) until sent
    "invalid": "Lo siento, eso no lo entiendo. Escribe “ayuda” para ver qué puedo hacer.",
    "invalid_pause": (
        "Lo siento, no entiendo hasta cuándo quieres la pausa (tiene que terminar mañana o más "
        "adelante). Escribe, por ejemplo, “pausa 2 semanas” o “pausa hasta 2026-12-24”."
    ),
    "invalid_tz": (
        "Lo siento, no conozco esa zona horaria. Escribe, por ejemplo, "
        "“zona horaria Europe/Madrid” o “zona horaria UTC-5”."
    ),
    "invalid_hours": "Lo siento, no entiendo ese horario. Escribe, por ejemplo, “horas 9-18”.",
    "invalid_handle": (
        "Lo siento, eso no es un nombre de usuario. Escribe, por ejemplo, "
        "“friends skip @alice.bsky.social”."
    ),
    "ack": "Gracias por contestar. Una persona lee estos mensajes y puede que te responda aquí.",
    "friends_later": "Eso todavía no está disponible. Escribe “ayuda” para ver qué puedo hacer.",
    "friends_on": (
        "“Seguir en contacto” está activado: de vez en cuando puede que te sugiera a alguien con "
        "quien solías hablar mucho. Solo guardo a quién respondes, mencionas o citas, nunca lo "
        "que dices. Escribe “friends off” para desactivarlo."
    ),
    "friends_off": "“Seguir en contacto” está desactivado, y he borrado con quién hablabas.",
    "friends_skip": "Entendido: no te sugeriré a @{handle}.",
    "friends_unknown": "Lo siento, no encuentro esa cuenta.",
    "friends_disabled": (
        "“Seguir en contacto” está desactivado. Escribe “friends on” para activarlo."
    ),
    "friends_none": (
        "Por ahora no tengo a nadie que sugerirte entre las personas con las que solías hablar "
        "mucho."
    ),
    "friends_list": "Podría sugerirte a: {list}.",
    "never": "ninguno todavía",
    "not_paused": "no",
    "tz_unknown": "sin definir (la deduzco de cuándo publicas)",
    "lang_set": "Entendido: a partir de ahora te escribiré en español.",
    "invalid_lang": (
        "Lo siento, todavía no puedo escribir en ese idioma. Puedo escribir en English, "
        "Español, Deutsch, Français, Português y 日本語."
    ),
}

FRIEND_SUGGESTION = "Hace tiempo hablabas mucho con @{handle}. ¿Y si le mandas un saludo?"

FRIEND_SUGGESTION_QUIET = (
    "Hace tiempo hablabas mucho con @{handle}, y últimamente publica poco. "
    "¿Y si le mandas un saludo?"
)

CRISIS_LOCAL = (
    "Gracias de verdad por contármelo. Me tomo muy en serio lo que me dices. Solo soy un "
    "pequeño bot, no un profesional, pero una persona va a leer tu mensaje. Si estás en "
    "peligro ahora mismo, llama al {emergency}. Puedes hablar con alguien ya: {line}. "
    "Si estás en otro país: {directory}"
)

CRISIS_ANY = (
    "Gracias de verdad por contármelo. Me tomo muy en serio lo que me dices. Solo soy un "
    "pequeño bot, no un profesional, pero una persona va a leer tu mensaje. Si estás en "
    "peligro ahora mismo, llama al número de emergencias de tu país (112 o 911). Líneas de "
    "ayuda en tu país: {directory}"
)

DISTRESS: tuple[str, ...] = (
    "Gracias por contarme cómo estás de verdad. Lo que cuentas es muy duro, y lo siento "
    "mucho. Una persona lee estos mensajes y puede que te responda aquí.",
    "Siento mucho que estés pasando por esto. Gracias por contármelo con tanta sinceridad; "
    "una persona lee estos mensajes y puede que te escriba por aquí.",
    "Eso es mucho que llevar encima. Gracias por compartirlo conmigo. Una persona lee estos "
    "mensajes y puede que te conteste aquí.",
)
