"""English texts: warm, short, no links, no asks."""

from __future__ import annotations

from collections.abc import Mapping

from bot.messages.catalog import Catalog, ReplyKey, Variant
from bot.policy import DmKind

_HOW_IT_WORKS = (
    "Now and then, if you go quiet, I'll ask how you are. Never more than once a week.\n"
    "\n"
    "For 90 days I keep only which days you posted and whether those posts looked "
    "promotional, never what you wrote.\n"
    "\n"
    "Reply “pause” to pause me for a month, “stop” to end this and delete what I keep, or "
    "“help” for more. Or just unfollow me."
)

QUIET = (
    Variant(
        "Hi {name},",
        "Hi,",
        "I haven't seen you around for a while, so I wanted to say hello. How are you?",
    ),
    Variant(
        "Hello {name},",
        "Hello,",
        "it's been a little while since your last post. How have things been for you?",
    ),
    Variant(
        "Hi {name},",
        "Hi there,",
        "just a short hello, since it's been quiet on your side for a while. How have you been?",
    ),
    Variant(
        "Hello {name},",
        "Hello,",
        "I noticed you've been quiet lately, and I wanted to check in. How are things with you?",
    ),
    Variant(
        "Hey {name},",
        "Hey,",
        "it's been a while. There's no need to post anything; I just wanted to say hi. How are "
        "you these days?",
    ),
    Variant(
        "Hi {name},",
        "Hi,",
        "it's been quiet for a while, and that's completely fine. I just wanted to ask: how are "
        "you?",
    ),
)

PROMO_ONLY = (
    Variant(
        "Hi {name},",
        "Hi,",
        "just a short hello. How are things with you these days?",
    ),
    Variant(
        "Hello {name},",
        "Hello,",
        "I wanted to check in, not about posts or plans, just about you. How are you?",
    ),
    Variant(
        "Hi {name},",
        "Hi there,",
        "however things are going right now, I wanted to ask: how are you feeling these days?",
    ),
    Variant(
        "Hello {name},",
        "Hello,",
        "I'm just writing to say hello. How have you been lately?",
    ),
    Variant(
        "Hey {name},",
        "Hey,",
        "a quick check-in from me, about you and nothing else. How are you doing?",
    ),
    Variant(
        "Hi {name},",
        "Hi,",
        "I don't need anything. I just wanted to ask how you are. How has your week been?",
    ),
)

CHECKIN = (
    Variant(
        "Hi {name},",
        "Hi,",
        (
            "a quick question about these messages: do you still want them? Any reply "
            "keeps them coming. If I don't hear back, I'll take a three-month break."
        ),
    ),
    Variant(
        "Hello {name},",
        "Hello,",
        (
            "I want to make sure these messages are still welcome. If they are, just reply. If "
            "not, that's fine: without a reply, I'll pause for three months."
        ),
    ),
    Variant(
        "Hi {name},",
        "Hi there,",
        (
            "are these occasional messages still okay for you? No need to explain. Without a "
            "reply, I'll pause for three months. Write “stop” to end them completely."
        ),
    ),
    Variant(
        "Hey {name},",
        "Hey,",
        (
            "a question about me, not you: are these check-ins still welcome? If I don't hear "
            "from you, I'll pause for three months."
        ),
    ),
    Variant(
        "Hello {name},",
        "Hello,",
        (
            "it's fine not to answer my messages. Should I keep writing now and then? "
            "Any reply means yes. Otherwise I'll pause for three months."
        ),
    ),
)

WELCOME = (
    Variant(
        "Hi {name}, welcome!",
        "Hi, welcome!",
        "Thanks for joining.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Hello {name}!",
        "Hello!",
        "I'm glad you're here.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Hi {name},",
        "Hi there,",
        "thanks for saying yes to an occasional hello.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Welcome, {name}!",
        "Welcome!",
        "Good to have you here.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Hi {name}!",
        "Hi!",
        "Nice to meet you, and thanks for joining.\n\n" + _HOW_IT_WORKS,
    ),
)

