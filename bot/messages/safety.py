"""What the bot says to a reply triaged crisis or distress (bot/safety), in six languages.

Crisis: takes them seriously, says a human will read it, says plainly the bot is not a
counsellor, and gives help they can use now. These are the only bot texts that carry a phone
number or an address (the crisis directory's): tests/test_safety_texts.py keeps that narrow.
Distress: warmer than the generic acknowledgement; no advice, no asks, no numbers.
"""

from __future__ import annotations

from collections.abc import Mapping

# {emergency}, {line}, {directory}: from bot/safety/resources.py
CRISIS_LOCAL: Mapping[str, str] = {
    "en": (
        "I'm really glad you told me, and I take what you wrote seriously. I'm a small bot, not "
        "a counsellor, but a human will read your message. If you're in danger right now, call "
        "{emergency}. You can talk to someone now: {line}. Elsewhere: {directory}"
    ),
    "es": (
        "Gracias por contármelo; me tomo en serio lo que has escrito. Soy un pequeño bot, no un "
        "profesional de ayuda, pero una persona leerá tu mensaje. Si estás en peligro ahora, "
        "llama al {emergency}. Puedes hablar con alguien ya: {line}. En otros países: {directory}"
    ),
    "de": (
        "Danke, dass du mir das schreibst; ich nehme es ernst. Ich bin ein kleiner Bot, keine "
        "Beratung, aber ein Mensch wird deine Nachricht lesen. Wenn du gerade in Gefahr bist, "
        "ruf {emergency} an. Du kannst jetzt mit jemandem sprechen: {line}. "
        "In anderen Ländern: {directory}"
    ),
    "fr": (
        "Merci de me l'avoir dit ; je prends ce que tu écris au sérieux. Je ne suis qu'un petit "
        "bot, pas un professionnel de l'écoute, mais une personne lira ton message. Si tu es en "
        "danger maintenant, appelle le {emergency}. Tu peux parler à quelqu'un tout de suite : "
        "{line}. Dans d'autres pays : {directory}"
    ),
    "pt": (
        "Obrigado por me contar; levo a sério o que você escreveu. Sou só um pequeno bot, não "
        "um profissional de apoio, mas uma pessoa vai ler sua mensagem. Se você está em perigo "
        "agora, ligue {emergency}. Você pode falar com alguém agora: {line}. "
        "Em outros países: {directory}"
    ),
    "ja": (
        "話してくれてありがとうございます。書いてくれたことを真剣に受け止めています。私は小さな"
        "ボットで、相談員ではありませんが、人がこのメッセージを読みます。いま危険な状態なら"
        "{emergency}に電話してください。いますぐ話せる窓口：{line}。ほかの国：{directory}"
    ),
}

# the country is unknown: the emergency numbers most phones route, and the directory
CRISIS_ANY: Mapping[str, str] = {
    "en": (
        "I'm really glad you told me, and I take what you wrote seriously. I'm a small bot, not "
        "a counsellor, but a human will read your message. If you're in danger right now, call "
        "your local emergency number (112 or 911). Crisis lines in your country: {directory}"
    ),
    "es": (
        "Gracias por contármelo; me tomo en serio lo que has escrito. Soy un pequeño bot, no un "
        "profesional de ayuda, pero una persona leerá tu mensaje. Si estás en peligro ahora, "
        "llama a tu número de emergencias (112 o 911). Líneas de ayuda de tu país: {directory}"
    ),
    "de": (
        "Danke, dass du mir das schreibst; ich nehme es ernst. Ich bin ein kleiner Bot, keine "
        "Beratung, aber ein Mensch wird deine Nachricht lesen. Wenn du gerade in Gefahr bist, "
        "ruf den Notruf an (112 oder 911). Krisentelefone in deinem Land: {directory}"
    ),
    "fr": (
        "Merci de me l'avoir dit ; je prends ce que tu écris au sérieux. Je ne suis qu'un petit "
        "bot, pas un professionnel de l'écoute, mais une personne lira ton message. Si tu es en "
        "danger maintenant, appelle les urgences (112 ou 911). Lignes d'écoute de ton pays : "
        "{directory}"
    ),
    "pt": (
        "Obrigado por me contar; levo a sério o que você escreveu. Sou só um pequeno bot, não "
        "um profissional de apoio, mas uma pessoa vai ler sua mensagem. Se você está em perigo "
        "agora, ligue para a emergência (112 ou 911). Linhas de apoio do seu país: {directory}"
    ),
    "ja": (
        "話してくれてありがとうございます。書いてくれたことを真剣に受け止めています。私は小さな"
        "ボットで、相談員ではありませんが、人がこのメッセージを読みます。いま危険な状態なら"
        "緊急番号（112または911、日本は119）に電話してください。あなたの国の窓口：{directory}"
    ),
}

DISTRESS: Mapping[str, tuple[str, ...]] = {
    "en": (
        "Thank you for telling me how it really is. That sounds hard, and I'm sorry. "
        "A human reads these and may write back here.",
        "I'm sorry things are heavy right now. Thank you for being honest with me; "
        "a human reads these and may answer here.",
        "That sounds like a lot to carry. Thank you for sharing it. A human reads these "
        "messages and may write to you here.",
    ),
    "es": (
        "Gracias por contarme cómo estás de verdad. Suena difícil y lo siento. "
        "Una persona lee estos mensajes y puede responderte aquí.",
        "Siento que las cosas pesen tanto ahora. Gracias por tu sinceridad; "
        "una persona lee estos mensajes y puede contestarte aquí.",
        "Suena a mucho que llevar. Gracias por compartirlo. Una persona lee estos mensajes "
        "y puede escribirte aquí.",
    ),
    "de": (
        "Danke, dass du ehrlich schreibst, wie es dir geht. Das klingt schwer, und es tut mir "
        "leid. Ein Mensch liest diese Nachrichten und antwortet vielleicht hier.",
        "Es tut mir leid, dass es gerade so schwer ist. Danke für deine Offenheit; "
        "ein Mensch liest das und schreibt dir vielleicht hier.",
        "Das klingt nach ziemlich viel auf einmal. Danke, dass du es teilst. Ein Mensch liest "
        "diese Nachrichten und antwortet vielleicht hier.",
    ),
    "fr": (
        "Merci de me dire comment ça va vraiment. Ça a l'air dur, et j'en suis désolé. "
        "Une personne lit ces messages et peut te répondre ici.",
        "Je suis désolé que ce soit si lourd en ce moment. Merci pour ta franchise ; "
        "une personne lit ces messages et peut te répondre ici.",
        "Ça fait beaucoup à porter. Merci de l'avoir partagé. Une personne lit ces messages "
        "et peut t'écrire ici.",
    ),
    "pt": (
        "Obrigado por contar como você está de verdade. Parece difícil, e eu sinto muito. "
        "Uma pessoa lê estas mensagens e pode responder aqui.",
        "Sinto muito que as coisas estejam tão pesadas agora. Obrigado pela sinceridade; "
        "uma pessoa lê estas mensagens e pode responder aqui.",
        "Parece muita coisa para carregar. Obrigado por compartilhar. Uma pessoa lê estas "
        "mensagens e pode te escrever aqui.",
    ),
    "ja": (
        "本当の気持ちを教えてくれてありがとうございます。つらいですね。"
        "人がこのメッセージを読んでいて、ここで返信することもあります。",
        "いま大変な状況なのですね。正直に話してくれてありがとうございます。"
        "人が読んでいて、ここで返信することもあります。",
        "たくさんのことを抱えているように聞こえます。伝えてくれてありがとうございます。"
        "人がこのメッセージを読んでいます。",
    ),
}
