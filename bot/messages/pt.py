"""Portuguese (Brazilian) texts: warm, short, no links, no asks. Commands stay in English."""

from __future__ import annotations

from collections.abc import Mapping

from bot.messages.catalog import Catalog, Variant
from bot.policy import NudgeKind

_HOW_IT_WORKS = (
    "Veja o que eu faço: acompanho sua atividade pública e, de vez em quando, se você passar um"
    " tempo sem aparecer ou só publicar divulgações, eu te mando uma mensagem curta perguntando"
    " como você está. Nunca mais de uma por semana.\n"
    "\n"
    "O que eu guardo: nenhum texto das suas postagens, só quando você teve atividade e se suas "
    "postagens pareciam promocionais, por 90 dias.\n"
    "\n"
    "Quem decide é você. É só responder:\n"
    '• "pause" para me pausar por um mês\n'
    '• "pause 2 weeks" (ou outro prazo) para me pausar por um tempo\n'
    '• "resume" para voltar a ter notícias minhas\n'
    '• "stop" para sair e apagar tudo o que eu guardo sobre você\n'
    '• "help" para ver todos os comandos\n'
    "Ou simplesmente deixe de me seguir ou me bloqueie, também funciona."
)

QUIET = (
    Variant(
        "Oi, {name}!",
        "Oi!",
        "Faz um tempo que não te vejo por aqui e só queria dar um oi. Como você está?",
    ),
    Variant(
        "Olá, {name}!",
        "Olá!",
        "Faz um tempinho que não te vejo por aqui. Sem pressão nenhuma, só espero que esteja "
        "tudo bem. Como vão as coisas?",
    ),
    Variant(
        "E aí, {name}!",
        "E aí!",
        "Só um oizinho, já que anda tudo quieto do seu lado. Como você tem passado?",
    ),
    Variant(
        "Oi, {name}.",
        "Oi.",
        "Lembrei de você porque não te vejo por aqui há um tempo. Espero que a vida esteja "
        "sendo gentil com você. Como você está?",
    ),
    Variant(
        "Olá, {name}!",
        "Olá!",
        "Faz um tempo. Não precisa postar nada, eu só queria saber de você. Como está tudo por aí?",
    ),
)

PROMO_ONLY = (
    Variant(
        "Oi, {name}!",
        "Oi!",
        "Parece que o trabalho anda puxado. Espero que você também tenha um tempinho para si. "
        "Como você está, além do trabalho?",
    ),
    Variant(
        "Olá, {name}!",
        "Olá!",
        "Só passando para dar um oi. E você, como está nesses dias, fora tudo aquilo em que "
        "anda trabalhando?",
    ),
    Variant(
        "E aí, {name}!",
        "E aí!",
        "Espero que o trabalho esteja indo bem, mas principalmente que você esteja bem. Como "
        "andam as coisas fora do trabalho?",
    ),
    Variant(
        "Oi, {name}.",
        "Oi.",
        "Sem segundas intenções, só curiosidade: o que tem te deixado feliz ultimamente, além "
        "dos seus projetos?",
    ),
    Variant(
        "Olá, {name}!",
        "Olá!",
        "Parece uma fase corrida! Espero que você consiga descansar um pouco. Como você está se"
        " sentindo?",
    ),
)

CHECKIN = (
    Variant(
        "Oi, {name},",
        "Oi,",
        (
            "te escrevi algumas vezes sem resposta, e tudo bem. Continuo dando um oi? Sem "
            "resposta, fico quieto por três meses."
        ),
    ),
    Variant(
        "Olá, {name}!",
        "Olá!",
        (
            "Sem pressão nenhuma: essas mensagens ainda são bem-vindas? Sem resposta, faço "
            "uma pausa de três meses. Escreva “stop” para encerrar."
        ),
    ),
    Variant(
        "Oi, {name}!",
        "Oi!",
        (
            "Só queria confirmar se minhas mensagens ainda são bem-vindas. Sem resposta, "
            "descanso por três meses."
        ),
    ),
    Variant(
        "E aí, {name}?",
        "E aí?",
        (
            "Uma pergunta sobre mim, não sobre você: essas mensagens ainda estão ok? Sem "
            "resposta, pauso por três meses."
        ),
    ),
    Variant(
        "Olá de novo, {name}.",
        "Olá de novo.",
        (
            "Não quero incomodar. Responda qualquer coisa para continuar, ou fico em pausa "
            "por três meses."
        ),
    ),
)

WELCOME = (
    Variant(
        "Boas-vindas, {name}!",
        "Boas-vindas!",
        "Obrigado por topar.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Oi, {name}!",
        "Oi!",
        "Que bom ter você por aqui.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Olá, {name}!",
        "Olá!",
        "Obrigado por aceitar um oi de vez em quando.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "E aí, {name}!",
        "E aí!",
        "Fico feliz que você esteja aqui.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Oi, {name}!",
        "Oi!",
        "Prazer em te conhecer, e obrigado por participar.\n\n" + _HOW_IT_WORKS,
    ),
)

CATALOG = Catalog(
    language="pt",
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
        "Feito: parei e apaguei o que eu guardava sobre você. Se quiser voltar, escreva "
        "“start” aqui ou me siga de novo. Se cuida!"
    ),
    "paused": "Pausado até {until}. Escreva “resume” para desfazer.",
    "resumed": "Retomado. Vou dar um oi de vez em quando, raramente.",
    "help": (
        "Sou um pequeno bot que dá um oi de vez em quando. Você pode escrever: "
        "“pausa 2 semanas”, “resume”, “less”, “more”, “tz America/Sao_Paulo”, "
        "“hours 9-18”, “status” ou “stop”."
    ),
    "ack": "Obrigado por responder! Uma pessoa lê estas mensagens e pode responder aqui.",
    "invalid": "Desculpe, não entendi. Escreva “help” para ver o que eu entendo.",
    "invalid_pause": (
        "Desculpe, não entendi por quanto tempo pausar (precisa terminar amanhã ou depois). "
        "Escreva, por exemplo, “pausa 2 semanas”."
    ),
    "invalid_tz": (
        "Desculpe, não conheço esse fuso horário. Escreva, por exemplo, “tz America/Sao_Paulo” "
        "ou “tz UTC-3”."
    ),
    "invalid_hours": "Desculpe, não entendi esses horários. Escreva, por exemplo, “hours 9-18”.",
}

CRISIS_LOCAL = (
    "Obrigado por me contar; levo a sério o que você escreveu. Sou só um pequeno bot, não "
    "um profissional de apoio, mas uma pessoa vai ler sua mensagem. Se você está em perigo "
    "agora, ligue {emergency}. Você pode falar com alguém agora: {line}. "
    "Em outros países: {directory}"
)

CRISIS_ANY = (
    "Obrigado por me contar; levo a sério o que você escreveu. Sou só um pequeno bot, não "
    "um profissional de apoio, mas uma pessoa vai ler sua mensagem. Se você está em perigo "
    "agora, ligue para a emergência (112 ou 911). Linhas de apoio do seu país: {directory}"
)

DISTRESS: tuple[str, ...] = (
    "Obrigado por contar como você está de verdade. Parece difícil, e eu sinto muito. "
    "Uma pessoa lê estas mensagens e pode responder aqui.",
    "Sinto muito que as coisas estejam tão pesadas agora. Obrigado pela sinceridade; "
    "uma pessoa lê estas mensagens e pode responder aqui.",
    "Parece muita coisa para carregar. Obrigado por compartilhar. Uma pessoa lê estas "
    "mensagens e pode te escrever aqui.",
)
