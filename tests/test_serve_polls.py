"""The preview server's file watcher is held still during a build, and loses no change by it."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from errorbook.docs.serve_polls import polls_held

_INTERVAL = 0.05


class _Seen(FileSystemEventHandler):
    def __init__(self) -> None:
        self.paths: list[str] = []
        self.changed = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.paths.append(str(event.src_path))
            self.changed.set()


@pytest.fixture
def watched(tmp_path: Path) -> Any:
    seen = _Seen()
    observer = PollingObserver(timeout=_INTERVAL)
    observer.schedule(seen, str(tmp_path), recursive=True)
    observer.schedule(_Seen(), str(tmp_path), recursive=False)  # a second emitter to hold
    observer.start()
    time.sleep(3 * _INTERVAL)  # the first listing is taken
    yield observer, seen
    observer.stop()
    observer.join()


def test_no_poll_runs_while_held_and_the_next_one_sees_every_change(
    watched: Any, tmp_path: Path
) -> None:
    observer, seen = watched
    with polls_held(observer):
        (tmp_path / "built.md").write_text("written by the build")
        (tmp_path / "edited.yaml").write_text("saved by the author meanwhile")
        time.sleep(10 * _INTERVAL)
        assert seen.paths == []
    assert seen.changed.wait(5)
    time.sleep(3 * _INTERVAL)
    assert {Path(path).name for path in seen.paths} == {"built.md", "edited.yaml"}


def test_a_failed_build_lets_polls_go_on(watched: Any, tmp_path: Path) -> None:
    observer, seen = watched
    with pytest.raises(RuntimeError), polls_held(observer):
        raise RuntimeError("the build failed")
    (tmp_path / "after.md").write_text("x")
    assert seen.changed.wait(5)


@pytest.mark.parametrize("observer", [None, object(), type("O", (), {"emitters": [object()]})()])
def test_an_observer_it_does_not_know_is_left_alone(observer: Any) -> None:
    with polls_held(observer):
        pass
