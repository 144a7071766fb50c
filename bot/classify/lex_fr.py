"""French trigger phrases by feature: lowercase, separated by "|"; `<n>` is a number."""

from __future__ import annotations

PHRASES: dict[str, str] = {
    "call-to-action:preorder": (
        "précommande | précommandes | pré-commande | précommander | en précommande | "
        "précommandes sont ouvertes | les précommandes"
    ),
    "call-to-action:buy": (
        "commandez | disponible maintenant | dès maintenant | disponible dès | en vente | "
        "achetez | livraison offerte | livraison gratuite | dispo sur la boutique | "
        "disponible sur la boutique | offert pour les | est enfin en ligne | dispo sur | "
        "disponible sur | en vente sur | dispo en librairie | disponible en librairie | chez "
        "votre libraire | enfin dispo | est dispo | devis | à vendre | commandez le vôtre | "
        "réservez | offrez-vous | venez nous voir | sur notre stand | sur le stand | "
        "retrouvez-nous | disponibles sur | sont disponibles | enfin disponibles | boutique "
        "en ligne | sur la boutique en ligne | réservation en message | réservation | sur "
        "réservation | je serai en dédicace | en dédicace | venez nombreux | venez nombreuses "
        "| à la librairie | venez me voir | en mp | par mp | commandes en mp"
    ),
    "call-to-action:link-in-bio": (
        "lien en bio | lien dans la bio | lien dans ma bio | lien en description | lien dans "
        "le post épinglé | lien en commentaire | liens en bio"
    ),
    "call-to-action:subscribe": (
        "abonnez-vous | abonne-toi | inscrivez-vous | inscris-toi | pour recevoir la "
        "prochaine | les inscriptions | inscriptions"
    ),
    "call-to-action:support": "soutenez-moi | me soutenir | soutenir mon travail",
    "call-to-action:watch": (
        "allez voir | à regarder ici | à écouter ici | sur la chaîne | sur ma chaîne"
    ),
    "call-to-action:live": (
        "en live | en direct | je suis en live | live maintenant | live ce soir | en live ce "
        "soir | je vous attends | live demain | en live demain | live dimanche"
    ),
    "commissions-open": (
        "commissions ouvertes | commissions sont ouvertes | commandes personnalisées | je "
        "prends des commandes | commandes ouvertes | commandes personnalisées ouvertes"
    ),
    "open-slots": (
        "places disponibles | <n> places disponibles | places restantes | dernières places | "
        "il reste <n> places | il reste des places | reste des places"
    ),
    "offer:course": (
        "atelier | stage | formation | masterclass | inscriptions ouvertes | billets | cours de"
    ),
    "restock": (
        "réassort | de retour en stock | à nouveau disponible | de nouveau disponible | "
        "réapprovisionné"
    ),
    "comeback": "sont de retour | est de retour | de retour",
    "giveaway": (
        "concours | on fait gagner | à gagner | giveaway | tirage au sort | #concours | "
        "gagnant | gagnante | tiré au sort | tirée au sort | comment participer"
    ),
    "giveaway-entry": (
        "pour participer | suivez-nous | suivez-moi | repostez | mentionnez | partagez | "
        "abonnez-vous et | suivez et | pour tenter de gagner | tentez de gagner | partagez ce "
        "post | repostez ce post"
    ),
    "launch": (
        "lancement | on lance | nous lançons | est en ligne | est enfin en ligne | nouvelle "
        "collection | ouverture de la boutique | vient de sortir | disponible ! | "
        "inscriptions sont ouvertes | sont ouvertes | est ouvert | vient de paraître | paraît "
        "| est paru | première | nouvelle saison | nouveaux modèles | nouvelles couleurs | "
        "nouveau merch | nouveaux cours | nouveau cours | ouverture"
    ),
    "release": (
        "sort jeudi | sort aujourd'hui | sort demain | sortie le | mon premier livre | mon "
        "nouveau roman | nouvel album | nouveau single"
    ),
    "new-content": (
        "nouvelle vidéo | nouvel épisode | épisode <n> | nouveau chapitre | nouvel article | "
        "la vidéo est enfin | la vidéo est en ligne | nouveau podcast | dernière vidéo | ma "
        "dernière vidéo | épisode complet | vidéo complète | entretien avec | interview avec "
        "| nouveau billet | sur le blog | nouvel article sur le blog | au programme | est "
        "partie"
    ),
    "newsletter": "newsletter | la lettre de ce mois | ma lettre | la lettre",
    "discount": (
        "code promo | réduction | soldes | promo | avec le code | remise | -<n> % | -<n>% | "
        "offre spéciale | jusqu'à -<n> % | jusqu'à -<n>% | première commande | déstockage | "
        "ventes privées"
    ),
    "limited-offer": (
        "en petite quantité | édition limitée | dernière chance | jusqu'à dimanche | quantité "
        "limitée | pour les <n> premiers | dernier jour | ce week-end seulement | derniers "
        "exemplaires | jusqu'à épuisement | jusqu'à demain | seulement jusqu'à | plus que | "
        "il ne reste que | exemplaires signés | édition spéciale | se termine demain | "
        "jusqu'à minuit | quasi épuisé"
    ),
    "ad-disclosure": (
        "#partenariat | partenariat rémunéré | sponsorisé | #sponso | #pub | lien affilié | "
        "liens affiliés | collaboration commerciale"
    ),
    "crypto-shill": "vers la lune",
    "ownership": (
        "ma boutique | notre boutique | la boutique | sur la boutique | mon nouveau | ma "
        "nouvelle | notre nouvelle | notre nouveau | mon livre | mon roman | ma chaîne | mon "
        "podcast | notre podcast | mes affiches | mon premier | tous mes liens | l'e-shop | "
        "e-shop | notre e-shop | mon e-shop | sur le site | notre site"
    ),
    "self-made": (
        "fait main | faits main | faites main | je teste | on parle de | on reçoit | j'ai "
        "écrit sur | j'ai testé | je vous montre | je vous explique | merci pour votre "
        "patience | merci de votre patience | comment j'ai | j'ai rénové | j'ai fabriqué | "
        "j'ai créé"
    ),
    "context:buyer": (
        "j'ai reçu | j'ai acheté | j'ai commandé | j'ai précommandé | ma commande | mon colis "
        "| service client | reçu ma commande | acheté en soldes | payé"
    ),
    "context:third-party": (
        "mon ami | mon amie | mon pote | sa boutique | son premier | son nouveau | sa nouvelle"
    ),
    "context:question": (
        "quelqu'un connaît | quelqu'un sait | quelqu'un a | vous connaissez | des conseils | "
        "merci d'avance"
    ),
    "context:warning": "arnaque | attention à | méfiez-vous",
    "context:fan": (
        "mon nouveau préféré | ma nouvelle préférée | en boucle | je recommande | je le "
        "recommande | à lire | passionnante | passionnant"
    ),
    "affiliate-mention": (
        "lien de parrainage | code de parrainage | avec mon code | avec mon lien"
    ),
    "self-announcement": (
        "nouvelle vidéo est en ligne | nouvelle vidéo dispo | nouvel épisode dispo | nouvel "
        "épisode est en ligne | est en ligne sur ma chaîne | est dispo sur la chaîne | la "
        "newsletter est partie | la newsletter de ce | newsletter est partie | la lettre est "
        "partie"
    ),
    "context:family": (
        "ma sœur | mon frère | ma mère | mon père | ma fille | mon fils | ma grand-mère"
    ),
    "crowdfunding": (
        "sur ulule | sur kickstarter | financé | financement participatif | contreparties"
    ),
    "promo-vocabulary": (
        "promo | promotion | soldes | réduction | boutique | commande | commandes | "
        "précommande | lancement | disponible | dispo | limitée | édition | collection | "
        "concours | livraison | offerte | billets | atelier | stage | chaîne | épisode | "
        "autocollants | affiches | site"
    ),
    "context:employee": "où je travaille | mon patron | ma patronne | mes collègues",
}
