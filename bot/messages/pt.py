"""Portuguese (Brazilian) texts (você): warm, short, no links, no asks."""

from __future__ import annotations

from collections.abc import Mapping

from bot.messages.catalog import Catalog, ReplyKey, Variant
from bot.policy import DmKind

_HOW_IT_WORKS = (
    "De vez em quando, se você passar um tempo sem aparecer, vou te perguntar como você está. "
    "Nunca mais de uma vez por semana.\n"
    "\n"
    "Não guardo o texto dos seus posts: só os dias em que você postou e se eles pareciam de "
    "divulgação, por 90 dias.\n"
    "\n"
    "Quando quiser, é só responder “pausa”, “parar” ou “ajuda”, ou simplesmente deixar de me "
    "seguir."
)

QUIET = (
    Variant(
        "Oi, {name}!",
        "Oi!",
        "Faz um tempo que não te vejo por aqui e queria dar um oi. Como você está?",
    ),
    Variant(
        "Olá, {name}.",
        "Olá.",
        "Já faz um tempinho, e eu só queria saber de você. Como vão as coisas?",
    ),
    Variant(
        "Oi, {name}.",
        "Oi.",
        "Lembrei de você e resolvi dar um oi. Como você tem passado?",
    ),
    Variant(
        "Olá, {name}!",
        "Olá!",
        "Não precisa postar nada; só passei para saber de você. Como está tudo por aí?",
    ),
    Variant(
        "Oi, {name},",
        "Oi,",
        "faz um tempo que você não posta, e não tem problema nenhum. Só queria perguntar: "
        "como você está?",
    ),
)

PROMO_ONLY = (
    Variant(
        "Oi, {name}!",
        "Oi!",
        "Só passando para dar um oi. Como você está nesses dias?",
    ),
    Variant(
        "Olá, {name}.",
        "Olá.",
        "Sem nenhum motivo especial: só queria saber de você. Como vão as coisas?",
    ),
    Variant(
        "Oi, {name}.",
        "Oi.",
        "Hoje é só uma pergunta simples, de mim para você: como você está?",
    ),
    Variant(
        "Olá, {name}!",
        "Olá!",
        "Pensei em você hoje e quis mandar um oi. Como você anda?",
    ),
    Variant(
        "Oi, {name},",
        "Oi,",
        "passei só para dar um alô. Como estão as coisas aí do seu lado?",
    ),
)

CHECKIN = (
    Variant(
        "Oi, {name}.",
        "Oi.",
        (
            "Ainda tudo bem eu te mandar um oi de vez em quando? Se você não responder, "
            "faço uma pausa de três meses."
        ),
    ),
    Variant(
        "Olá, {name}.",
        "Olá.",
        (
            "Só quero ter certeza de que não estou incomodando. Se você não responder, fico "
            "três meses sem escrever; se preferir que eu pare de vez, responda “parar”."
        ),
    ),
    Variant(
        "Oi, {name}!",
        "Oi!",
        (
            "Uma pergunta sobre mim, não sobre você: essas mensagens ainda são bem-vindas? "
            "Se você não responder, dou um tempo de três meses."
        ),
    ),
    Variant(
        "Olá de novo, {name}.",
        "Olá de novo.",
        (
            "Não quero incomodar. Se quiser continuar recebendo essas mensagens, responda "
            "qualquer coisa; se não, faço uma pausa de três meses."
        ),
    ),
    Variant(
        "Oi, {name},",
        "Oi,",
        (
            "uma pergunta rápida: continuo mandando um oi de vez em quando? Se você não "
            "responder, tudo bem: dou um tempo de três meses."
        ),
    ),
)

WELCOME = (
    Variant(
        "Oi, {name}! Boas-vindas.",
        "Oi! Boas-vindas.",
        "Que bom que você topou.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Olá, {name}!",
        "Olá!",
        "Que bom ter você por aqui.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Oi, {name}!",
        "Oi!",
        "Obrigado por aceitar um oi de vez em quando.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Boas-vindas, {name}!",
        "Boas-vindas!",
        "Fico feliz que você esteja aqui.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Olá, {name}.",
        "Olá.",
        "Obrigado por dar uma chance a este pequeno bot.\n\n" + _HOW_IT_WORKS,
    ),
)

