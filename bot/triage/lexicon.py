# ruff: noqa: E501  (phrase tables read better unwrapped)
"""Signals the triage model weighs: conventional ways of saying a risk, a struggle, a joke or a
recovery, per taxonomy kind (docs/triage-taxonomy.md), in the six languages.

These are inputs, not verdicts: each fired signal becomes a feature whose weight is learned from
the training replies, alongside words and character n-grams, and a signal never decides a level
by itself. They were written from the taxonomy and common usage, not from the labeled replies,
so they carry what a few thousand training replies cannot: the many conventional phrasings of
the same thing ("want to die", "quiero morirme", "will nicht mehr leben", "消えたい").
"""

from __future__ import annotations

import re

_SIGNALS: dict[str, str] = {
    # wanting to die or not to exist, said plainly or by convention
    "suicidal": r"""
        wants?\ to\ die | wanted\ to\ die | wanna\ die | kill\ (?:herself|himself|themselves) | end\ (?:her|his|their)\ (?:own\ )?life
        | take\ (?:her|his|their)\ (?:own\ )?life | quiere\ morir | matarse | quitarse\ la\ vida | sich\ umbringen | sich\ das\ leben
        | veut\ mourir | se\ tuer | se\ suicider | quer\ morrer | se\ matar | wish\ i\ (?:was|were)\ dead | wish\ i\ wasn'?t\ (?:here|alive|born)
        | kill(?:ing)?\ myself | end(?:ing)?\ (?:my\ life|it\ all|things|it\ tonight) | take\ my\ (?:own\ )?life
        | suicid | don'?t\ want\ to\ (?:be\ here|live|exist|wake\ up|be\ alive) | no\ reason\ to\ (?:live|go\ on|keep\ going)
        | better\ off\ without\ me | (?:won'?t|will\ not)\ be\ (?:around|here|a\ (?:problem|burden)) (?:\ \w+){0,3}\ (?:longer|anymore|soon)
        | can'?t\ (?:go\ on|do\ this\ anymore|keep\ going) | not\ wake\ up | sleep\ forever | disappear\ forever
        | goodbye\ (?:forever|everyone|for\ good) | this\ is\ goodbye | last\ (?:message|goodbye)
        | giv(?:en|ing|e)\ (?:away\ )?(?:my|all\ my)\ (?:things|stuff|belongings) | wrote\ (?:letters|notes?)\ (?:to|for)\ (?:everyone|my)
        | burden\ to\ everyone | (?:nobody|no\ one)\ would\ (?:miss|notice|care) | end\ the\ pain
        | quiero\ morir | me\ quiero\ morir | quisiera\ morir | matarme | quitarme\ la\ vida | acabar\ con\ todo | no\ quiero\ (?:vivir|seguir|despertar)
        | suicid | mejor\ (?:sin\ mí|sin\ mi|muert[oa]) | desaparecer\ para\ siempre | no\ despertar | me\ despido\ de\ (?:todos|ustedes)
        | sterben\ will | will\ sterben | möchte\ sterben | umbringen | das\ leben\ nehmen | nicht\ mehr\ leben | will\ nicht\ mehr
        | suizid | selbstmord | besser\ ohne\ mich | nicht\ mehr\ aufwachen | für\ immer\ (?:weg|verschwinden|schlafen) | abschied\ von\ allen
        | veux\ mourir | envie\ de\ mourir | me\ tuer | me\ suicider | en\ finir | plus\ envie\ de\ vivre | envie\ de\ disparaître
        | mieux\ sans\ moi | ne\ plus\ me\ réveiller | adieu\ à\ tous | mettre\ fin\ à\ mes\ jours
        | quero\ morrer | queria\ morrer | me\ matar | tirar\ minha\ (?:própria\ )?vida | acabar\ com\ tudo | não\ quero\ mais\ viver
        | nao\ quero\ mais\ viver | queria\ sumir | quero\ sumir | melhor\ sem\ mim | não\ acordar\ mais | suicíd
        | 死にたい | 消えたい | 自殺 | 生きてる意味 | 生きている意味 | 生きていたくない | いなくなりたい | 終わりにしたい | 楽になりたい | 遺書 | 死のう | 死ぬつもり | この世から
    """,
    # a plan, a method, a time
    "means": r"""
        pills | overdos | stockpil | rope | noose | the\ bridge | jump\ (?:off|from) | a\ gun | razor | blades?(?![a-z])
        | pastillas | puente | saltar\ (?:de|desde) | cuerda
        | tabletten | brücke | springen | strick
        | cachets | médicaments | le\ pont | sauter\ (?:du|de) | corde
        | remédios | comprimidos | ponte(?![a-z]) | pular\ d | corda(?![a-z])
        | 薬 | 練炭 | 飛び降り | 首を吊 | ロープ
    """,
    # when: a risk with a time is a risk now
    "soon": r"""
        tonight | today | this\ (?:week|weekend) | tomorrow | esta\ noche | hoy | mañana | heute | morgen | diese\ woche
        | ce\ soir | aujourd'hui | demain | cette\ semaine | hoje | amanhã | esta\ semana | 今夜 | 今日 | 明日 | 今週
    """,
    "self_harm": r"""
        cut(?:ting)?\ (?:myself|my\ (?:arms?|wrists?|legs?)) | hurt(?:ing)?\ myself | burn(?:ing)?\ myself | self[\ -]?harm
        | cortarme | hacerme\ daño | autolesi | ritzen | selbstverletz | mir\ weh\ (?:zu\ )?tun
        | me\ couper | scarif | me\ faire\ du\ mal | me\ cortar | automutil | me\ machucar
        | リスカ | 自傷 | 腕を切
    """,
    "violence": r"""
        hit(?:s)?\ me | beat(?:s)?\ me | hurt(?:s)?\ me | threaten(?:ed|s)?\ (?:to\ kill\ )?me | choked\ me | afraid\ (?:of\ him|to\ go\ home)
        | scared\ (?:of\ him|to\ go\ home) | locked\ me | threw\ (?:a|the)\ \w+\ at\ me
        | me\ pega | me\ golpe | me\ amenaz | miedo\ de\ (?:volver|él) | schlägt\ mich | hat\ mich\ geschlagen | bedroht\ mich | angst\ vor\ ihm
        | me\ frappe | me\ bat | m'a\ frappé | menace\ de | peur\ de\ (?:rentrer|lui) | me\ bate | me\ agrid | me\ ameaç | medo\ de\ (?:voltar|dele)
        | 殴られ | 殴る | 暴力 | dv(?![a-z]) | 怖くて帰れ
    """,
    "medical": r"""
        chest\ (?:pain|hurts|is\ tight) | can'?t\ breathe | took\ (?:too\ many|a\ bunch\ of|all\ (?:my|the)) | overdosed | passed\ out | unconscious
        | seizure | bleeding\ (?:a\ lot|heavily) | stroke | numb\ (?:arm|face)
        | dolor\ en\ el\ pecho | no\ puedo\ respirar | me\ tomé\ todas | brustschmerz | kann\ nicht\ atmen | alle\ tabletten
        | douleur\ (?:à\ la|dans\ la)\ poitrine | mal\ à\ la\ poitrine | n'arrive\ plus\ à\ respirer | dor\ no\ peito | não\ consigo\ respirar
        | 胸が痛 | 息ができ | 飲みすぎ | 意識が
    """,
    "someone_else": r"""
        my\ (?:friend|sister|brother|son|daughter|kid|partner|wife|husband|mom|mum|dad|mother|father|roommate|cousin|neighbou?r|best\ friend)
        | (?:he|she|they)\ (?:says?|said|texted|told\ me) | mi\ (?:amig[oa]|herman[oa]|hij[oa]|pareja|madre|padre|vecin[oa]) | dice\ que
        | mein(?:e)?\ (?:freund(?:in)?|schwester|bruder|sohn|tochter|partner(?:in)?|mutter|vater|nachbar(?:in)?) | (?:er|sie)\ (?:sagt|schrieb|hat\ geschrieben)
        | mon\ (?:ami|frère|fils|copain|père|voisin) | ma\ (?:sœur|soeur|fille|copine|mère|voisine) | (?:il|elle)\ (?:dit|m'a\ écrit)
        | meu\ (?:amigo|irmão|filho|pai|vizinho|namorado) | minha\ (?:amiga|irmã|filha|mãe|vizinha|namorada) | (?:ele|ela)\ (?:disse|falou)
        | 友達が | 友人が | 姉が | 妹が | 兄が | 弟が | 息子が | 娘が | 彼氏が | 彼女が | 母が | 父が | って言って
    """,
    # figures of speech and joking: the ok side of dark words
    "laughing": r"""
        lol(?![a-z]) | lmao | lmfao | haha | hehe | rofl | jk(?![a-z]) | kidding | 😂 | 🤣 | 💀 | jaja | jeje | xd(?![a-z]) | mdr(?![a-z]) | ptdr | kkk | rsrs | 笑 | （笑） | \(笑\) | ｗｗ | www
        | die\ of\ laughter | dying\ of\ laughter | muero\ de\ (?:risa|ganas|sueño|hambre|calor|frío) | me\ muero\ de | muerta\ de\ (?:risa|sueño)
        | sterbe\ vor\ (?:lachen|hunger|müdigkeit) | totlachen | mort\ de\ rire | morte\ de\ (?:rire|fatigue) | morrendo\ de\ (?:rir|rir|sono|fome|calor)
        | 死ぬほど(?:眠|笑|美味|疲|好) | 死にそう（笑
    """,
    "idiom": r"""
        (?:is|was|are)\ killing\ me | killed\ me | i'?m\ dead | dead\ tired | dying\ to | to\ die\ for | kill\ for\ a | murder\ me | death\ of\ me
        | estoy\ muert[oa] | me\ mata | ich\ sterbe | bin\ tot | ça\ me\ tue | je\ suis\ mort | tô\ mort[oa] | me\ mata
    """,
    "recovered": r"""
        years?\ ago | used\ to | back\ then | at\ the\ time | those\ days | (?:much|so\ much|a\ lot)\ better\ now | i'?m\ (?:good|ok|okay|fine|safe)\ now
        | hace\ (?:años|tiempo) | en\ aquel\ entonces | ahora\ estoy\ bien | ya\ estoy\ bien | früher | vor\ jahren | damals | jetzt\ geht'?s\ mir\ (?:gut|besser)
        | il\ y\ a\ (?:des\ années|longtemps) | à\ l'époque | maintenant\ ça\ va | ça\ va\ mieux | há\ anos | naquela\ época | hoje\ (?:estou|tô)\ bem
        | 昔は | 何年も前 | 今は(?:元気|大丈夫|平気)
    """,
    "reassurance": r"""
        not\ suicidal | (?:won'?t|wouldn'?t|would\ never|never\ would)\ (?:hurt|harm|do\ anything\ to)\ myself | i'?m\ safe | don'?t\ worry
        | not\ in\ (?:a|that)\ (?:way|sense) | no\ voy\ a\ hacer(?:me)?\ nada | no\ te\ preocupes | estoy\ a\ salvo
        | keine\ sorge | nicht\ suizid | ich\ würde\ mir\ nie | pas\ suicidaire | t'inquiète | je\ ne\ ferai\ rien | não\ vou\ fazer\ nada | não\ se\ preocupe
        | 死ぬつもりはない | 大丈夫です | 心配しないで
    """,
    "struggling": r"""
        depress | lonely | alone | exhausted | burn(?:ed|t)?\ ?out | overwhelm | anxiety | anxious | panic | can'?t\ sleep | crying | cried | grief | grieving
        | passed\ away | died | funeral | laid\ off | lost\ my\ job | fired | diagnos | cancer | chemo | hospital | not\ (?:great|good|doing\ well) | rough | hard\ time | struggling
        | triste | sol[oa] | deprimid | agotad | ansiedad | llorando | murió | falleció | despid | no\ estoy\ bien | ya\ no\ puedo\ más | hecha?\ polvo
        | traurig | einsam | depress | erschöpft | angst | weinen | gestorben | beerdigung | gekündigt | nicht\ gut | kann\ nicht\ mehr | am\ ende | fix\ und\ fertig
        | seul | déprim | épuisé | angoiss | pleur | décédé | enterrement | licencié | pas\ bien | j'en\ peux\ plus | à\ bout | crevé
        | sozinh | deprimid | exaust | ansiedade | chorando | morreu | faleceu | demitid | não\ tô\ bem | não\ estou\ bem | não\ aguento\ mais | tô\ mal
        | 寂しい | 辛い | つらい | 鬱 | うつ | しんどい | 亡くな | 失業 | クビ | 不安 | 泣 | 限界 | 無理 | 疲れ
    """,
    "hostile": r"""
        fuck\ off | go\ away | shut\ up | stupid\ bot | who\ asked | spam | creepy | unfollow(?:ing)?\ you
        | déjame\ en\ paz | vete | lárgate | hau\ ab | lass\ mich\ in\ ruhe | dégage | fous-moi\ la\ paix | vai\ embora | me\ deixa\ em\ paz | うざい | 黙れ
    """,
}

# Latin phrases start at a word start (no "rope" in "europe"); Japanese ones match anywhere.
_COMPILED = {
    name: re.compile(r"(?<![a-zà-ÿ])(?:" + pattern + ")", re.VERBOSE | re.IGNORECASE)
    for name, pattern in _SIGNALS.items()
}
# Signals that mean more together (the model is linear: it cannot learn a conjunction alone).
_PAIRS = (
    ("someone_else", "suicidal"),
    ("someone_else", "self_harm"),
    ("suicidal", "laughing"),
    ("suicidal", "reassurance"),
    ("suicidal", "recovered"),
    ("suicidal", "means"),
    ("suicidal", "soon"),
    ("means", "soon"),
    ("idiom", "laughing"),
    ("struggling", "recovered"),
)


def signals(lowered: str) -> set[str]:
    """The signal names that fire on a lower-cased reply, and the pairs that fire together."""
    fired = {name for name, pattern in _COMPILED.items() if pattern.search(lowered)}
    fired.update(f"{a}&{b}" for a, b in _PAIRS if a in fired and b in fired)
    return fired
