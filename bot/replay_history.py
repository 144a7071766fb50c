"""What a history read at opt-in would tell of a person's language, in a replay.

Live, the bot reads a new person's recent posts from their PDS when they follow it
(bot/history.py), and their posts' `langs` decide the welcome's language. A replay has only
the stream: the posts a person made in it before they followed stand in for that read. Only
the language of each post is kept, a few per person, for a bounded number of people.
"""

from __future__ import annotations

from typing import Any

from bot.language import POST_WEIGHT, Signal, post_language
from bot.sources.jetstream_json import POST

MAX_PEOPLE = 200_000  # then the longest-known are dropped: memory stays bounded
PER_PERSON = 20  # older posts hardly count after DECAY anyway (bot/language.py)


class ReplayLanguages:
    def __init__(self, max_people: int = MAX_PEOPLE, per_person: int = PER_PERSON) -> None:
        self.max_people = max_people
        self.per_person = per_person
        self.seen: dict[str, list[str]] = {}

    def observe(self, obj: dict[str, Any]) -> None:
        """A stream line of someone not opted in (cheap: most lines are not posts)."""
        commit = obj.get("commit")
        if type(commit) is not dict or commit.get("collection") != POST:
            return
        record = commit.get("record")
        did = obj.get("did")
        if commit.get("operation") != "create" or type(record) is not dict or type(did) is not str:
            return
        language = post_language(record)
        if language is None:
            return
        seen = self.seen.get(did)
        if seen is None:
            if len(self.seen) >= self.max_people:
                del self.seen[next(iter(self.seen))]
            seen = self.seen[did] = []
        seen.append(language)
        if len(seen) > self.per_person:
            del seen[0]

    def take(self, did: str) -> list[Signal]:
        """Their languages, oldest first, as the history read would hand them over (once)."""
        return [(language, POST_WEIGHT) for language in self.seen.pop(did, ())]
