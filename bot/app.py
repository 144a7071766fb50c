"""`nudgebot run`: the long-running service, with explicit startup and shutdown.

Startup: database (migrated to head, or refused with --no-migrate), the bot's session (its DID
comes from there), the pipeline's opted-in set, the firehose source, the ingest loop, the
history reader, reconciliation and the scheduled jobs. Every long-lived task runs under
`supervised`: errors go to one `ErrorSink` and the task restarts with backoff; an error that
a restart cannot fix (login refused, bad settings) stops the service with a non-zero exit.

Shutdown (SIGTERM/SIGINT): stop intake first, commit what is queued with its cursors, stop
the jobs, close the session and the database — nothing the network sent is lost, because a
cursor is only saved with the state it covers.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import signal
import time
from collections.abc import Callable, Coroutine, Sequence
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING, Any

from bot.catchup import DmHold
from bot.classify import score_post
from bot.clock import US_PER_SECOND, Clock, SystemClock
from bot.config import Settings
from bot.errors import ConfigError, NudgebotError
from bot.events import Event
from bot.faults import FaultPoints
from bot.health import (
    Health,
    Watchdog,
    heartbeat,
    probe_database,
    watchdog_interval_s,
)
from bot.history import HistoryWorker
from bot.ingest import IngestLoop, put_and_wait
from bot.jobs import Jobs
from bot.keyfile import load_or_create_key, verify_key
from bot.notify import Notifier
from bot.operator import GlobalPause, OperatorLoop
from bot.pipeline import Pipeline
from bot.policy import PolicySettings
from bot.reconcile import ReconcileLoop
from bot.scheduler import Schedule, build_scheduler
from bot.send_loop import WELCOME_WAIT_S, SendLoop
from bot.shared import SourceItem
from bot.statedir import KEY_FILE, SESSION_FILE, state_dir
from bot.stay_in_touch import StayInTouch
from bot.store import Store, Windows
from bot.store.digest import DidHasher
from bot.store.engine import until_available
from bot.supervise import ErrorSink, supervised
from bot.wiring import AfterCommit, Running, build_source, firehose_of, wire_metrics

if TYPE_CHECKING:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from bot.dms import DmService
    from bot.metrics import Metrics, MetricsServer
    from bot.sources.backfill import Backfiller
    from bot.sources.session import SessionOwner

log = logging.getLogger(__name__)

QUEUE_ITEMS = 1000  # SourceItems; a full queue slows the sources, it never drops
DRAIN_TIMEOUT_S = 6.0  # of the 10 s systemd allows: the rest is for closing


class App:
    def __init__(
        self, settings: Settings, *, clock: Clock | None = None, migrate: bool = True
    ) -> None:
        self.settings = settings
        self.clock = clock or SystemClock()
        self.migrate = migrate
        self.sink = ErrorSink()
        self.running: Running | None = None
        self._stop = asyncio.Event()
        self._fatal: BaseException | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self.reconcile_now = asyncio.Event()  # set when a source lost its cursor
        self.notifier = Notifier(settings.notify_socket)
        self.health: Health | None = None
        self.metrics: Metrics | None = None
        self.metrics_server: MetricsServer | None = None
        self.faults = FaultPoints(settings.fault_point, settings.fault_after)  # tests only
        self._scheduler: AsyncIOScheduler | None = None

    def _summary(self) -> str:
        running = self.running
        if running is None:
            return "starting"
        return (
            f"running as {running.bot_did}: {len(running.pipeline.opted)} people opted in, "
            f"firehose {self.settings.firehose}"
        )

    def stop(self) -> None:
        self._stop.set()

    def fatal(self, exc: BaseException) -> None:
        if self._fatal is None:
            self._fatal = exc
        self._stop.set()

    async def run(self) -> int:
        """Run until SIGTERM/SIGINT (exit 0) or a fatal error (exit 1)."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.stop)
        try:
            async with AsyncExitStack() as stack:
                await self._start(stack)
                log.info("nudgebot is running as %s", self.running and self.running.bot_did)
                self.notifier.ready(self._summary())
                await self._stop.wait()
                log.info("stopping")
                self.notifier.stopping()
                await self._shutdown()
        finally:
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(sig)
        if self._fatal is not None:
            log.error("stopped: %s", self._fatal)
            return 1
        log.info("stopped: cursors saved, database closed")
        return 0

    # -- startup -----------------------------------------------------------------------------

    async def _start(self, stack: AsyncExitStack) -> None:
        from bot.sources.session import SessionFile, SessionOwner

        settings = self.settings
        password = settings.app_password()
        if not settings.bsky_handle or password is None:
            raise ConfigError(
                "BSKY_HANDLE and BSKY_APP_PASSWORD are needed to run (see .env.example)"
            )
        await self._start_metrics(stack)  # a port in use stops us before anything started
        from bot.sources.handshake import check_at_start

        await check_at_start(firehose_of(settings))  # a wrong URL stops us before any login
        policy = settings.policy()
        windows = Windows(
            policy.judgment_window_days, policy.promo_window_days, policy.welcome_cooldown_days
        )
        key_path = state_dir(settings.state_directory) / KEY_FILE
        key = load_or_create_key(key_path)
        store = await stack.enter_async_context(
            Store.open(settings.resolved_database_url(), windows, DidHasher(key))
        )
        schema = store.migrate if self.migrate else store.ensure_current

        async def ready() -> None:
            # both read the database: an outage between them must wait, not end the start
            await schema()
            await verify_key(store, key_path, self.clock.now_us())

        await until_available(ready, "startup", give_up=self._stop.is_set)
        store.fault = self.faults.hook
        owner = SessionOwner(
            settings.bsky_service,
            settings.bsky_handle,
            password,
            SessionFile(state_dir(settings.state_directory) / SESSION_FILE),
        )
        await stack.enter_async_context(owner)
        assert owner.did is not None
        if settings.bot_did and settings.bot_did != owner.did:
            raise ConfigError(f"BOT_DID is {settings.bot_did} but the session is {owner.did}")
        await self._label_profile(owner.client, owner.did)
        wait_us = int(WELCOME_WAIT_S * US_PER_SECOND)
        pipeline = Pipeline(store, owner.did, score_post, policy, welcome_wait_us=wait_us)
        started_us = self.clock.now_us()
        await until_available(
            lambda: pipeline.start(started_us), "startup", give_up=self._stop.is_set
        )
        queue: asyncio.Queue[SourceItem] = asyncio.Queue(maxsize=QUEUE_ITEMS)
        source = build_source(
            settings, store, owner.did, pipeline.opted, queue, self.sink, self.reconcile_now.set
        )
        after_commit = AfterCommit(source=source.on_flushed)  # the others as they start
        running = Running(
            settings=settings,
            store=store,
            bot_did=owner.did,
            pipeline=pipeline,
            queue=queue,
            ingest=IngestLoop(
                pipeline, queue, self.clock, errors=self.sink, on_flushed=after_commit
            ),
            source=source,
            sink=self.sink,
            after_commit=after_commit,
        )
        self.running = running
        self._spawn("ingest", running.ingest.run)
        friends = self._friends(store, owner, policy)
        dms = await self._start_dms(running, owner, friends)
        jobs = running.jobs = Jobs(store, dms.outbox, policy)
        running.replies = dms.replies
        await running.source.start()
        from bot.sources.backfill import Backfiller, BackfillOptions

        options = BackfillOptions(
            plc_url=self.settings.plc_url,
            days=self.settings.history_days,
            trusted_urls=self.settings.trusted_urls(),
        )
        backfiller = await stack.enter_async_context(Backfiller(options))
        self._start_history(running, backfiller)
        self._start_jobs(jobs, dms, friends)
        self._start_reconciliation(running, owner.client, backfiller)
        self._start_health(running)

    async def _label_profile(self, client: Any, did: str) -> None:
        """The `bot` self-label (and PROFILE_DESCRIPTION) on the bot's profile. Also under
        DRY_RUN, which only holds DMs back. A failure (e.g. an app password that may not
        write) is worth a warning, not a stopped service."""
        from bot.sources.profile import ensure_bot_label

        try:
            await ensure_bot_label(client, did, self.settings.profile_description)
        except NudgebotError as exc:
            log.warning("could not label the bot's profile as a bot (%s); running on", exc)
        except Exception as exc:  # a bug here must not stop the service either
            self.sink.report("profile", exc)

    async def _start_dms(
        self, running: Running, owner: SessionOwner, friends: StayInTouch
    ) -> DmService:
        from bot.dms import DmService

        put = functools.partial(put_and_wait, running.queue.put)
        send_now = asyncio.Event()  # wakes the send loop: a resume here, a welcome in it
        pause = GlobalPause(running.store, on_resume=send_now.set)
        start = functools.partial(
            DmService.start,
            self.settings,
            running.store,
            owner.proxied("bsky_chat", self.settings.bsky_chat_did),
            running.bot_did,
            self.clock,
            self.sink,
            put,
            on_start=self.reconcile_now.set,
            paused=pause.paused,
            fault=self.faults.hook,
            friends=friends,
        )
        dms = await until_available(start, "startup", give_up=self._stop.is_set)
        hold = running.hold = DmHold(running.source.streams, lambda: put(()), time.monotonic)
        poll_s = self.settings.chat_poll_seconds
        self._spawn("replies", lambda: dms.replies.run(poll_s))
        pipeline = running.pipeline
        operator = OperatorLoop(pause, running.store, lambda: pipeline.opted, put, self.clock)
        self._spawn("operator", operator.run)
        sender = SendLoop(dms.send, pause.paused, hold, self.clock, send_now)
        running.after_commit.send = sender.on_flushed  # the welcome's rule (bot/send_loop.py)
        self._spawn("send", sender.run)
        return dms

    def _start_history(self, running: Running, backfiller: Backfiller) -> None:
        async def fetch(did: str, now_us: int) -> Sequence[Event]:
            return (await backfiller.fetch(did, now_us)).events

        worker = HistoryWorker(running.store, fetch, running.queue.put, self.clock, self.sink)
        running.after_commit.history = worker.on_flushed
        self._spawn("history", worker.run)

    def _start_reconciliation(self, running: Running, client: Any, backfiller: Backfiller) -> None:
        from bot.reconcile import Reconciler
        from bot.sources.followers import FOLLOW_COLLECTION, list_followers

        put = functools.partial(put_and_wait, running.queue.put)

        async def confirm(did: str, rkey: str) -> bool:
            value = await backfiller.record(did, FOLLOW_COLLECTION, rkey)
            return value is not None and value.get("subject") == running.bot_did

        reconciler = Reconciler(
            functools.partial(list_followers, client),
            running.store,
            put,
            running.bot_did,
            confirm=confirm,
        )
        interval_s = self.settings.reconcile_interval_hours * 3600.0
        loop = ReconcileLoop(reconciler.run_once, self.clock, self.reconcile_now, interval_s)
        self._spawn("reconcile", loop.run)

    def _start_health(self, running: Running) -> None:
        """Heartbeat, database probe, systemd's watchdog and METRICS_ADDR."""
        hold = running.hold.problem if running.hold is not None else None
        health = self.health = Health(running.source.transport, dm_hold=hold)
        self._spawn("heartbeat", lambda: heartbeat(health))
        self._spawn("db-probe", lambda: probe_database(health, running.store.ping))
        every_s = watchdog_interval_s(
            self.settings.watchdog_usec, self.settings.watchdog_pid, os.getpid()
        )
        if every_s is not None:
            watchdog = Watchdog(
                health, self.notifier.watchdog, every_s, on_change=self._health_changed
            )
            self._spawn("watchdog", watchdog.run)
            log.info("systemd watchdog: a ping every %.1f s while healthy", every_s)
        if self.metrics is not None and self.metrics_server is not None:
            wire_metrics(self.metrics, self.metrics_server, running, health)

    async def _start_metrics(self, stack: AsyncExitStack) -> None:
        address = self.settings.metrics_address()
        if address is None:
            return
        from bot.metrics import Metrics, MetricsServer

        self.metrics = Metrics()
        server = await MetricsServer(self.metrics).start(*address)
        self.metrics_server = server
        stack.push_async_callback(server.stop)

    def _health_changed(self, ok: bool, reasons: list[str]) -> None:
        self.notifier.status(self._summary() if ok else "unhealthy: " + "; ".join(reasons))

    @staticmethod
    def _friends(store: Store, owner: SessionOwner, rules: PolicySettings) -> StayInTouch:
        """The "stay in touch" part (bot/stay_in_touch.py): `friends …` commands, its job."""
        from bot.sources.friend_check import AppViewFriendCheck

        assert owner.did is not None
        return StayInTouch(store, AppViewFriendCheck(owner.client), rules, owner.did)

    def _start_jobs(self, jobs: Jobs, dms: DmService, friends: StayInTouch) -> None:
        scheduler = build_scheduler(
            [
                Schedule("evaluate", jobs.evaluate_due, 60.0),
                Schedule("recheck", dms.recheck, 6 * 3600.0),
                Schedule("prune", jobs.prune, 6 * 3600.0),
                Schedule("friends", friends.suggest, 6 * 3600.0),
            ],
            self.clock,
            self.sink,
        )
        scheduler.start()
        self._scheduler = scheduler

    def _spawn(self, name: str, run: Callable[[], Coroutine[Any, Any, object]]) -> None:
        task = asyncio.create_task(supervised(name, run, self.sink, on_fatal=self.fatal))
        task.set_name(name)
        self._tasks.append(task)

    # -- shutdown ----------------------------------------------------------------------------

    async def _shutdown(self) -> None:
        running = self.running
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
        if running is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(running.source.stop(), DRAIN_TIMEOUT_S / 2)
            try:
                # the ingest task commits what the sources queued, final cursors included
                await asyncio.wait_for(running.queue.join(), DRAIN_TIMEOUT_S / 2)
            except TimeoutError:
                log.warning("%d items not committed at stop", running.queue.qsize())
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
