"""What the two SDK edges (bot/sources/ and bot/chat/) share: the one mapping of the atproto
SDK's request errors to the bot's own (xrpc_errors.py). Below both, so neither imports the other."""
