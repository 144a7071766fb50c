"""Builders for post records in tests (facets carry real UTF-8 byte offsets)."""

from __future__ import annotations

from typing import Any


def _span(text: str, needle: str) -> dict[str, int]:
    start = text.find(needle)
    start = max(start, 0)
    return {
        "byteStart": len(text[:start].encode()),
        "byteEnd": len(text[:start].encode()) + len(needle.encode()),
    }


def post(
    text: str,
    *,
    links: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    mentions: int = 0,
    external: str | None = None,
    reply: bool = False,
    images: bool = False,
    langs: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A post record; `links` are URIs attached as link facets, `tags` as tag facets."""
    record: dict[str, Any] = {"$type": "app.bsky.feed.post", "text": text}
    facets: list[dict[str, Any]] = []
    for uri in links:
        feature = {"$type": "app.bsky.richtext.facet#link", "uri": uri}
        facets.append({"index": _span(text, uri.split("//")[-1][:10]), "features": [feature]})
    for tag in tags:
        feature = {"$type": "app.bsky.richtext.facet#tag", "tag": tag}
        facets.append({"index": _span(text, "#" + tag), "features": [feature]})
    for n in range(mentions):
        feature = {"$type": "app.bsky.richtext.facet#mention", "did": f"did:plc:m{n}"}
        facets.append({"index": _span(text, "@"), "features": [feature]})
    if facets:
        record["facets"] = facets
    if external is not None:
        record["embed"] = {
            "$type": "app.bsky.embed.external",
            "external": {"uri": external, "title": "A page", "description": ""},
        }
    elif images:
        record["embed"] = {"$type": "app.bsky.embed.images", "images": []}
    if reply:
        ref = {"uri": "at://did:plc:p/app.bsky.feed.post/3k", "cid": "bafyre"}
        record["reply"] = {"root": ref, "parent": ref}
    if langs:
        record["langs"] = list(langs)
    return record
