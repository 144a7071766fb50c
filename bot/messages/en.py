"""English texts: warm, short, no links, no asks."""

from __future__ import annotations

from collections.abc import Mapping

from bot.messages.catalog import Catalog, Variant
from bot.policy import NudgeKind

_HOW_IT_WORKS = (
    "Here is what I do: I look at your public activity, and now and then, if you go quiet for a"
    " while or only post promotions, I send you one short message to ask how you are. Never "
    "more than one a week.\n"
    "\n"
    "What I keep: no post text, only when you were active and whether your posts looked "
    "promotional, for 90 days.\n"
    "\n"
    "You are always in control. Just reply:\n"
    '• "pause" to pause me for a month\n'
    '• "pause 2 weeks" (or any other time) to pause for a while\n'
    '• "resume" to hear from me again\n'
    '• "stop" to opt out and have everything I keep about you deleted\n'
    '• "help" to see all commands\n'
    "Or simply unfollow or block me, that works too."
)

QUIET = (
    Variant(
        "Hi {name}!",
        "Hi!",
        "I haven't seen you around for a while and just wanted to say hello. How are you doing?",
    ),
    Variant(
        "Hey {name},",
        "Hey there,",
        "it's been a little while since I've seen you around. No pressure at all, I just hope "
        "you're doing well. How are things?",
    ),
    Variant(
        "Hello {name}!",
        "Hello!",
        "Just a small hello, since it's been quiet on your side for a bit. How have you been?",
    ),
    Variant(
        "Hi {name},",
        "Hi there,",
        "you crossed my mind because I haven't seen you around lately. I hope life is treating "
        "you kindly. How are you?",
    ),
    Variant(
        "Hey {name}!",
        "Hey!",
        "It's been a while. No need to post anything, I just wanted to check in. How are you "
        "doing these days?",
    ),
    Variant(
        "Hi {name},",
        "Hi,",
        "it's been quiet for a bit, and that's perfectly okay. I just wanted to ask: how are you?",
    ),
)

PROMO_ONLY = (
    Variant(
        "Hi {name}!",
        "Hi!",
        "You seem to have a lot going on with your work lately. I hope you're finding a moment "
        "for yourself too. How are you doing, beyond the work?",
    ),
    Variant(
        "Hey {name},",
        "Hey there,",
        "just a small hello from me. How are you yourself doing these days, apart from "
        "everything you're working on?",
    ),
    Variant(
        "Hello {name}!",
        "Hello!",
        "I hope the work is going well, but mostly I hope you are well. How are things with you"
        " outside of work?",
    ),
    Variant(
        "Hi {name},",
        "Hi there,",
        "no agenda here, I'm just curious: what has been making you happy lately, besides your "
        "projects?",
    ),
    Variant(
        "Hey {name}!",
        "Hey!",
        "Busy times, it seems! I hope you get some rest in between. How are you feeling these "
        "days?",
    ),
    Variant(
        "Hi {name},",
        "Hi,",
        "just checking in on the person behind all that hard work. How are you doing?",
    ),
)

CHECKIN = (
    Variant(
        "Hi {name},",
        "Hi,",
        (
            "I've written a few times without hearing back, and that's fine. Should I keep "
            "checking in? Without a reply I'll go quiet for three months."
        ),
    ),
    Variant(
        "Hey {name},",
        "Hey,",
        (
            "no pressure at all: are these occasional hellos still welcome? I'll pause for "
            "three months unless you reply. Write “stop” to end them."
        ),
    ),
    Variant(
        "Hello {name},",
        "Hello,",
        (
            "just making sure my messages are still welcome. If not, no worries: I'll take a "
            "three-month break unless you reply."
        ),
    ),
    Variant(
        "Hi {name}!",
        "Hi!",
        (
            "A quick question about me, not you: are these check-ins still okay? Without a "
            "reply I'll pause for three months."
        ),
    ),
    Variant(
        "Hey {name}!",
        "Hey!",
        (
            "I don't want to be a bother. Reply anything to keep our occasional hellos, or "
            "stay silent and I'll pause for three months."
        ),
    ),
)

WELCOME = (
    Variant(
        "Hi {name}, welcome!",
        "Hi, welcome!",
        "Thanks for opting in.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Hello {name}!",
        "Hello!",
        "Glad to have you here.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Hey {name},",
        "Hey there,",
        "thanks for saying yes to the occasional hello.\n\n" + _HOW_IT_WORKS,
    ),
    Variant(
        "Welcome, {name}!",
        "Welcome!",
        "I'm happy you're here.\n\n" + _HOW_IT_WORKS,
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
        NudgeKind.WELCOME: WELCOME,
        NudgeKind.QUIET: QUIET,
        NudgeKind.PROMO_ONLY: PROMO_ONLY,
        NudgeKind.CHECKIN: CHECKIN,
    },
)