CATALOG = Catalog(
    language="pt",
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
        "Pronto: parei e apaguei o que eu guardava sobre você. Se um dia quiser receber essas "
        "mensagens de novo, escreva “começar” aqui ou volte a me seguir. Se cuida."
    ),
    "forgotten": (
        "Pronto: apaguei tudo o que eu guardava sobre você e não vou mais te escrever. "
        "Se mudar de ideia, escreva “começar” aqui ou volte a me seguir."
    ),
    "started": (
        "Que bom ter você de volta. Enquanto você seguir esta conta, vou te mandar um oi muito "
        "de vez em quando. Escreva “parar” quando quiser."
    ),
    "already_in": (
        "Tudo certo: vou te mandar um oi muito de vez em quando. Escreva “ajuda” para ver as "
        "opções."
    ),
    "not_following": (
        "Para receber minhas mensagens, siga esta conta. Quando quiser, é só escrever “parar” "
        "para encerrar."
    ),
    "paused": (
        "Combinado: fico em pausa até {until}. Se quiser que eu volte antes, escreva “retomar”."
    ),
    "resumed": "Combinado: volto a te mandar um oi muito de vez em quando.",
    "tz": "Anotado: seu fuso horário é {tz}. Só vou te escrever durante o dia, no seu horário.",
    "hours": "Anotado: só vou te escrever entre {start}h e {end}h, no seu horário.",
    "less": (
        "Combinado: a partir de agora, no máximo uma mensagem por mês. Escreva “mais” para "
        "desfazer."
    ),
    "more": "Combinado: de volta ao normal, no máximo uma mensagem por semana.",
    "status": (
        "O que eu guardo sobre você: você me segue desde {since}; minha última mensagem: "
        "{last}; em pausa: {paused}; fuso horário: {tz}. Também guardo em quais dias você "
        "postou nos últimos 90 dias e se esses posts pareciam de divulgação; seu horário e "
        "com que frequência você quer receber mensagens; e, se você ativou “friends on”, com "
        "quem você interagiu por respostas, menções ou citações. Nunca guardo o texto dos "
        "seus posts."
    ),
    "help": (
        "Sou um pequeno bot que manda um oi muito de vez em quando. Você pode escrever: "
        "“pausa 2 semanas”, “retomar”, “menos”, “mais”, “fuso horário America/Sao_Paulo”, "
        "“horário 9-18”, “meus dados”, “parar” ou “apague meus dados”."
    ),
    # an invalid command's answer never quotes its words: they may be anything, and answers
    # are stored (held, recorded) until sent
    "invalid": "Desculpe, não entendi. Escreva “ajuda” para ver o que eu entendo.",
    "invalid_pause": (
        "Desculpe, não entendi por quanto tempo pausar (a pausa precisa terminar amanhã ou "
        "depois). Escreva, por exemplo, “pausa 2 semanas” ou “pausa até 2026-12-24”."
    ),
    "invalid_tz": (
        "Desculpe, não conheço esse fuso horário. Escreva, por exemplo, "
        "“fuso horário America/Sao_Paulo” ou “fuso horário UTC-3”."
    ),
    "invalid_hours": "Desculpe, não entendi esse horário. Escreva, por exemplo, “horário 9-18”.",
    "invalid_handle": (
        "Desculpe, isso não é um nome de usuário. Escreva, por exemplo, "
        "“friends skip @alice.bsky.social”."
    ),
    "ack": "Recebi sua mensagem, obrigado. Uma pessoa lê estas mensagens e pode te responder aqui.",
    "friends_later": "Isso ainda não está disponível. Escreva “ajuda” para ver o que eu faço.",
    "friends_on": (
        "“Manter contato” está ativado: de vez em quando, posso sugerir alguém com quem você "
        "conversava bastante. Só guardo com quem você interagiu por respostas, menções ou "
        "citações, nunca o que você disse. Escreva “friends off” para desativar."
    ),
    "friends_off": "“Manter contato” está desativado, e apaguei com quem você conversava.",
    "friends_skip": "Combinado: não vou sugerir @{handle}.",
    "friends_unknown": "Desculpe, não encontrei essa conta.",
    "friends_disabled": "“Manter contato” está desativado. Escreva “friends on” para ativar.",
    "friends_none": (
        "Por enquanto, não tenho ninguém para sugerir entre as pessoas com quem você conversava "
        "bastante."
    ),
    "friends_list": "Pessoas que eu posso sugerir: {list}.",
    "never": "nenhuma ainda",
    "not_paused": "não",
    "tz_unknown": "não definido (deduzo pelos horários em que você posta)",
    "lang_set": "Combinado: a partir de agora, vou escrever para você em português.",
    "invalid_lang": (
        "Desculpe, ainda não sei escrever nesse idioma. Sei escrever em English, Español, "
        "Deutsch, Français, Português e 日本語."
    ),
}

FRIEND_SUGGESTION = "Você e @{handle} conversavam bastante. Que tal mandar um oi?"

FRIEND_SUGGESTION_QUIET = (
    "Você e @{handle} conversavam bastante, e ultimamente essa pessoa anda mais quieta. "
    "Que tal mandar um oi?"
)

CRISIS_LOCAL = (
    "Que bom que você me contou. Levo muito a sério o que você escreveu. Sou só um pequeno "
    "bot, não um terapeuta, mas uma pessoa vai ler sua mensagem. Se você estiver em perigo "
    "agora, ligue para o {emergency}. Você pode conversar com alguém agora mesmo: {line}. "
    "Se estiver em outro país: {directory}"
)

CRISIS_ANY = (
    "Que bom que você me contou. Levo muito a sério o que você escreveu. Sou só um pequeno "
    "bot, não um terapeuta, mas uma pessoa vai ler sua mensagem. Se você estiver em perigo "
    "agora, ligue para o número de emergência do seu país (112 ou 911). Linhas de apoio no "
    "seu país: {directory}"
)

DISTRESS: tuple[str, ...] = (
    "Obrigado por me contar como você está de verdade. Parece muito difícil, e eu sinto "
    "muito. Uma pessoa lê estas mensagens e pode te responder aqui.",
    "Sinto muito que as coisas estejam tão pesadas agora. Obrigado pela sinceridade; uma "
    "pessoa lê estas mensagens e pode te escrever por aqui.",
    "É muita coisa para carregar. Obrigado por dividir isso comigo. Uma pessoa lê estas "
    "mensagens e pode te responder por aqui.",
)
