"""Real triplestores for the tests, each started on a free 127.0.0.1 port and stopped afterwards."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PORT_ATTEMPTS = 3


class StoreExited(RuntimeError):
    """The server process ended before it answered (a port taken meanwhile, a bad location)."""


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StoreExited(f"store exited with code {process.returncode}")
        try:
            requests.get(url, timeout=1)
            return
        except requests.RequestException:
            time.sleep(0.1)
    raise RuntimeError(f"store at {url} did not come up in {seconds} s")


def stop_process(process: subprocess.Popen | None, grace: float) -> None:
    """Terminate, then kill if it has not exited after ``grace`` seconds."""
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).exists():
        raise RuntimeError("the 'oxigraph' server is not installed (pip install oxigraph)")
    return found


class OxigraphServer:
    def __init__(self, location: Path, union_default_graph: bool = True):
        self.port = free_port()
        self.location = location
        self.union = union_default_graph
        self.process = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        """Start the server; when it exits at once (another test worker's server took the free port
        between ``free_port`` and the bind), again on another port."""
        for attempt in range(PORT_ATTEMPTS):
            args = [oxigraph_binary(), "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"]
            if self.union:
                args.append("--union-default-graph")
            self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                wait_until_up(self.url + "/query?query=ASK%7B%7D", self.process)
                return self
            except StoreExited:
                if attempt == PORT_ATTEMPTS - 1:
                    raise
                self.port = free_port()
        return self

    def stop(self):
        stop_process(self.process, 10)

    def kill(self):
        self.process.kill()
        self.process.wait()


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 60
DirsAllowed = ., {dir}
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 4
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
DefaultGraph = http://localhost:8890/dataspace
"""


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t")


class VirtuosoServer:
    """Debian's virtuoso-opensource in a private folder; SPARQL updates go to /sparql-auth as dba."""

    def __init__(self, directory: Path):
        self.dir = directory
        self.http_port = free_port()
        self.isql_port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-auth"

    def start(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "virtuoso.ini").write_text(
            VIRTUOSO_INI.format(dir=self.dir, isql_port=self.isql_port, http_port=self.http_port)
        )
        self.process = subprocess.Popen(
            [virtuoso_binary(), "+foreground", "+configfile", str(self.dir / "virtuoso.ini")],
            cwd=self.dir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_up(f"http://127.0.0.1:{self.http_port}/sparql?query=ASK%7B%7D", self.process, seconds=120)
        return self

    def stop(self):
        stop_process(self.process, 30)


def env_without_credentials() -> dict:
    return {k: v for k, v in os.environ.items() if not k.startswith("KG_ENDPOINT")}
