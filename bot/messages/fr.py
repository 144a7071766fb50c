"""French texts (tu): warm, short, no links, no asks. Commands in French (bot/commands/lexicon)."""

from __future__ import annotations

from collections.abc import Mapping

from bot.messages.catalog import Catalog, ReplyKey, Variant
from bot.policy import DmKind

_HOW_IT_WORKS = (
    "Si c'est calme de ton côté pendant un moment, je t'écrirai pour te demander comment tu "
    "vas, au plus une fois par semaine. Pendant 90 jours, je garde seulement les jours où tu "
    "publies et si ça ressemble à de la promo, jamais ce que tu écris.\n"
    "\n"
    "Réponds « pause », « stop » ou « aide » quand tu veux, ou arrête de me suivre."
)

QUIET = (
    Variant(
        "Salut {name} !",
        "Salut !",
        "Ça fait un moment que je ne te croise plus par ici. Je voulais simplement savoir : "
        "comment vas-tu ?",
    ),
    Variant(
        "Coucou {name},",
        "Coucou,",
        "c'est calme de ton côté depuis quelque temps. Rien ne presse, je voulais juste prendre "
        "de tes nouvelles. Comment ça va ?",
    ),
    Variant(
        "Bonjour {name},",
        "Bonjour,",
        "j'ai pensé à toi en voyant que c'était calme de ton côté ces temps-ci. Comment vas-tu ?",
    ),
    Variant(
        "Salut {name},",
        "Salut,",
        "ça fait un petit moment. Pas besoin de publier quoi que ce soit, je voulais juste te "
        "demander : comment tu vas en ce moment ?",
    ),
    Variant(
        "Coucou {name} !",
        "Coucou !",
        "Je ne te vois plus trop passer ces derniers temps, alors je prends de tes nouvelles, "
        "tout simplement. Comment ça va de ton côté ?",
    ),
)

# Never about their posts or their work: someone posting "open to work" gets these too.
PROMO_ONLY = (
    Variant(
        "Salut {name} !",
        "Salut !",
        "Je passe juste prendre de tes nouvelles, à toi. Comment vas-tu ces temps-ci ?",
    ),
    Variant(
        "Coucou {name},",
        "Coucou,",
        "juste un petit mot pour la personne derrière le compte : comment tu te sens en ce "
        "moment ?",
    ),
    Variant(
        "Bonjour {name},",
        "Bonjour,",
        "peu importe ce qui t'occupe en ce moment, c'est de toi que je voulais prendre des "
        "nouvelles. Comment ça va ?",
    ),
    Variant(
        "Salut {name},",
        "Salut,",
        "rien de spécial, juste un petit signe pour savoir comment tu vas, toi, au milieu de "
        "tout le reste. Comment ça va ?",
    ),
    Variant(
        "Coucou {name} !",
        "Coucou !",
        "Un petit mot rien que pour toi, sans arrière-pensée. Comment vas-tu ces temps-ci ?",
    ),
)

CHECKIN = (
    Variant(
        "Salut {name},",
        "Salut,",
        (
            "petite question sur moi, pas sur toi : est-ce que mes messages te conviennent "
            "toujours ? Sans réponse de ta part, je fais une pause de trois mois."
        ),
    ),
    Variant(
        "Coucou {name},",
        "Coucou,",
        (
            "je voulais m'assurer que mes petits messages sont toujours les bienvenus. Sinon, "
            "aucun souci : sans réponse, je me mets en retrait pendant trois mois."
        ),
    ),
    Variant(
        "Bonjour {name},",
        "Bonjour,",
        (
            "tu veux toujours que je prenne de tes nouvelles de temps en temps ? Sans réponse, "
            "je fais une pause de trois mois. Écris « stop » si tu préfères arrêter."
        ),
    ),
    Variant(
        "Salut {name} !",
        "Salut !",
        (
            "Je ne voudrais pas être envahissant. Un petit mot suffit pour que je continue ; "
            "sinon, je te laisse tranquille pendant trois mois."
        ),
    ),
    Variant(
        "Bonjour {name} !",
        "Bonjour !",
        (
            "Une question toute simple : mes messages de temps en temps, ça te va toujours ? "
            "Sans réponse, je fais une pause de trois mois, tout simplement."
        ),
    ),
)

