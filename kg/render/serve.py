"""``kg site --serve``: the written site over HTTP on the loopback interface, for convenience (the site
needs no server: it opens from the file system)."""

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.core.errors import KgError


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def serve(directory: Path, port: int, on_ready, host: str = "127.0.0.1") -> None:
    """Serve until interrupted; ``on_ready(host, port)`` is told the address once it is listening."""
    handler = functools.partial(_Handler, directory=str(directory))
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise KgError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    with server:
        on_ready(*server.server_address[:2])
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
