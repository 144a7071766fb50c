"""The `nudgebot` command line: the only place that reads the environment and configures logging."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot import __version__

log = logging.getLogger(__name__)


def _configure_logging(verbosity: int) -> None:
    level = logging.WARNING - 10 * verbosity
    logging.basicConfig(
        level=max(level, logging.DEBUG),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def _cmd_classify(args: argparse.Namespace) -> int:
    from bot.classify.cli import run_classify

    return run_classify(args.file)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nudgebot", description=__doc__)
    parser.add_argument("--version", action="version", version=f"nudgebot {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    sub = parser.add_subparsers(dest="command", required=True)

    classify = sub.add_parser("classify", help="classify post records (JSON lines) as promo or not")
    classify.add_argument("file", nargs="?", default="-", help="JSON-lines file, or - for stdin")
    classify.set_defaults(handler=_cmd_classify)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose)
    try:
        code: int = args.handler(args)
    except KeyboardInterrupt:
        return 130
    return code