CATALOG = Catalog(
    language="en",
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
        "Done: I've stopped and deleted everything I kept about you. If you ever want these "
        "messages again, write “start” here or follow me again. Take care."
    ),
    "forgotten": (
        "Done: I've deleted everything I kept about you, and I won't write to you again. "
        "If you change your mind, write “start” here or follow me again."
    ),
    "started": (
        "Welcome back! As long as you follow me, I'll check in now and then, never more than "
        "once a week. Write “stop” any time."
    ),
    "already_in": "You're all set: I'll check in now and then. Write “help” to see your options.",
    "not_following": (
        "To get check-ins from me, follow this account. You can write “stop” any time."
    ),
    "paused": "Paused until {until}. Write “resume” any time to undo this.",
    "resumed": "Resumed. I'll check in now and then, as before.",
    "tz": "Got it: your time zone is {tz}. I'll only write during your daytime.",
    "hours": "Got it: I'll only write between {start}:00 and {end}:00 your time.",
    "less": (
        "Got it: at most one check-in a month from now on. Write “more” to go back to once a week."
    ),
    "more": "Got it: back to the usual, at most one check-in a week.",
    "status": (
        "What I keep about you: following since {since}; last check-in: {last}; paused: {paused}; "
        "time zone: {tz}. Also, for 90 days, which days you posted and whether those posts "
        "looked promotional; your hours and how often I may write; and, with “friends on”, "
        "whom you replied to, mentioned or quoted. I never keep what you wrote."
    ),
    "help": (
        "I'm a small bot that checks in now and then. You can write:\n"
        "• “pause 2 weeks” (or just “pause” for a month) and “resume”\n"
        "• “less” or “more”: once a month or once a week at most\n"
        "• “tz Europe/Berlin” or “hours 9-18”: when I may write\n"
        "• “status”: what I keep about you\n"
        "• “language Español”: to get my messages in another language\n"
        "• “stop”: to end this and delete what I keep"
    ),
    # an invalid command's answer never quotes its words: they may be anything, and answers
    # are stored (held, recorded) until sent
    "invalid": "Sorry, I didn't understand that. Write “help” to see what I understand.",
    "invalid_pause": (
        "Sorry, I didn't understand how long to pause (it must end tomorrow or later). "
        "Write for example “pause 2 weeks” or “pause until 2026-12-24”."
    ),
    "invalid_tz": (
        "Sorry, I don't know that time zone. Write for example “tz Europe/Berlin” or “tz UTC+2”."
    ),
    "invalid_hours": (
        "Sorry, I didn't understand those hours. Write for example “hours 9-18” for 9:00 to 18:00."
    ),
    "invalid_handle": (
        "Sorry, that doesn't look like a handle. Write for example "
        "“friends skip @alice.bsky.social”."
    ),
    "lang_set": "Got it: I'll write to you in English from now on.",
    "invalid_lang": (
        "Sorry, I can't write in that language yet. I can write in English, Español, Deutsch, "
        "Français, Português and 日本語."
    ),
    "ack": "Thank you for writing back. A person reads these messages and may answer here too.",
    "friends_later": "That isn't available yet. Write “help” to see what I can do.",
    "friends_on": (
        "“Stay in touch” is on: now and then I may suggest someone you used to talk with a lot. "
        "I keep only whom you replied to, mentioned or quoted, never what you said. "
        "Write “friends off” to turn it off."
    ),
    "friends_off": "“Stay in touch” is off, and I've deleted the list of people you talked with.",
    "friends_skip": "Got it: I won't suggest @{handle}.",
    "friends_unknown": "Sorry, I couldn't find that account.",
    "friends_disabled": "“Stay in touch” is off. Write “friends on” to turn it on.",
    "friends_none": (
        "Nobody to suggest right now. I look for someone you used to talk with a lot, and no "
        "one fits at the moment."
    ),
    "friends_list": "I might suggest: {list}.",
    "never": "not yet",
    "not_paused": "no",
    "tz_unknown": "not set (guessed from when you post)",
}

FRIEND_SUGGESTION = "You and @{handle} used to talk a lot — maybe say hi?"

FRIEND_SUGGESTION_QUIET = (
    "You and @{handle} used to talk a lot, and they've been quiet lately. Maybe say hi?"
)

CRISIS_LOCAL = (
    "I'm really glad you told me, and I take what you wrote seriously. I'm a small bot, not "
    "a counsellor, but a human will read your message too. If you are in danger right now, "
    "please call {emergency}. You can also talk to someone now: {line}. If you are in another "
    "country, you can find a helpline at {directory}"
)

CRISIS_ANY = (
    "I'm really glad you told me, and I take what you wrote seriously. I'm a small bot, not "
    "a counsellor, but a human will read your message too. If you are in danger right now, "
    "please call your local emergency number (112 or 911). You can find a helpline in your "
    "country at {directory}"
)

DISTRESS: tuple[str, ...] = (
    "Thank you for telling me how things really are. That sounds hard, and I'm sorry. "
    "A person reads these messages and may write back here.",
    "I'm sorry things are so heavy right now. Thank you for being honest with me. "
    "A person reads these messages and may answer here.",
    "That sounds like a lot to carry. Thank you for sharing it with me. A person reads these "
    "messages and may write to you here.",
)
