"""The CLI in a new process for each run, without paying Python's start and kg's imports each time.

The suite runs ``python -m kg`` some two hundred times, and each run spent about 0.45 s of its 0.8 s
importing rdflib, pySHACL, pyoxigraph and kg before doing anything. A fork server per test process
imports them once; each run is then a child forked from it that takes the test's working folder,
environment, umask, arguments and standard streams and runs ``kg`` as ``python -m kg`` does
(``runpy``). The child is still its own process with its own exit code, streams and state: only
the imported modules are shared, and they hold no state of a run (kg reads the environment when a
command runs, never at import). The server has one thread, so forking it is safe.

``KG_TEST_SUBPROCESS=1`` runs every CLI call as a plain subprocess instead, to rule the server out.
"""

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# what `kg` imports on its way to any command, so that a child finds it loaded
PRELOAD = ("kg.cli", "kg.build", "kg.validate", "kg.query", "kg.export", "kg.push", "kg.render", "requests")


class ForkServer:
    """The client side: starts the server lazily, one per test process, and asks it for runs."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None

    def run(self, args: list[str], cwd: Path, env: dict, timeout: float, input: str | None):
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.cli_forkserver"],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env={
                    **os.environ,
                    "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
                },
            )
        with tempfile.TemporaryDirectory(prefix="kg-run-") as tmp:
            streams = {name: os.path.join(tmp, name) for name in ("stdin", "stdout", "stderr")}
            if input is not None:
                Path(streams["stdin"]).write_text(input, encoding="utf-8")
            else:
                streams["stdin"] = os.devnull
            mask = os.umask(0o22)
            os.umask(mask)
            request = {"args": args, "cwd": str(cwd), "env": env, "umask": mask, "streams": streams, "timeout": timeout}
            assert self.process.stdin and self.process.stdout
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            answer = json.loads(self.process.stdout.readline())
            if answer["timed_out"]:
                raise subprocess.TimeoutExpired([sys.executable, "-m", "kg", *args], timeout)
            out, err = (Path(streams[name]).read_text(encoding="utf-8") for name in ("stdout", "stderr"))
        code = answer["code"]
        return subprocess.CompletedProcess([sys.executable, "-m", "kg", *args], code, out, err)

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            assert self.process.stdin
            self.process.stdin.close()
            self.process.wait(timeout=30)


def _child(request: dict) -> None:
    """In the forked child: become ``python -m kg ARGS`` run from the test, then exit with its code;
    never return into the server's loop."""
    code = 1
    try:
        code = _as_kg(request)
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)


def _as_kg(request: dict) -> int:
    import runpy
    import traceback

    streams = request["streams"]
    flags = [os.O_RDONLY, os.O_WRONLY | os.O_CREAT, os.O_WRONLY | os.O_CREAT]
    for fd, (name, flag) in enumerate(zip(("stdin", "stdout", "stderr"), flags, strict=True)):
        opened = os.open(streams[name], flag, 0o600)
        os.dup2(opened, fd)
        os.close(opened)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.umask(request["umask"])
    sys.argv = ["kg", *request["args"]]
    try:
        runpy.run_module("kg", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        print(exc.code, file=sys.stderr)
        return 1
    except BaseException:  # as the interpreter would: the traceback on stderr, exit 1
        traceback.print_exc()
        return 1
    return 0


def serve() -> None:
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(request)
        print(json.dumps(_wait(pid, request["timeout"])), flush=True)


def _wait(pid: int, timeout: float) -> dict:
    """The child's exit code, or killed after ``timeout`` seconds as subprocess.run would do."""
    handle = os.pidfd_open(pid)
    try:
        finished, _, _ = select.select([handle], [], [], timeout)
        if not finished:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(handle)
    return {"code": os.waitstatus_to_exitcode(status), "timed_out": not finished}


if __name__ == "__main__":
    serve()
