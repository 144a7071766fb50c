"""The bot's DMs over chat.bsky.convo: plain data and the project's errors out, no SDK models
(with bot/sources/, the only package that imports the atproto SDK)."""

from bot.chat.client import DM_ACCESS_HELP, REACHABILITY_ERRORS, ChatClient
from bot.chat.wire import ChatMessage, Convo, LogEntry

__all__ = [
    "DM_ACCESS_HELP",
    "REACHABILITY_ERRORS",
    "ChatClient",
    "ChatMessage",
    "Convo",
    "LogEntry",
]