WELCOME = (
    Variant(
        "Bienvenue, {name} !",
        "Bienvenue !",
        "Merci de me suivre.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Salut {name} !",
        "Salut !",
        "Ça me fait plaisir que tu sois là.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Coucou {name},",
        "Coucou,",
        "merci de m'accueillir ici.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Bonjour {name} !",
        "Bonjour !",
        "Merci de ta confiance.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Enchanté, {name} !",
        "Enchanté !",
        "Merci d'être là.\n\n" + _HOW_IT_WORKS,
    ),
)

CATALOG = Catalog(
    language="fr",
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
        "C'est fait : j'arrête, et j'ai supprimé tout ce que je gardais sur toi. Si un jour tu "
        "veux de nouveau ces petits messages, écris « commencer » ici ou recommence à me "
        "suivre. Prends soin de toi."
    ),
    "forgotten": (
        "C'est fait : j'ai supprimé tout ce que je gardais sur toi et je ne t'écrirai plus. "
        "Si tu changes d'avis, écris « commencer » ici ou recommence à me suivre."
    ),
    "started": (
        "Content de te revoir. Tant que tu suis ce compte, je prendrai de tes nouvelles de "
        "temps en temps, sans insister. Écris « stop » quand tu veux."
    ),
    "already_in": (
        "Tout est déjà en place : je prendrai de tes nouvelles de temps en temps, sans "
        "insister. Écris « aide » pour voir les options."
    ),
    "not_following": (
        "Pour recevoir mes messages, suis ce compte. Tu pourras écrire « stop » à tout moment "
        "pour arrêter."
    ),
    "paused": "C'est noté, je fais une pause jusqu'au {until}. Écris « reprendre » pour annuler.",
    "resumed": "C'est reparti : je prendrai de tes nouvelles de temps en temps, sans insister.",
    "tz": "C'est noté : ton fuseau horaire est {tz}. Je ne t'écrirai qu'en journée, à ton heure.",
    "hours": "C'est noté : je ne t'écrirai qu'entre {start} h et {end} h, à ton heure.",
    "less": (
        "C'est noté : désormais, un message par mois au plus. Écris « plus » pour revenir à "
        "une fois par semaine."
    ),
    "more": "C'est noté : retour au rythme habituel, un message par semaine au plus.",
    "status": (
        "Ce que je garde sur toi : tu me suis depuis le {since} ; mon dernier message : {last} ; "
        "en pause : {paused} ; fuseau horaire : {tz}. Je garde aussi tes réglages (horaires, "
        "fréquence), les jours où tu as publié et si ça ressemblait à de la promo (90 jours), "
        "et, si « Garder le lien » est activé, les personnes à qui tu as répondu, que tu as "
        "mentionnées ou citées. Jamais le contenu de tes publications."
    ),
    "help": (
        "Je suis un petit robot qui prend des nouvelles de temps en temps. Tu peux m'écrire :\n"
        "• « pause 2 semaines » (ou juste « pause » pour un mois) et « reprendre »\n"
        "• « moins » ou « plus » : au plus une fois par mois, ou une fois par semaine\n"
        "• « fuseau horaire Europe/Paris » ou « heures 9-18 » : quand je peux t'écrire\n"
        "• « statut » : ce que je garde sur toi\n"
        "• « langue Español » : pour recevoir mes messages dans une autre langue\n"
        "• « stop » : pour tout arrêter et effacer ce que je garde"
    ),
    # an invalid command's answer never quotes its words: they may be anything, and answers
    # are stored (held, recorded) until sent
    "invalid": "Désolé, je n'ai pas compris. Écris « aide » pour voir ce que je comprends.",
    "invalid_pause": (
        "Désolé, je n'ai pas compris la durée de la pause (elle doit se terminer demain au plus "
        "tôt). Écris par exemple « pause 2 semaines » ou « pause jusqu'au 2026-12-24 »."
    ),
    "invalid_tz": (
        "Désolé, je ne connais pas ce fuseau horaire. Écris par exemple « fuseau horaire "
        "Europe/Paris » ou « fuseau horaire UTC+1 »."
    ),
    "invalid_hours": (
        "Désolé, je n'ai pas compris ces horaires. Écris par exemple « heures 9-18 » "
        "(de 9 h à 18 h)."
    ),
    "invalid_handle": (
        "Désolé, ce n'est pas un pseudo valide. Écris par exemple "
        "« friends skip @alice.bsky.social »."
    ),
    "ack": "Merci de m'avoir écrit. Une personne lit ces messages et pourra te répondre ici.",
    "friends_later": (
        "Ce n'est pas encore disponible. Écris « aide » pour voir ce que je sais faire."
    ),
    "friends_on": (
        "« Garder le lien » est activé : de temps en temps, je pourrai te suggérer quelqu'un "
        "avec qui tu échangeais beaucoup. Je ne garde que les personnes à qui tu as répondu, "
        "que tu as mentionnées ou citées, jamais ce que tu as écrit. Écris « friends off » pour "
        "le désactiver."
    ),
    "friends_off": (
        "« Garder le lien » est désactivé, et j'ai supprimé la liste des personnes avec qui tu "
        "échangeais."
    ),
    "friends_skip": "C'est noté : je ne te suggérerai pas @{handle}.",
    "friends_unknown": "Désolé, je n'ai pas trouvé ce compte.",
    "friends_disabled": "« Garder le lien » est désactivé. Écris « friends on » pour l'activer.",
    "friends_none": (
        "Pour l'instant, je n'ai personne à te suggérer parmi les gens avec qui tu échangeais "
        "beaucoup."
    ),
    "friends_list": "Je pourrais te suggérer : {list}.",
    "never": "pas encore",
    "not_paused": "non",
    "tz_unknown": "pas indiqué (deviné d'après les heures où tu publies)",
    "lang_set": "C'est noté : désormais, je t'écrirai en français.",
    "invalid_lang": (
        "Désolé, je ne sais pas encore écrire dans cette langue. Les langues que je connais : "
        "English, Español, Deutsch, Français, Português et 日本語."
    ),
}

