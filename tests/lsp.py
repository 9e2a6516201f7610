"""A minimal Language Server Protocol client, to check the editor schema with the real
yaml-language-server (what VS Code's YAML extension runs): completion, hover, diagnostics."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

#: Where .ci/run installs the server (`npm install --prefix tests/editor`).
SERVER = Path(__file__).parent / "editor" / "node_modules" / ".bin" / "yaml-language-server"


def server_command() -> list[str] | None:
    """The command that starts the server on standard I/O, or None when it is not installed."""
    found = str(SERVER) if SERVER.exists() else shutil.which("yaml-language-server")
    return [found, "--stdio"] if found else None


class YamlServer:
    """One yaml-language-server process, spoken to over its standard input and output."""

    def __init__(self, command: list[str], root: Path) -> None:
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self._messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self._next = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {}},
        )
        self.notify("initialized", {})
        settings = {"validate": True, "hover": True, "completion": True, "yamlVersion": "1.1"}
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": settings}})

    def _read(self) -> None:
        with contextlib.suppress(ValueError, OSError):  # the stream is closed by close()
            self._read_messages()

    def _read_messages(self) -> None:
        stream = self._process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not line:
                return
            self._messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self._process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any], timeout: float = 30) -> Any:
        self._next += 1
        self._send({"id": self._next, "method": method, "params": params})
        message = self.wait(lambda m: m.get("id") == self._next and "method" not in m, timeout)
        return message.get("result")

    def wait(self, wanted: Any, timeout: float = 30) -> dict[str, Any]:
        """The next message for which ``wanted(message)`` is true; answers server requests."""
        deadline = time.monotonic() + timeout
        while True:
            message = self._messages.get(timeout=max(0.0, deadline - time.monotonic()))
            if "method" in message and "id" in message:  # a request from the server
                self._send({"id": message["id"], "result": _answer(message)})
            if wanted(message):
                return message

    def open(self, path: Path) -> str:
        uri = path.as_uri()
        text = path.read_text(encoding="utf-8")
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": document})
        return uri

    def diagnostics(self, uri: str, timeout: float = 30) -> list[dict[str, Any]]:
        """The diagnostics the server publishes for ``uri`` (it publishes them on open)."""
        message = self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            ),
            timeout,
        )
        result: list[dict[str, Any]] = message["params"]["diagnostics"]
        return result

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=10)
            self.notify("exit", {})
            self._process.wait(timeout=10)
        except (queue.Empty, subprocess.TimeoutExpired, BrokenPipeError):
            self._process.kill()
            self._process.wait()
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                stream.close()


def _answer(request: dict[str, Any]) -> Any:
    if request["method"] == "workspace/configuration":
        settings = {"validate": True, "hover": True, "completion": True, "yamlVersion": "1.1"}
        return [settings for _ in request["params"]["items"]]
    return None