# answers to commands and replies, looked up by bot/messages/replies.py
REPLIES: Mapping[str, str] = {
    "stopped": (
        "Done: I've stopped and deleted what I held about you. If you ever want these "
        "check-ins again, write “start” here or follow me anew. Take care!"
    ),
    "forgotten": (
        "Done: I've deleted everything I held about you and won't message you again. "
        "Write “start” here or follow me anew if you change your mind."
    ),
    "started": (
        "Welcome back! As long as you follow this account, I'll check in now and then, "
        "rarely. Write “stop” any time."
    ),
    "already_in": "You're all set: I'll check in now and then, rarely. Write “help” for options.",
    "not_following": "To hear from me, follow this account; write “stop” any time to end it.",
    "paused": "Paused until {until}. Write “resume” to undo it.",
    "resumed": "Resumed. I'll check in now and then, rarely.",
    "tz": "Got it: your time zone is {tz}. I'll only write during your daytime.",
    "hours": "Got it: I'll only write between {start}:00 and {end}:00 your time.",
    "less": "Got it: at most one check-in a month from now on. Write “more” to undo it.",
    "more": "Got it: back to the usual, at most one check-in a week.",
    "status": (
        "What I hold about you: following since {since}; last check-in: {last}; "
        "paused: {paused}; time zone: {tz}. Nothing else — never your posts."
    ),
    "help": (
        "I'm a small bot that checks in now and then. You can write: “pause 2w”, “resume”, "
        "“less”, “more”, “tz Europe/Berlin”, “hours 9-18”, “status”, “stop” or “forget”."
    ),
    # an invalid command's answer never quotes its words: they may be anything, and answers
    # are stored (held, recorded) until sent
    "invalid": "Sorry, I didn't get that. Write “help” for what I understand.",
    "invalid_pause": (
        "Sorry, I didn't get how long to pause (it must end tomorrow or later). "
        "Write e.g. “pause 2w” or “pause until 2026-12-24”."
    ),
    "invalid_tz": (
        "Sorry, I don't know that time zone. Write e.g. “tz Europe/Berlin” or “tz UTC+2”."
    ),
    "invalid_hours": "Sorry, I didn't get those hours. Write e.g. “hours 9-18”.",
    "invalid_handle": "Sorry, that isn't a handle. Write e.g. “friends skip @alice.bsky.social”.",
    "lang_set": "Got it: I'll write to you in English from now on.",
    "invalid_lang": (
        "Sorry, I can't write in that language yet. I can write in English, Español, Deutsch, "
        "Français, Português and 日本語."
    ),
    "ack": "Thank you for writing back! A human reads these and may answer here too.",
    "friends_later": "That isn't available yet. Write “help” for what I can do.",
    "friends_on": (
        "Stay in touch is on: now and then I may suggest someone you used to talk with a lot. "
        "I keep only whom you replied to, mentioned or quoted — never what you said. "
        "Write “friends off” to end it."
    ),
    "friends_off": "Stay in touch is off, and I've deleted whom you talked with.",
    "friends_skip": "Got it: I won't suggest @{handle}.",
    "friends_unknown": "Sorry, I couldn't find that account.",
    "friends_disabled": "Stay in touch is off. Write “friends on” to turn it on.",
    "friends_none": "Nobody to suggest right now: no one you talked with regularly has gone quiet.",
    "friends_list": "I might suggest: {list}.",
    "never": "not yet",
    "not_paused": "no",
    "tz_unknown": "not set (guessed from when you post)",
}

FRIEND_SUGGESTION = "You and @{handle} used to talk a lot — maybe say hi?"

FRIEND_SUGGESTION_QUIET = (
    "You and @{handle} used to talk a lot, and they've been quiet lately — maybe say hi?"
)

CRISIS_LOCAL = (
    "I'm really glad you told me, and I take what you wrote seriously. I'm a small bot, not "
    "a counsellor, but a human will read your message. If you're in danger right now, call "
    "{emergency}. You can talk to someone now: {line}. Elsewhere: {directory}"
)

CRISIS_ANY = (
    "I'm really glad you told me, and I take what you wrote seriously. I'm a small bot, not "
    "a counsellor, but a human will read your message. If you're in danger right now, call "
    "your local emergency number (112 or 911). Crisis lines in your country: {directory}"
)

DISTRESS: tuple[str, ...] = (
    "Thank you for telling me how it really is. That sounds hard, and I'm sorry. "
    "A human reads these and may write back here.",
    "I'm sorry things are heavy right now. Thank you for being honest with me; "
    "a human reads these and may answer here.",
    "That sounds like a lot to carry. Thank you for sharing it. A human reads these "
    "messages and may write to you here.",
)