FRIEND_SUGGESTION = "Toi et @{handle}, vous discutiez souvent. Un petit coucou, peut-être ?"

FRIEND_SUGGESTION_QUIET = (
    "Toi et @{handle}, vous discutiez souvent, et c'est calme de son côté ces temps-ci. "
    "Un petit coucou, peut-être ?"
)

CRISIS_LOCAL = (
    "Merci de me l'avoir dit, vraiment. Je prends ce que tu écris très au sérieux. Je ne suis "
    "qu'un petit robot, pas un professionnel de l'écoute, mais une vraie personne va lire ton "
    "message. Si tu es en danger en ce moment même, appelle le {emergency}. Tu peux parler à "
    "quelqu'un dès maintenant : {line}. Si tu es dans un autre pays, tu trouveras une ligne "
    "d'écoute sur {directory}"
)

CRISIS_ANY = (
    "Merci de me l'avoir dit, vraiment. Je prends ce que tu écris très au sérieux. Je ne suis "
    "qu'un petit robot, pas un professionnel de l'écoute, mais une vraie personne va lire ton "
    "message. Si tu es en danger en ce moment même, appelle les urgences (112 ou 911). Tu "
    "trouveras une ligne d'écoute dans ton pays sur {directory}"
)

DISTRESS: tuple[str, ...] = (
    "Merci de me dire comment ça va vraiment. Ça a l'air difficile, et j'en suis désolé. "
    "Une personne lit ces messages et pourra te répondre ici.",
    "Je suis désolé que ce soit si lourd en ce moment. Merci de ta franchise. "
    "Une vraie personne lit ces messages et te répondra peut-être ici.",
    "Ça fait beaucoup à porter. Merci de m'en avoir parlé. Une personne lit ces messages "
    "et pourra t'écrire ici.",
)
