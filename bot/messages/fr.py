"""French texts (tu): warm, short, no links, no asks. Commands stay in English."""

from __future__ import annotations

from collections.abc import Mapping

from bot.messages.catalog import Catalog, Variant
from bot.policy import NudgeKind

_HOW_IT_WORKS = (
    "Voici ce que je fais : je regarde ton activité publique et, de temps en temps, si tu ne "
    "publies rien pendant un moment ou seulement des promotions, je t'envoie un court message "
    "pour te demander comment tu vas. Jamais plus d'un par semaine.\n"
    "\n"
    "Ce que je garde : aucun texte de tes publications, seulement les moments où tu as eu une "
    "activité et si tes publications semblaient promotionnelles, pendant 90 jours.\n"
    "\n"
    "C'est toujours toi qui décides. Réponds simplement :\n"
    '• "pause" pour me mettre en pause un mois\n'
    '• "pause 2 weeks" (ou une autre durée) pour une pause plus ou moins longue\n'
    '• "resume" pour avoir à nouveau de mes nouvelles\n'
    '• "stop" pour te désinscrire et faire effacer tout ce que je garde sur toi\n'
    '• "help" pour voir toutes les commandes\n'
    "Ou arrête simplement de me suivre, ou bloque-moi, ça marche aussi."
)

QUIET = (
    Variant(
        "Salut {name} !",
        "Salut !",
        "Ça fait un moment que je ne te croise plus par ici, alors je voulais juste te dire "
        "bonjour. Comment vas-tu ?",
    ),
    Variant(
        "Coucou {name},",
        "Coucou,",
        "ça fait un petit moment que c'est calme de ton côté. Aucune pression, j'espère juste "
        "que tu vas bien. Comment ça va ?",
    ),
    Variant(
        "Bonjour {name} !",
        "Bonjour !",
        "Juste un petit bonjour, puisque c'est calme de ton côté depuis quelque temps. Comment "
        "tu te portes ?",
    ),
    Variant(
        "Salut {name},",
        "Salut,",
        "j'ai pensé à toi parce que je ne te vois plus trop ces temps-ci. J'espère que la vie "
        "est douce avec toi. Comment vas-tu ?",
    ),
    Variant(
        "Coucou {name} !",
        "Coucou !",
        "Ça fait un moment. Pas besoin de publier quoi que ce soit, je voulais juste prendre de"
        " tes nouvelles. Comment ça va en ce moment ?",
    ),
)

PROMO_ONLY = (
    Variant(
        "Salut {name} !",
        "Salut !",
        "On dirait que ton travail t'occupe beaucoup en ce moment. J'espère que tu trouves "
        "aussi un moment pour toi. Et toi, comment vas-tu, en dehors du travail ?",
    ),
    Variant(
        "Coucou {name},",
        "Coucou,",
        "juste un petit bonjour. Comment vas-tu, toi, ces temps-ci, à côté de tout ce sur quoi "
        "tu travailles ?",
    ),
    Variant(
        "Bonjour {name} !",
        "Bonjour !",
        "J'espère que le travail se passe bien, mais surtout que toi, tu vas bien. Comment ça "
        "va en dehors du boulot ?",
    ),
    Variant(
        "Salut {name},",
        "Salut,",
        "aucune arrière-pensée, juste de la curiosité : qu'est-ce qui t'a fait plaisir ces "
        "derniers temps, à part tes projets ?",
    ),
    Variant(
        "Coucou {name} !",
        "Coucou !",
        "Ça a l'air d'être une période chargée ! J'espère que tu arrives à souffler un peu. "
        "Comment te sens-tu en ce moment ?",
    ),
)

CHECKIN = (
    Variant(
        "Bonjour {name},",
        "Bonjour,",
        (
            "je t'ai écrit plusieurs fois sans réponse, et c'est très bien ainsi. Je "
            "continue à prendre des nouvelles ? Sans réponse, je me tais trois mois."
        ),
    ),
    Variant(
        "Coucou {name},",
        "Coucou,",
        (
            "aucune pression : ces petits bonjours te font-ils toujours plaisir ? Sans "
            "réponse, je fais une pause de trois mois. Écris « stop » pour arrêter."
        ),
    ),
    Variant(
        "Salut {name} !",
        "Salut !",
        (
            "Je voulais juste vérifier que mes messages sont toujours bienvenus. Sans "
            "réponse, je fais une pause de trois mois."
        ),
    ),
    Variant(
        "Bonjour {name} !",
        "Bonjour !",
        (
            "Une question sur moi, pas sur toi : ces messages te conviennent-ils encore ? "
            "Sans réponse, je m'arrête trois mois."
        ),
    ),
    Variant(
        "Re-bonjour {name},",
        "Re-bonjour,",
        (
            "je ne veux pas déranger. Réponds n'importe quoi pour continuer, sinon je fais "
            "une pause de trois mois."
        ),
    ),
)

WELCOME = (
    Variant(
        "Bienvenue, {name} !",
        "Bienvenue !",
        "Merci d'avoir dit oui.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Salut {name} !",
        "Salut !",
        "Ravi de t'avoir ici.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Coucou {name},",
        "Coucou,",
        "merci d'accepter un petit bonjour de temps en temps.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Bonjour {name} !",
        "Bonjour !",
        "Content que tu sois là.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Salut {name} !",
        "Salut !",
        "Enchanté, et merci de me rejoindre.\n\n" + _HOW_IT_WORKS,
    ),
)

CATALOG = Catalog(
    language="fr",
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

CRISIS_LOCAL = (
    "Merci de me l'avoir dit ; je prends ce que tu écris au sérieux. Je ne suis qu'un petit "
    "bot, pas un professionnel de l'écoute, mais une personne lira ton message. Si tu es en "
    "danger maintenant, appelle le {emergency}. Tu peux parler à quelqu'un tout de suite : "
    "{line}. Dans d'autres pays : {directory}"
)

CRISIS_ANY = (
    "Merci de me l'avoir dit ; je prends ce que tu écris au sérieux. Je ne suis qu'un petit "
    "bot, pas un professionnel de l'écoute, mais une personne lira ton message. Si tu es en "
    "danger maintenant, appelle les urgences (112 ou 911). Lignes d'écoute de ton pays : "
    "{directory}"
)

DISTRESS: tuple[str, ...] = (
    "Merci de me dire comment ça va vraiment. Ça a l'air dur, et j'en suis désolé. "
    "Une personne lit ces messages et peut te répondre ici.",
    "Je suis désolé que ce soit si lourd en ce moment. Merci pour ta franchise ; "
    "une personne lit ces messages et peut te répondre ici.",
    "Ça fait beaucoup à porter. Merci de l'avoir partagé. Une personne lit ces messages "
    "et peut t'écrire ici.",
)
