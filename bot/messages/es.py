"""Spanish texts (tú): warm, short, no links, no asks. Commands stay in English."""

from __future__ import annotations

from collections.abc import Mapping

from bot.messages.catalog import Catalog, Variant
from bot.policy import NudgeKind

_HOW_IT_WORKS = (
    "Esto es lo que hago: miro tu actividad pública y, de vez en cuando, si pasas un tiempo sin"
    " aparecer o solo publicas promociones, te envío un mensaje corto para preguntarte cómo "
    "estás. Nunca más de uno por semana.\n"
    "\n"
    "Lo que guardo: nada del texto de tus publicaciones, solo cuándo tuviste actividad y si tus"
    " publicaciones parecían promocionales, durante 90 días.\n"
    "\n"
    "Tú decides siempre. Solo responde:\n"
    '• "pause" para pausarme un mes\n'
    '• "pause 2 weeks" (u otro plazo) para pausarme un tiempo\n'
    '• "resume" para volver a saber de mí\n'
    '• "stop" para darte de baja y borrar todo lo que guardo sobre ti\n'
    '• "help" para ver todos los comandos\n'
    "O simplemente deja de seguirme o bloquéame, también vale."
)

QUIET = (
    Variant(
        "¡Hola, {name}!",
        "¡Hola!",
        "Hace tiempo que no te veo por aquí y solo quería saludarte. ¿Cómo estás?",
    ),
    Variant(
        "Hola, {name}.",
        "Hola.",
        "Ha pasado un tiempito desde la última vez que te vi por aquí. Sin ninguna presión, "
        "solo espero que estés bien. ¿Qué tal todo?",
    ),
    Variant(
        "¡Buenas, {name}!",
        "¡Buenas!",
        "Solo un saludito, ya que hace un tiempo que no se te ve por aquí. ¿Cómo te ha ido?",
    ),
    Variant(
        "Hola, {name}.",
        "Hola.",
        "Me acordé de ti porque hace un tiempo que no te veo. Espero que la vida te esté "
        "tratando bien. ¿Cómo estás?",
    ),
    Variant(
        "¡Hola, {name}!",
        "¡Hola!",
        "Ha pasado un tiempo. No hace falta publicar nada, solo quería saber de ti. ¿Cómo te va"
        " estos días?",
    ),
)

PROMO_ONLY = (
    Variant(
        "¡Hola, {name}!",
        "¡Hola!",
        "Parece que tienes mucho trabajo últimamente. Espero que también encuentres un momento "
        "para ti. ¿Cómo estás tú, más allá del trabajo?",
    ),
    Variant(
        "Hola, {name}.",
        "Hola.",
        "Solo paso a saludar. ¿Cómo estás tú estos días, aparte de todo lo que tienes entre manos?",
    ),
    Variant(
        "¡Buenas, {name}!",
        "¡Buenas!",
        "Espero que el trabajo vaya bien, pero sobre todo espero que tú estés bien. ¿Qué tal te"
        " va fuera del trabajo?",
    ),
    Variant(
        "Hola, {name}.",
        "Hola.",
        "Sin ningún motivo especial, solo por curiosidad: ¿qué te ha hecho feliz últimamente, "
        "además de tus proyectos?",
    ),
    Variant(
        "¡Hola, {name}!",
        "¡Hola!",
        "Parecen días movidos. Ojalá puedas descansar un poco entre tanto. ¿Cómo te sientes "
        "estos días?",
    ),
)

CHECKIN = (
    Variant(
        "Hola, {name}:",
        "Hola:",
        (
            "te he escrito varias veces sin respuesta, y no pasa nada. ¿Sigo saludándote? Si "
            "no respondes, me callo tres meses."
        ),
    ),
    Variant(
        "¡Hola, {name}!",
        "¡Hola!",
        (
            "Sin ninguna presión: ¿te siguen gustando estos saludos? Si no respondes, hago "
            "una pausa de tres meses. Escribe “stop” para terminar."
        ),
    ),
    Variant(
        "Hola, {name}.",
        "Hola.",
        (
            "Solo quiero saber si mis mensajes te siguen viniendo bien. Si no respondes, "
            "descanso tres meses."
        ),
    ),
    Variant(
        "¡Buenas, {name}!",
        "¡Buenas!",
        (
            "Una pregunta sobre mí, no sobre ti: ¿te parecen bien estos mensajes? Sin "
            "respuesta, pauso tres meses."
        ),
    ),
    Variant(
        "Hola de nuevo, {name}.",
        "Hola de nuevo.",
        (
            "No quiero molestar. Responde lo que sea para seguir, o no digas nada y haré una "
            "pausa de tres meses."
        ),
    ),
)

WELCOME = (
    Variant(
        "¡Te doy la bienvenida, {name}!",
        "¡Te doy la bienvenida!",
        "Gracias por apuntarte.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "¡Hola, {name}!",
        "¡Hola!",
        "Me alegra tenerte por aquí.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Hola, {name}.",
        "Hola.",
        "Gracias por aceptar un saludo de vez en cuando.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "¡Buenas, {name}!",
        "¡Buenas!",
        "Qué bien que estés aquí.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "¡Hola, {name}!",
        "¡Hola!",
        "Un gusto conocerte, y gracias por sumarte.\n\n" + _HOW_IT_WORKS,
    ),
)

CATALOG = Catalog(
    language="es",
    joiner=" ",
    variants={
        NudgeKind.WELCOME: WELCOME,
        NudgeKind.QUIET: QUIET,
        NudgeKind.PROMO_ONLY: PROMO_ONLY,
        NudgeKind.CHECKIN: CHECKIN,
    },
)


# answers to commands and replies, looked up by bot/messages/replies.py
REPLIES: Mapping[str, str] = {
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

FRIEND_SUGGESTION = "Tú y @{handle} solíais hablar mucho — ¿quizá saludar?"

CRISIS_LOCAL = (
    "Gracias por contármelo; me tomo en serio lo que has escrito. Soy un pequeño bot, no un "
    "profesional de ayuda, pero una persona leerá tu mensaje. Si estás en peligro ahora, "
    "llama al {emergency}. Puedes hablar con alguien ya: {line}. En otros países: {directory}"
)

CRISIS_ANY = (
    "Gracias por contármelo; me tomo en serio lo que has escrito. Soy un pequeño bot, no un "
    "profesional de ayuda, pero una persona leerá tu mensaje. Si estás en peligro ahora, "
    "llama a tu número de emergencias (112 o 911). Líneas de ayuda de tu país: {directory}"
)

DISTRESS: tuple[str, ...] = (
    "Gracias por contarme cómo estás de verdad. Suena difícil y lo siento. "
    "Una persona lee estos mensajes y puede responderte aquí.",
    "Siento que las cosas pesen tanto ahora. Gracias por tu sinceridad; "
    "una persona lee estos mensajes y puede contestarte aquí.",
    "Suena a mucho que llevar. Gracias por compartirlo. Una persona lee estos mensajes "
    "y puede escribirte aquí.",
)
