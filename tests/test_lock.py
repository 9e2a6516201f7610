"""One errorbook run at a time per project: the lock, the wait, the timeout and the fallback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import run_cli
from errorbook.core.errors import BusyError
from errorbook.write import lock
from errorbook.write.lock import project_lock
from projects import SRC

CONFIG = 'base-uri = "https://errors.example.com/"\n'


def _busy(folder: Path, seconds: str, lock_file: Path | None = None) -> str:
    stale = f"; if no errorbook run is active, delete {lock_file}" if lock_file else ""
    return (
        f"another errorbook run in {folder} did not finish within {seconds} s; run again once it "
        f"has (ERRORBOOK_LOCK_TIMEOUT=SECONDS waits longer){stale}"
    )


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ERRORBOOK_LOCK_TIMEOUT", "0.2")


@pytest.mark.usefixtures("quick")
def test_a_second_run_says_it_waits_then_gives_up(tmp_path: Path) -> None:
    told: list[str] = []
    with (
        project_lock(tmp_path),
        pytest.raises(BusyError) as caught,
        project_lock(tmp_path, on_wait=told.append),
    ):
        pytest.fail("the lock is held")
    assert told == [f"waiting for another errorbook run in {tmp_path} to finish"]
    assert str(caught.value) == _busy(tmp_path, "0.2")


def test_the_waiting_run_goes_on_when_the_first_one_ends(tmp_path: Path) -> None:
    told: list[str] = []
    holding = threading.Event()

    def hold() -> None:
        with project_lock(tmp_path):
            holding.set()
            time.sleep(0.3)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait()
    with project_lock(tmp_path, on_wait=told.append):
        assert told  # it had to wait, and said so
    holder.join()


@pytest.mark.usefixtures("quick")
def test_checks_share_the_lock_and_a_writer_waits_for_them(tmp_path: Path) -> None:
    with (
        project_lock(tmp_path, shared=True),
        project_lock(tmp_path, shared=True),
        pytest.raises(BusyError),
        project_lock(tmp_path),
    ):
        pytest.fail("a writer ran alongside a check")


def _holder(folder: Path, then: str) -> subprocess.Popen[str]:
    """A process that takes the lock, prints "held", then runs ``then``."""
    script = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from errorbook.write.lock import project_lock\n"
        f"with project_lock(Path({str(folder)!r})):\n"
        "    print('held', flush=True)\n"
        f"    {then}\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    return process


def test_a_killed_holder_frees_the_lock_even_with_forked_workers(tmp_path: Path) -> None:
    # The holder forks a worker (as parallel_map does), then dies by SIGKILL: the worker's copy
    # of the locked descriptor must not keep the project locked.
    then = "os.fork() and os.kill(os.getpid(), 9); time.sleep(10); os._exit(0)"
    with _holder(tmp_path, then) as holder:
        holder.wait(timeout=30)
    assert holder.returncode == -signal.SIGKILL
    start = time.monotonic()
    with project_lock(tmp_path):
        assert time.monotonic() - start < 5


@pytest.mark.usefixtures("quick")
def test_generate_waits_then_exits_2(tmp_path: Path) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)
    assert run_cli(["new", "shop/order_not_found", "--status", "500"], tmp_path).exit_code == 0
    with _holder(tmp_path, "time.sleep(30)") as holder:
        try:
            for args in (["generate"], ["generate", "--check"]):
                result = run_cli(args, tmp_path)
                assert (result.exit_code, result.stderr) == (
                    2,
                    f"waiting for another errorbook run in {tmp_path} to finish\n"
                    f"errorbook: error: {_busy(tmp_path, '0.2')}\n",
                )
        finally:
            holder.kill()
    assert run_cli(["generate"], tmp_path).exit_code == 0


def test_a_bad_timeout_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)
    monkeypatch.setenv("ERRORBOOK_LOCK_TIMEOUT", "soon")
    result = run_cli(["generate"], tmp_path)
    assert (result.exit_code, result.stderr) == (
        2,
        "errorbook: error: ERRORBOOK_LOCK_TIMEOUT must be a number of seconds, got 'soon'\n",
    )


@pytest.fixture
def without_flock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No ``fcntl`` (as on Windows): the fallback lock file in the cache folder; return it."""
    monkeypatch.setattr(lock, "fcntl", None)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("ERRORBOOK_LOCK_TIMEOUT", "0.2")
    (tmp_path / "project").mkdir()
    return tmp_path / "cache" / "errorbook"


def test_without_flock_a_lock_file_serialises_runs(tmp_path: Path, without_flock: Path) -> None:
    project = tmp_path / "project"
    with project_lock(project):
        (lock_file,) = without_flock.glob("lock-*")
        assert lock_file.read_text().startswith(f"{os.getpid()} ")
        with pytest.raises(BusyError) as caught, project_lock(project):
            pytest.fail("the lock is held")
        assert str(caught.value) == _busy(project, "0.2", lock_file)
    assert not lock_file.exists()


def test_a_lock_file_left_by_a_dead_process_is_taken_over(
    tmp_path: Path, without_flock: Path
) -> None:
    project = tmp_path / "project"
    with project_lock(project):
        (lock_file,) = without_flock.glob("lock-*")
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    lock_file.write_text(f"{gone.stdout.strip()} {socket.gethostname()}")
    with project_lock(project):
        assert lock_file.read_text().startswith(f"{os.getpid()} ")


def test_without_any_cache_folder_runs_are_not_serialised(
    tmp_path: Path, without_flock: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock, "user_cache_dir", lambda: None)
    with project_lock(tmp_path), project_lock(tmp_path):
        pass
