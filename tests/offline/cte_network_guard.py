"""Refuse every outbound network connection that leaves this machine (tests run offline).

Installed in every Python process of a test run by the ``sitecustomize.py`` next to this file,
when ``CTE_BLOCK_NETWORK=1`` and this folder is on ``PYTHONPATH`` (``python3 dev.py test`` sets
both). Loopback (127.0.0.0/8, ::1, ``localhost``) and Unix sockets keep working, so Jupyter
kernels (ZMQ on 127.0.0.1), JupyterLab and Voila still run. Everything else raises
:class:`NetworkBlockedError`, an ``OSError`` whose message names the host.

What it patches: ``socket.socket.connect``/``connect_ex``/``sendto``/``sendmsg``,
``socket.create_connection``, ``socket.getaddrinfo``, ``socket.gethostbyname(_ex)`` and
``socket.gethostbyaddr``. Not covered: C libraries that open sockets themselves (libzmq,
libcurl) and non-Python programs such as Chromium (the browser tests watch its requests).
"""

from __future__ import annotations

import ipaddress
import os
import socket

ENV_VAR = "CTE_BLOCK_NETWORK"
LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
_ORIGINAL: dict[str, object] = {}


class NetworkBlockedError(OSError):
    """A connection or name lookup to a non-loopback host, refused by the offline guard."""

    def __init__(self, host: object, what: str) -> None:
        """Name the host and the refused operation in the message."""
        self.host = host
        super().__init__(f"network blocked by the offline test guard ({ENV_VAR}=1): "
                         f"{what} to {host!r} refused; only loopback hosts are allowed")


def enabled_by_env() -> bool:
    """True when the environment asks for the guard."""
    return os.environ.get(ENV_VAR) == "1"


def is_local_host(host: object) -> bool:
    """True for loopback or unspecified addresses and localhost names (None and '' too)."""
    if host is None:
        return True
    if isinstance(host, bytes | bytearray):
        host = bytes(host).decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.strip().rstrip(".").lower()
    if name == "":
        return True  # bind to every interface; nothing is contacted
    if name in LOCAL_NAMES or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name.strip("[]").split("%", 1)[0])
    except ValueError:
        return False  # a DNS name other than localhost
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        address = mapped
    return address.is_loopback or address.is_unspecified


def _check_address(sock: socket.socket, address: object, what: str) -> None:
    """Raise NetworkBlockedError if an IPv4/IPv6 socket address is not local."""
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return  # AF_UNIX, AF_NETLINK, ...: never leave the machine
    host = address[0] if isinstance(address, tuple) and address else address
    if not is_local_host(host):
        raise NetworkBlockedError(host, what)


def _connect(self: socket.socket, address: object) -> None:
    """Guarded ``socket.connect``."""
    _check_address(self, address, "connect")
    return _ORIGINAL["connect"](self, address)


def _connect_ex(self: socket.socket, address: object) -> int:
    """Guarded ``socket.connect_ex`` (raises instead of returning an error code)."""
    _check_address(self, address, "connect_ex")
    return _ORIGINAL["connect_ex"](self, address)


def _sendto(self: socket.socket, data: bytes, *args: object) -> int:
    """Guarded ``socket.sendto(data[, flags], address)``."""
    _check_address(self, args[-1], "sendto")
    return _ORIGINAL["sendto"](self, data, *args)


def _sendmsg(self: socket.socket, buffers: object, *args: object) -> int:
    """Guarded ``socket.sendmsg``: checks the destination when one is given."""
    if len(args) >= 3 and args[2] is not None:
        _check_address(self, args[2], "sendmsg")
    return _ORIGINAL["sendmsg"](self, buffers, *args)


def _create_connection(address: tuple, *args: object, **kwargs: object) -> socket.socket:
    """Guarded ``socket.create_connection``."""
    if not is_local_host(address[0]):
        raise NetworkBlockedError(address[0], "create_connection")
    return _ORIGINAL["create_connection"](address, *args, **kwargs)


def _getaddrinfo(host: object, *args: object, **kwargs: object) -> list:
    """Guarded ``socket.getaddrinfo``: only local names and addresses are resolved."""
    if not is_local_host(host):
        raise NetworkBlockedError(host, "name lookup (getaddrinfo)")
    return _ORIGINAL["getaddrinfo"](host, *args, **kwargs)


def _by_name(key: str) -> object:
    """A guarded replacement for the resolver function ``socket.<key>``."""
    def guarded(host: object, *args: object) -> object:
        if not is_local_host(host):
            raise NetworkBlockedError(host, f"name lookup ({key})")
        return _ORIGINAL[key](host, *args)

    guarded.__name__ = guarded.__qualname__ = key
    guarded.__doc__ = f"Guarded ``socket.{key}``."
    return guarded


METHODS = {"connect": _connect, "connect_ex": _connect_ex, "sendto": _sendto,
           "sendmsg": _sendmsg}
FUNCTIONS = {"create_connection": _create_connection, "getaddrinfo": _getaddrinfo,
             "gethostbyname": _by_name("gethostbyname"),
             "gethostbyname_ex": _by_name("gethostbyname_ex"),
             "gethostbyaddr": _by_name("gethostbyaddr")}


def install() -> None:
    """Patch the socket module (idempotent)."""
    if installed():
        return
    for name, guarded in METHODS.items():
        _ORIGINAL[name] = getattr(socket.socket, name)
        setattr(socket.socket, name, guarded)
    for name, guarded in FUNCTIONS.items():
        _ORIGINAL[name] = getattr(socket, name)
        setattr(socket, name, guarded)


def installed() -> bool:
    """True when every patched entry point is the guard's."""
    return (all(getattr(socket.socket, n) is f for n, f in METHODS.items())
            and all(getattr(socket, n) is f for n, f in FUNCTIONS.items()))
