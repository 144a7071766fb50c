"""German texts (du): warm, short, no links, no asks. Commands in German (bot/commands/lexicon)."""

from __future__ import annotations

from collections.abc import Mapping

from bot.messages.catalog import Catalog, ReplyKey, Variant
from bot.policy import DmKind

_HOW_IT_WORKS = (
    "Ab und zu, wenn es bei dir still wird, frage ich nach, wie es dir geht – höchstens einmal "
    "pro Woche. Ich speichere nur, an welchen Tagen du gepostet hast und ob das nach Werbung "
    "aussah (90 Tage lang), dazu deine Einstellungen – nie den Text deiner Beiträge.\n"
    "\n"
    "Schreib jederzeit „Pause“, „Stopp“ oder „Hilfe“. Entfolgen geht natürlich auch."
)

QUIET = (
    Variant(
        "Hallo {name},",
        "Hallo,",
        "bei dir ist es eine Weile still gewesen, und ich wollte einfach mal Hallo sagen. "
        "Wie geht es dir?",
    ),
    Variant(
        "Hey {name},",
        "Hey,",
        "ich hab dich hier schon länger nicht gesehen und wollte mich kurz melden. Wie geht's dir?",
    ),
    Variant(
        "Hi {name},",
        "Hi,",
        "nur ein kleiner Gruß, weil es bei dir eine Weile ruhig war. Wie geht es dir gerade?",
    ),
    Variant(
        "Hallo {name}!",
        "Hallo!",
        "Ich habe an dich gedacht, weil es bei dir zuletzt so ruhig war. Wie geht es dir?",
    ),
    Variant(
        "Hey {name}!",
        "Hey!",
        "Ist schon eine Weile her. Du musst nichts posten, ich wollte nur mal nachfragen: "
        "Wie geht es dir?",
    ),
)

# PROMO_ONLY: never about their posts or their work (they may be looking for work), never
# assuming they are busy or doing well; just the person.
PROMO_ONLY = (
    Variant(
        "Hallo {name},",
        "Hallo,",
        "ich wollte mich einfach mal melden und fragen, wie es dir geht – dir ganz persönlich.",
    ),
    Variant(
        "Hey {name},",
        "Hey,",
        "nur ein kleiner Gruß zwischendurch. Wie geht es dir gerade, ganz abseits von Bluesky?",
    ),
    Variant(
        "Hi {name}!",
        "Hi!",
        "Kein besonderer Anlass, ich wollte nur hören, wie es dir so geht.",
    ),
    Variant(
        "Hallo {name}!",
        "Hallo!",
        "Ich frage einfach mal nach: Wie geht es dir eigentlich in letzter Zeit?",
    ),
    Variant(
        "Hey {name},",
        "Hey,",
        "ich dachte, ich schau mal kurz bei dir vorbei. Wie geht es dir im Moment?",
    ),
)

CHECKIN = (
    Variant(
        "Hallo {name},",
        "Hallo,",
        "ich habe dir schon ein paar Mal geschrieben, und es ist völlig okay, wenn du nicht "
        "antwortest. Magst du weiter von mir hören? Sonst mache ich einfach drei Monate Pause.",
    ),
    Variant(
        "Hey {name},",
        "Hey,",
        "sind dir meine gelegentlichen Grüße noch recht? Ohne Antwort mache ich drei Monate "
        "Pause. Mit „Stopp“ höre ich ganz auf.",
    ),
    Variant(
        "Hallo {name}!",
        "Hallo!",
        "Ich wollte nur sichergehen, dass dir meine Nachrichten noch willkommen sind. Falls "
        "nicht, ist das völlig in Ordnung: Ohne Antwort mache ich drei Monate Pause.",
    ),
    Variant(
        "Hi {name},",
        "Hi,",
        "eine kurze Frage in eigener Sache: Sind dir meine Nachrichten noch recht? Wenn ich "
        "nichts höre, melde ich mich erst in drei Monaten wieder.",
    ),
    Variant(
        "Hey {name}!",
        "Hey!",
        "Ich möchte dir nicht auf die Nerven gehen. Wenn du antwortest, melde ich mich weiter "
        "ab und zu; sonst mache ich drei Monate Pause.",
    ),
)

