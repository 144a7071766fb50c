"""English texts: warm, short, no links, no asks."""

from __future__ import annotations

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
