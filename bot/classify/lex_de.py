"""German trigger phrases by feature: lowercase, separated by "|"; `<n>` is a number."""

from __future__ import annotations

PHRASES: dict[str, str] = {
    "call-to-action:preorder": (
        "vorbestellen | vorbestellung | jetzt vorbestellen | vorbestellungen | vorverkauf | "
        "ab sofort vorbestellbar | vorbestellbar"
    ),
    "call-to-action:buy": (
        "jetzt kaufen | jetzt bestellen | jetzt erhältlich | ab sofort erhältlich | jetzt im "
        "shop | ab sofort im shop | hier bestellen | hier kaufen | gibt es hier | gibt es nur "
        "| jetzt verfügbar | ab sofort verfügbar | versandkostenfrei | gibt es jetzt | jetzt "
        "auch auf | jetzt auch bei | jetzt auch im | termine frei | kostenvoranschlag | im "
        "handel | jetzt im handel | zu kaufen | zum verkauf | bestellt euch | sichert euch | "
        "holt euch | besucht uns | am stand | an unserem stand | kommt vorbei | in unserem "
        "shop | überall erhältlich | erhältlich | überall im handel | wo es bücher gibt | "
        "noch termine | termine im | jetzt buchen | buchen | buchung | wir haben noch | kommt "
        "gern vorbei | schaut vorbei | schaut gern vorbei | im laden | in unserem laden | nur "
        "online | im onlineshop | im buchhandel | überall im buchhandel | in jeder "
        "buchhandlung"
    ),
    "call-to-action:link-in-bio": (
        "link in bio | link in der bio | link im profil | link in meinem profil | im "
        "angepinnten post | link unten | links in der bio"
    ),
    "call-to-action:subscribe": (
        "abonnieren | jetzt abonnieren | abonniert | anmelden | jetzt anmelden | anmeldung "
        "per | anmeldung unter | anmeldung über"
    ),
    "call-to-action:support": ("unterstützt mich | unterstützt damit | unterstützen | wunschliste"),
    "call-to-action:watch": "jetzt anschauen | reinhören | schaut rein | hört rein",
    "call-to-action:live": (
        "jetzt live | bin live | gleich live | live auf twitch | stream heute | heute live | "
        "heute abend live | morgen live | live am"
    ),
    "commissions-open": (
        "commissions sind offen | commissions sind wieder offen | commissions offen | "
        "auftragsarbeiten | aufträge offen | nehme aufträge an | aufträge möglich | "
        "bestellungen offen"
    ),
    "open-slots": (
        "plätze frei | <n> plätze frei | noch ein paar plätze frei | restplätze | noch plätze "
        "| letzte plätze | noch plätze frei | wenige plätze"
    ),
    "offer:course": "kurs | workshop | seminar | anmeldung | tickets | karten",
    "restock": "wieder auf lager | wieder verfügbar | wieder erhältlich | nachschub",
    "comeback": "sind wieder da | ist wieder da | wieder da",
    "giveaway": (
        "gewinnspiel | verlosung | verlosen | wir verlosen | #gewinnspiel | gewinner*in | "
        "wird ausgelost | ausgelost | zu gewinnen | um zu gewinnen | gewinnt"
    ),
    "giveaway-entry": (
        "zum mitmachen | teilnahme bis | folgen, reposten | folgen und teilen | markieren | "
        "teilen und folgen | folgt und teilt | repostet | kommentiert | gewinner | folgt uns "
        "| folgt mir | teilt diesen beitrag | teilt den beitrag | teilt diesen post"
    ),
    "launch": (
        "ist endlich live | ist live | ist online | ist raus | jetzt online | wir starten | "
        "neuer onlineshop | neue kollektion | erscheint am | erscheint heute | heute "
        "erscheint | ab sofort | ist da | sind da | ist endlich da | ab heute | ab morgen | "
        "neu im shop | neu erschienen | gerade erschienen | jetzt erschienen | premiere | "
        "neue staffel | neue designs | neue farben | jetzt neu | neu im sortiment | brandneu"
    ),
    "release": (
        "erscheint | neues buch | neues album | neue single | mein roman | mein neues buch"
    ),
    "new-content": (
        "neues video | neue folge | folge <n> | neue episode | neuer beitrag | neue ausgabe | "
        "neuer blogpost | video ist online | neuer upload | mein neuestes video | ganze folge "
        "| im gespräch mit | interview mit | neuer blogartikel | neuer blogbeitrag | neuer "
        "artikel | auf dem blog | im blog | newsletter nr | ausgabe <n> | newsletter ist raus"
    ),
    "newsletter": "newsletter | meines newsletters | mein newsletter",
    "discount": (
        "rabatt | % rabatt | rabattcode | gutschein | gutscheincode | mit dem code | mit "
        "meinem code | sale | angebot | reduziert | spart ihr | bis zu <n> % | bis zu <n>% | "
        "erste bestellung | ausverkauf | winterschlussverkauf | sommerschlussverkauf"
    ),
    "limited-offer": (
        "nur dieses wochenende | nur noch | nur heute | solange der vorrat reicht | limitiert "
        "| letzte chance | noch ein paar plätze | nur noch wenige | bis sonntag | nur bis | "
        "bis morgen | fast ausverkauft | letzte exemplare | nur solange | endet morgen | "
        "endet heute | bis mitternacht | signierte exemplare"
    ),
    "ad-disclosure": (
        "werbung | anzeige | #werbung | #anzeige | affiliate-links | affiliate-link | "
        "*affiliate | unbezahlte werbung | bezahlte partnerschaft"
    ),
    "crypto-shill": "zum mond | vorverkauf des tokens",
    "ownership": (
        "mein shop | meinem shop | meinen shop | unser shop | unserem shop | mein neues | "
        "meine neue | mein neuer | unser neuer | unser neues | unsere neue | mein buch | "
        "meines newsletters | meinem kanal | den kanal | unseres | alle meine links | unserer "
        "| unsere"
    ),
    "self-made": (
        "handgemacht | handgemachte | selbstgemacht | habe ich gemacht | nach <n> jahren | "
        "wir reden über | wir sprechen über | ich habe über | ich habe | ich teste | ich "
        "zeige euch | zeige ich euch | danke für eure geduld | handgenäht | handgenähte | "
        "handgefertigt | handgefertigte | selbst genäht | danke für eure unterstützung"
    ),
    "context:buyer": (
        "gekauft | habe mir | hab mir | bestellt | vorbestellt | angekommen | mein paket | "
        "kundenservice | geliefert | im angebot gekauft | habe bezahlt"
    ),
    "context:third-party": (
        "meine freundin | mein freund | ihr erstes | sein erstes | ihren shop | seinen shop | "
        "stolz auf sie | stolz auf ihn | video von | folge von | album von | buch von"
    ),
    "context:question": "kennt jemand | weiß jemand | hat jemand",
    "context:warning": "betrug | vorsicht | fake-shop | fakeshop",
    "context:fan": (
        "mein neues lieblings | meine neue lieblings | in dauerschleife | sehr empfehlenswert "
        "| kann ich empfehlen | lesenswert | großartig"
    ),
    "affiliate-mention": (
        "empfehlungslink | mit meinem link | über meinen link | mein code | meinem code"
    ),
    "self-announcement": (
        "neues video ist online | neue folge ist online | neue folge ist da | neues video ist "
        "da | jetzt auf meinem kanal | video ist online | newsletter ist raus | ausgabe ist "
        "raus | neue ausgabe ist raus"
    ),
    "context:family": (
        "meine schwester | mein bruder | meine mutter | mein vater | meine tochter | mein "
        "sohn | meine oma"
    ),
    "crowdfunding": (
        "auf kickstarter | auf startnext | finanziert | crowdfunding-kampagne | unterstützer*innen"
    ),
    "promo-vocabulary": (
        "angebot | angebote | rabatt | rabatte | shop | bestellung | bestellen | "
        "vorbestellung | kollektion | verfügbar | limitiert | edition | gewinnspiel | versand "
        "| versandkostenfrei | tickets | kurs | workshop | kanal | folge | stream | sticker | "
        "drucke | online | erhältlich"
    ),
    "context:employee": (
        "wo ich arbeite | meine schicht | mein chef | meine chefin | meine kollegen"
    ),
}