WELCOME = (
    Variant(
        "Hallo {name}, willkommen!",
        "Hallo und willkommen!",
        "Schön, dass du dabei bist.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Hi {name}!",
        "Hi!",
        "Danke, dass du mitmachst.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Hey {name},",
        "Hey,",
        "schön, dass du ab und zu von mir hören möchtest.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Willkommen, {name}!",
        "Willkommen!",
        "Ich freue mich, dass du da bist.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Hallo {name}!",
        "Hallo!",
        "Schön, dich kennenzulernen.\n\n" + _HOW_IT_WORKS,
    ),
)

CATALOG = Catalog(
    language="de",
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
        "Alles klar: Ich melde mich nicht mehr und habe gelöscht, was ich über dich gespeichert "
        "hatte. Wenn du irgendwann wieder von mir hören möchtest, schreib hier „starten“ oder "
        "folge mir erneut. Mach's gut!"
    ),
    "forgotten": (
        "Erledigt: Ich habe alles gelöscht, was ich über dich gespeichert hatte, und schreibe "
        "dir nicht mehr. Falls du es dir anders überlegst, schreib hier „starten“ oder folge "
        "mir erneut."
    ),
    "started": (
        "Schön, dass du wieder da bist. Solange du diesem Account folgst, melde ich mich ab und "
        "zu, aber selten. Mit „Stopp“ kannst du jederzeit aufhören."
    ),
    "already_in": (
        "Du bist schon dabei: Ich melde mich ab und zu, aber selten. Schreib „Hilfe“, um zu "
        "sehen, was du einstellen kannst."
    ),
    "not_following": (
        "Wenn du von mir hören möchtest, folge diesem Account. Mit „Stopp“ kannst du es "
        "jederzeit beenden."
    ),
    "paused": (
        "Alles klar, Pause bis zum {until}. Schreib „weiter“, wenn du vorher wieder von mir "
        "hören möchtest."
    ),
    "resumed": "Die Pause ist vorbei. Ich melde mich wieder ab und zu, aber selten.",
    "tz": "Notiert: Deine Zeitzone ist {tz}. Ich schreibe dir nur tagsüber.",
    "hours": "Notiert: Ich schreibe dir nur zwischen {start}:00 und {end}:00 Uhr deiner Zeit.",
    "less": (
        "Alles klar: Ab jetzt melde ich mich höchstens einmal im Monat. Mit „öfter“ machst du "
        "das rückgängig."
    ),
    "more": "Gut, dann wieder wie gewohnt: höchstens einmal pro Woche.",
    "status": (
        "Das weiß ich über dich: Du folgst mir seit dem {since}; meine letzte Nachricht: {last}; "
        "pausiert: {paused}; Zeitzone: {tz}. Außerdem speichere ich, an welchen Tagen du "
        "gepostet hast und ob das nach Werbung aussah, deine Einstellungen (Uhrzeiten, wie oft) "
        "und, falls „friends on“ an ist, wem du geantwortet hast und wen du erwähnt oder "
        "zitiert hast. Den Text deiner Beiträge speichere ich nie."
    ),
    "help": (
        "Ich bin ein kleiner Bot, der sich ab und zu meldet. Du kannst schreiben: "
        "„Pause 2 Wochen“, „weiter“, „seltener“, „öfter“, „Zeitzone Europe/Berlin“, "
        "„Zeiten 9-18“, „Status“, „Stopp“ oder „vergiss mich“."
    ),
    # an invalid command's answer never quotes its words: they may be anything, and answers
    # are stored (held, recorded) until sent
    "invalid": (
        "Entschuldige, das habe ich nicht verstanden. Schreib „Hilfe“, um zu sehen, was ich "
        "verstehe."
    ),
    "invalid_pause": (
        "Entschuldige, ich habe nicht verstanden, wie lange die Pause dauern soll (sie muss "
        "frühestens morgen enden). Schreib z. B. „Pause 2 Wochen“ oder „Pause bis 2026-12-24“."
    ),
    "invalid_tz": (
        "Entschuldige, diese Zeitzone kenne ich nicht. Schreib z. B. „Zeitzone Europe/Berlin“ "
        "oder „Zeitzone UTC+1“."
    ),
    "invalid_hours": (
        "Entschuldige, diese Uhrzeiten habe ich nicht verstanden. Schreib z. B. „Zeiten 9-18“."
    ),
    "invalid_handle": (
        "Entschuldige, das ist kein Handle. Schreib z. B. „friends skip @alice.bsky.social“."
    ),
    # may follow good news or bad: calm, no cheer
    "ack": (
        "Danke, dass du mir schreibst. Ein Mensch liest diese Nachrichten und antwortet "
        "vielleicht auch hier."
    ),
    "friends_later": "Das gibt es leider noch nicht. Schreib „Hilfe“, um zu sehen, was ich kann.",
    "friends_on": (
        "„In Kontakt bleiben“ ist an: Ab und zu schlage ich dir vielleicht jemanden vor, mit dem "
        "du früher viel geschrieben hast. Ich speichere nur, wem du geantwortet hast und wen du "
        "erwähnt oder zitiert hast – nie, was du geschrieben hast. Mit „friends off“ schaltest "
        "du es wieder aus."
    ),
    "friends_off": (
        "„In Kontakt bleiben“ ist aus, und ich habe gelöscht, mit wem du geschrieben hast."
    ),
    "friends_skip": "Alles klar: Ich schlage dir @{handle} nicht vor.",
    "friends_unknown": "Entschuldige, diesen Account konnte ich nicht finden.",
    "friends_disabled": "„In Kontakt bleiben“ ist aus. Mit „friends on“ schaltest du es ein.",
    "friends_none": (
        "Im Moment habe ich keinen Vorschlag für dich. Ich schlage nur Leute vor, mit denen du "
        "früher viel geschrieben hast, und gerade passt niemand."
    ),
    "friends_list": "Ich könnte dir vorschlagen: {list}.",
    "never": "noch keine",
    "not_paused": "nein",
    "tz_unknown": "nicht festgelegt (geschätzt anhand der Zeiten, zu denen du postest)",
    "lang_set": "Alles klar: Ich schreibe dir ab jetzt auf Deutsch.",
    "invalid_lang": (
        "Entschuldige, in dieser Sprache kann ich noch nicht schreiben. Ich kann auf English, "
        "Español, Deutsch, Français, Português und 日本語 schreiben."
    ),
}

