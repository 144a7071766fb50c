import socket

import pytest

from tests.conftest import NetworkBlocked


def test_unit_tests_cannot_open_connections() -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkBlocked):
            sock.connect(("192.0.2.1", 443))
        with pytest.raises(NetworkBlocked):
            sock.connect(("127.0.0.1", 9))
    finally:
        sock.close()


async def test_asyncio_connections_are_blocked_too() -> None:
    import asyncio

    with pytest.raises(NetworkBlocked):
        await asyncio.open_connection("127.0.0.1", 9)
