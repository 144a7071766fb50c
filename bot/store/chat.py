"""The store's part of the DM side: each person's conversation, replies, the operator inbox,
stop tombstones and string markers (bot/chat and the reply handling use these)."""

from __future__ import annotations

from sqlalchemy import case, delete, select, union_all, update
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql.elements import ColumnElement

from bot.answer_caps import Answered
from bot.clock import US_PER_DAY
from bot.store import tombstones as graves
from bot.store.codec import insert_for, person_from_row
from bot.store.digest import DidHasher
from bot.store.models import answer_log, answers, inbox, markers, outbox, people
from bot.store.triage import HELD_UNTIL_CLEARED, level_rank, raised_level
from bot.store.types import InboxEntry, PersonRow


class ChatQueries:
    engine: AsyncEngine
    digest: DidHasher

    async def person_by_convo(self, convo_id: str) -> PersonRow | None:
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(people).where(people.c.convo_id == convo_id))).first()
        return person_from_row(row) if row is not None else None

    async def set_convo(self, did: str, convo_id: str | None) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(update(people).where(people.c.did == did).values(convo_id=convo_id))

    async def note_nudge_sent(self, did: str) -> int:
        """One more nudge without an answer; returns how many in a row now."""
        async with self.engine.begin() as conn:
            result = await conn.execute(
                update(people)
                .where(people.c.did == did)
                .values(unanswered_nudges=people.c.unanswered_nudges + 1)
                .returning(people.c.unanswered_nudges)
            )
            count = result.scalar()
        return int(count or 0)

    async def note_reply(
        self, did: str, convo_id: str, now_us: int, *, human: bool, level: str = "ok"
    ) -> None:
        """They answered: the ignored-nudge count starts over; a human reply (not a command)
        opens or reopens the conversation in the operator's inbox, at the higher of its level
        so far and this reply's triage `level` (a reopened one starts over)."""
        async with self.engine.begin() as conn:
            await conn.execute(
                update(people)
                .where(people.c.did == did)
                .values(unanswered_nudges=0, last_reply_us=now_us)
            )
            # an answer to a check-in (any answer) lifts the pause the check-in set
            await conn.execute(
                update(people)
                .where(
                    people.c.did == did,
                    people.c.checkin_until_us.is_not(None),
                    people.c.paused_until_us == people.c.checkin_until_us,
                )
                .values(paused_until_us=None, checkin_until_us=None)
            )
            if not human:
                return
            stmt = insert_for(conn, inbox).values(
                convo_id=convo_id, did=did, first_us=now_us, last_us=now_us, messages=1,
                status="open", level=level,
            )  # fmt: skip
            reopened = inbox.c.status == "done"
            stmt = stmt.on_conflict_do_update(
                index_elements=[inbox.c.convo_id],
                set_={
                    "did": did,
                    "last_us": now_us,
                    "status": "open",
                    "messages": case((reopened, 1), else_=inbox.c.messages + 1),
                    "first_us": case((reopened, now_us), else_=inbox.c.first_us),
                    "level": raised_level(reopened, level),
                    "operators_told_us": case((reopened, None), else_=inbox.c.operators_told_us),
                },
            )
            await conn.execute(stmt)

    async def mark_acknowledged(self, did: str, now_us: int) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(update(people).where(people.c.did == did).values(last_ack_us=now_us))

    async def inbox(self, status: str = "open") -> list[InboxEntry]:
        query = select(inbox, people.c.handle).outerjoin(people, people.c.did == inbox.c.did)
        # urgent (crisis) first, then distress, each newest first
        query = query.where(inbox.c.status == status).order_by(
            level_rank(inbox.c.level).desc(), inbox.c.last_us.desc()
        )
        async with self.engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [
            InboxEntry(
                r.convo_id, r.did, r.handle, r.first_us, r.last_us, r.messages, r.status, r.level
            )
            for r in rows
        ]

    async def inbox_done(self, convo_id: str) -> bool:
        """The operator has read it: closed, and a crisis's hold on their automated DMs lifted
        (they are looked at again at once)."""
        async with self.engine.begin() as conn:
            did = await conn.scalar(
                select(inbox.c.did).where(inbox.c.convo_id == convo_id, inbox.c.status == "open")
            )
            if did is None:
                return False
            await conn.execute(
                update(inbox)
                .where(inbox.c.convo_id == convo_id, inbox.c.status == "open")
                .values(status="done")
            )
            await conn.execute(
                update(people)
                .where(people.c.did == did, people.c.nudges_held_until_us == HELD_UNTIL_CLEARED)
                .values(nudges_held_until_us=None, next_eval_us=0)
            )
        return True

    async def lift_tombstone(self, did: str) -> bool:
        async with self.engine.begin() as conn:
            return await graves.lift(conn, did, self.digest)

    async def claim_holders(self) -> list[str]:
        """The workers holding claimed outbox rows now."""
        query = select(outbox.c.claimed_by).where(outbox.c.status == "claimed").distinct()
        async with self.engine.connect() as conn:
            return [w for w in (await conn.scalars(query)).all() if w]

    async def expire_claims_of(self, workers: list[str]) -> int:
        """Make the claims of these (dead) workers claimable now instead of at lease end; the
        sender looks at the conversation before sending such a row again."""
        if not workers:
            return 0
        async with self.engine.begin() as conn:
            result = await conn.execute(
                update(outbox)
                .where(outbox.c.status == "claimed", outbox.c.claimed_by.in_(workers))
                .values(claimed_until_us=0)
            )
        return int(result.rowcount or 0)

    async def sent_times(self, since_us: int) -> list[int]:
        """When DMs went out since `since_us`, outbox rows and answers to people alike (the
        daily budget survives a restart)."""
        query = union_all(
            select(outbox.c.sent_us.label("at")).where(
                outbox.c.status == "sent", outbox.c.sent_us >= since_us
            ),
            select(answer_log.c.at_us.label("at")).where(answer_log.c.at_us >= since_us),
        )
        async with self.engine.connect() as conn:
            return [int(t) for t in (await conn.scalars(query)).all() if t is not None]

    # --- answers to people: how many, when (bot/answer_caps.py) ---------------------------
    async def answers_to(self, did: str, since_us: int) -> list[Answered]:
        query = (
            select(answer_log.c.at_us, answer_log.c.stranger)
            .where(answer_log.c.did_digest == self.digest(did), answer_log.c.at_us >= since_us)
            .order_by(answer_log.c.at_us)
        )
        async with self.engine.connect() as conn:
            return [Answered(int(at), bool(stranger)) for at, stranger in await conn.execute(query)]

    async def note_answer(self, did: str, now_us: int, *, stranger: bool) -> None:
        """One more answer to `did` (sent, or held to be sent); a day later it is forgotten."""
        async with self.engine.begin() as conn:
            await conn.execute(
                answer_log.insert().values(
                    did_digest=self.digest(did), at_us=now_us, stranger=stranger
                )
            )
            await conn.execute(delete(answer_log).where(answer_log.c.at_us < now_us - US_PER_DAY))

    async def unreachable_due(self, checked_before_us: int, limit: int) -> list[str]:
        """Unreachable people not re-checked since `checked_before_us` (the slow re-check)."""
        last = people.c.unreachable_checked_us
        query = (
            select(people.c.did)
            .where(
                people.c.unreachable_reason.is_not(None),
                (last.is_(None)) | (last < checked_before_us),
            )
            .limit(limit)
        )
        async with self.engine.connect() as conn:
            return list((await conn.scalars(query)).all())

    async def rechecked(self, did: str, reachable: bool, now_us: int) -> None:
        values: dict[str, object] = {"unreachable_checked_us": now_us}
        if reachable:
            values["unreachable_reason"] = None
        async with self.engine.begin() as conn:
            await conn.execute(update(people).where(people.c.did == did).values(**values))

    async def get_marker(self, name: str) -> str | None:
        async with self.engine.connect() as conn:
            value = await conn.scalar(select(markers.c.value).where(markers.c.name == name))
        return str(value) if value is not None else None

    async def set_marker(
        self, name: str, value: str, now_us: int, *, answered: AnswerKey | None = None
    ) -> None:
        """Move a marker; `answered` drops that command's recorded answer in the same
        transaction, so the answer lives exactly as long as the command may be handled again."""
        async with self.engine.begin() as conn:
            stmt = insert_for(conn, markers).values(name=name, value=value, updated_us=now_us)
            stmt = stmt.on_conflict_do_update(
                index_elements=[markers.c.name], set_={"value": value, "updated_us": now_us}
            )
            await conn.execute(stmt)
            if answered is not None:
                await conn.execute(delete(answers).where(*_answer_is(answered)))

    # --- the answer decided for a command, until the log cursor has passed it -------------
    async def recorded_answer(self, key: AnswerKey) -> str | None:
        async with self.engine.connect() as conn:
            text = await conn.scalar(select(answers.c.text).where(*_answer_is(key)))
        return str(text) if text is not None else None

    async def record_answer(self, key: AnswerKey, text: str, now_us: int) -> None:
        convo_id, message_id = key
        async with self.engine.begin() as conn:
            stmt = insert_for(conn, answers).values(
                convo_id=convo_id, message_id=message_id, text=text, created_us=now_us
            )
            await conn.execute(stmt.on_conflict_do_nothing())


AnswerKey = tuple[str, str]  # (conversation id, message id) of the command


def _answer_is(key: AnswerKey) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    convo_id, message_id = key
    return answers.c.convo_id == convo_id, answers.c.message_id == message_id