FRIEND_SUGGESTION = (
    "Du und @{handle} habt früher viel miteinander geschrieben – vielleicht magst du mal "
    "Hallo sagen?"
)

FRIEND_SUGGESTION_QUIET = (
    "Von @{handle} war in letzter Zeit wenig zu hören, und ihr habt früher viel miteinander "
    "geschrieben – vielleicht magst du mal Hallo sagen?"
)

CRISIS_LOCAL = (
    "Danke, dass du mir das anvertraust. Ich nehme ernst, was du schreibst. Ich bin nur ein "
    "kleiner Bot und keine Beratungsstelle, aber ein Mensch wird deine Nachricht lesen. Wenn du "
    "gerade in Gefahr bist, ruf bitte sofort {emergency} an. Mit jemandem reden kannst du "
    "jetzt gleich hier: {line}. Hilfe in anderen Ländern: {directory}"
)

CRISIS_ANY = (
    "Danke, dass du mir das anvertraust. Ich nehme ernst, was du schreibst. Ich bin nur ein "
    "kleiner Bot und keine Beratungsstelle, aber ein Mensch wird deine Nachricht lesen. Wenn du "
    "gerade in Gefahr bist, ruf bitte sofort den Notruf an (112 oder 911). Krisentelefone in "
    "deinem Land findest du hier: {directory}"
)

DISTRESS: tuple[str, ...] = (
    "Danke, dass du mir ehrlich schreibst, wie es dir geht. Das klingt schwer, und es tut mir "
    "leid. Ein Mensch liest diese Nachrichten und antwortet dir vielleicht hier.",
    "Es tut mir leid, dass gerade so viel auf dir lastet. Danke, dass du so offen bist; "
    "ein Mensch liest das und schreibt dir vielleicht hier zurück.",
    "Das klingt nach ziemlich viel, was du gerade trägst. Danke, dass du es mir erzählst. "
    "Ein Mensch liest diese Nachrichten und meldet sich vielleicht hier bei dir.",
)
