"""Defensive reading of an `app.bsky.feed.post` record: any wrong shape reads as missing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_LINK = "app.bsky.richtext.facet#link"
_MENTION = "app.bsky.richtext.facet#mention"
_TAG = "app.bsky.richtext.facet#tag"
_EXTERNAL = "app.bsky.embed.external"
_RECORD_WITH_MEDIA = "app.bsky.embed.recordWithMedia"


class Parts:
    """What the classifier needs from a record, gathered in one pass over facets and embed."""

    __slots__ = ("embed_text", "has_media", "is_reply", "mentions", "tags", "uris")

    def __init__(self) -> None:
        self.uris: list[str] = []
        self.tags: list[str] = []
        self.mentions = 0
        self.embed_text = ""
        self.has_media = False
        self.is_reply = False


def read_text(record: Mapping[str, Any]) -> str:
    text = record.get("text")
    return text if isinstance(text, str) else ""


def read_parts(record: Mapping[str, Any]) -> Parts:
    parts = Parts()
    facets = record.get("facets")
    if isinstance(facets, list) and facets:
        _read_facets(facets, parts)
    embed = record.get("embed")
    if isinstance(embed, Mapping):
        _read_embed(embed, parts)
    reply = record.get("reply")
    parts.is_reply = isinstance(reply, Mapping) and bool(reply)
    return parts


def _read_facets(facets: list[Any], parts: Parts) -> None:
    for facet in facets:
        if not isinstance(facet, Mapping):
            continue
        features = facet.get("features")
        if not isinstance(features, list):
            continue
        for feature in features:
            if not isinstance(feature, Mapping):
                continue
            kind = feature.get("$type")
            if kind == _LINK:
                uri = feature.get("uri")
                if isinstance(uri, str):
                    parts.uris.append(uri)
            elif kind == _TAG:
                tag = feature.get("tag")
                if isinstance(tag, str):
                    parts.tags.append(tag.lower())
            elif kind == _MENTION:
                parts.mentions += 1


def _read_embed(embed: Mapping[str, Any], parts: Parts) -> None:
    kind = embed.get("$type")
    if kind == _RECORD_WITH_MEDIA:
        media = embed.get("media")
        # media is never itself recordWithMedia; reading one level keeps hostile nesting cheap
        if isinstance(media, Mapping) and media.get("$type") != _RECORD_WITH_MEDIA:
            _read_embed(media, parts)
        return
    if kind != _EXTERNAL:
        # images, video and quoted records carry no commercial signal of their own
        parts.has_media = isinstance(kind, str)
        return
    external = embed.get("external")
    if not isinstance(external, Mapping):
        return
    uri = external.get("uri")
    if isinstance(uri, str):
        parts.uris.append(uri)
    title = external.get("title")
    if isinstance(title, str) and title:
        parts.embed_text = title
    # the description is often the page's marketing copy, not the poster's words: ignore it
