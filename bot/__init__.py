"""nudgebot: a Bluesky bot that nudges authentic engagement."""

__version__ = "0.1.0"
