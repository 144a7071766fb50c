"""German texts (du): warm, short, no links, no asks. Commands stay in English."""

from __future__ import annotations

from collections.abc import Mapping

from bot.messages.catalog import Catalog, Variant
from bot.policy import NudgeKind

_HOW_IT_WORKS = (
    "Das mache ich: Ich schaue mir deine öffentliche Aktivität an und schicke dir ab und zu "
    "eine kurze Nachricht, um zu fragen, wie es dir geht, wenn du eine Weile still bist oder "
    "nur Werbung postest. Höchstens eine pro Woche.\n"
    "\n"
    "Was ich speichere: keine Texte deiner Beiträge, nur wann du aktiv warst und ob deine "
    "Beiträge nach Werbung aussahen, für 90 Tage.\n"
    "\n"
    "Du hast es immer in der Hand. Antworte einfach:\n"
    '• "pause", um mich für einen Monat zu pausieren\n'
    '• "pause 2 weeks" (oder eine andere Dauer), um mich eine Weile zu pausieren\n'
    '• "resume", um wieder von mir zu hören\n'
    '• "stop", um dich abzumelden und alles löschen zu lassen, was ich über dich speichere\n'
    '• "help", um alle Befehle zu sehen\n'
    "Oder entfolge oder blockiere mich einfach, das geht auch."
)

QUIET = (
    Variant(
        "Hallo {name}!",
        "Hallo!",
        "Ich habe dich schon eine Weile nicht mehr gesehen und wollte einfach mal Hallo sagen. "
        "Wie geht es dir?",
    ),
    Variant(
        "Hey {name},",
        "Hey,",
        "es ist ein Weilchen her, dass ich dich hier gesehen habe. Ganz ohne Druck, ich hoffe "
        "einfach, dass es dir gut geht. Wie läuft's?",
    ),
    Variant(
        "Hi {name}!",
        "Hi!",
        "Nur ein kleiner Gruß, weil es bei dir eine Weile ruhig war. Wie ist es dir ergangen?",
    ),
    Variant(
        "Hallo {name},",
        "Hallo,",
        "du bist mir eingefallen, weil ich dich in letzter Zeit nicht gesehen habe. Ich hoffe, "
        "das Leben meint es gut mit dir. Wie geht's dir?",
    ),
    Variant(
        "Hey {name}!",
        "Hey!",
        "Ist eine Weile her. Du musst nichts posten, ich wollte nur mal nachfragen. Wie geht es"
        " dir zurzeit?",
    ),
)

PROMO_ONLY = (
    Variant(
        "Hallo {name}!",
        "Hallo!",
        "Bei deiner Arbeit scheint gerade viel los zu sein. Ich hoffe, du findest auch Zeit für"
        " dich. Wie geht es dir, abseits der Arbeit?",
    ),
    Variant(
        "Hey {name},",
        "Hey,",
        "nur ein kleiner Gruß von mir. Wie geht es dir selbst gerade, neben allem, woran du "
        "arbeitest?",
    ),
    Variant(
        "Hi {name}!",
        "Hi!",
        "Ich hoffe, die Arbeit läuft gut, aber vor allem hoffe ich, dass es dir gut geht. Wie "
        "geht's dir außerhalb der Arbeit?",
    ),
    Variant(
        "Hallo {name},",
        "Hallo,",
        "kein Hintergedanke, ich bin nur neugierig: Was hat dich in letzter Zeit glücklich "
        "gemacht, abgesehen von deinen Projekten?",
    ),
    Variant(
        "Hey {name}!",
        "Hey!",
        "Klingt nach vollen Tagen! Ich hoffe, du kommst zwischendurch auch zur Ruhe. Wie fühlst"
        " du dich gerade?",
    ),
)

CHECKIN = (
    Variant(
        "Hallo {name},",
        "Hallo,",
        (
            "ich habe dir ein paar Mal geschrieben, ohne Antwort, und das ist völlig okay. "
            "Soll ich mich weiter melden? Ohne Antwort pausiere ich drei Monate."
        ),
    ),
    Variant(
        "Hey {name},",
        "Hey,",
        (
            "ganz ohne Druck: Sind dir diese gelegentlichen Grüße noch recht? Ohne Antwort "
            "mache ich drei Monate Pause. Schreib „stop“, um sie zu beenden."
        ),
    ),
    Variant(
        "Hallo {name}!",
        "Hallo!",
        (
            "Ich wollte nur sichergehen, dass meine Nachrichten noch willkommen sind. Ohne "
            "Antwort mache ich drei Monate Pause."
        ),
    ),
    Variant(
        "Hi {name},",
        "Hi,",
        (
            "eine Frage zu mir, nicht zu dir: Sind diese Nachrichten noch in Ordnung? Ohne "
            "Antwort pausiere ich drei Monate."
        ),
    ),
    Variant(
        "Hey {name}!",
        "Hey!",
        (
            "Ich möchte nicht lästig sein. Antworte irgendwas, dann bleibt es dabei; sonst "
            "pausiere ich drei Monate."
        ),
    ),
)

WELCOME = (
    Variant(
        "Hallo {name}, willkommen!",
        "Hallo und willkommen!",
        "Danke, dass du mitmachst.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Hi {name}!",
        "Hi!",
        "Schön, dass du da bist.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Hey {name},",
        "Hey,",
        "danke, dass du ab und zu ein Hallo von mir bekommen möchtest.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Willkommen, {name}!",
        "Willkommen!",
        "Ich freue mich, dass du dabei bist.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Hallo {name}!",
        "Hallo!",
        "Schön, dich kennenzulernen, und danke fürs Mitmachen.\n\n" + _HOW_IT_WORKS,
    ),
)

CATALOG = Catalog(
    language="de",
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

FRIEND_SUGGESTION = (
    "Du und @{handle} habt früher viel miteinander geredet — vielleicht mal Hallo sagen?"
)

CRISIS_LOCAL = (
    "Danke, dass du mir das schreibst; ich nehme es ernst. Ich bin ein kleiner Bot, keine "
    "Beratung, aber ein Mensch wird deine Nachricht lesen. Wenn du gerade in Gefahr bist, "
    "ruf {emergency} an. Du kannst jetzt mit jemandem sprechen: {line}. "
    "In anderen Ländern: {directory}"
)

CRISIS_ANY = (
    "Danke, dass du mir das schreibst; ich nehme es ernst. Ich bin ein kleiner Bot, keine "
    "Beratung, aber ein Mensch wird deine Nachricht lesen. Wenn du gerade in Gefahr bist, "
    "ruf den Notruf an (112 oder 911). Krisentelefone in deinem Land: {directory}"
)

DISTRESS: tuple[str, ...] = (
    "Danke, dass du ehrlich schreibst, wie es dir geht. Das klingt schwer, und es tut mir "
    "leid. Ein Mensch liest diese Nachrichten und antwortet vielleicht hier.",
    "Es tut mir leid, dass es gerade so schwer ist. Danke für deine Offenheit; "
    "ein Mensch liest das und schreibt dir vielleicht hier.",
    "Das klingt nach ziemlich viel auf einmal. Danke, dass du es teilst. Ein Mensch liest "
    "diese Nachrichten und antwortet vielleicht hier.",
)
