"""The app's ingest queue: one job at a time, smallest first, a running job pauses at its
next checkpoint for a smaller one, each job shows its place and can be cancelled by the
person who started it – first with plain jobs (exact order), then with real uploads into a
real index (e5-small, Chroma)."""

from __future__ import annotations

import threading
import time

import pytest

from assistant.config import Settings
from assistant.engine import Engine
from assistant.errors import AssistantError, IngestCancelled
from workspace import documents
from workspace.context import Workspace
from workspace.ingestqueue import CANCELLED, DONE, PAUSED, RUNNING, WAITING, IngestQueue


def wait_for(condition, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "Zeit abgelaufen"
        time.sleep(0.02)


class Steps:
    """A job's work: ``steps`` steps, each started when the test lets it (``go``), with a
    checkpoint first – like the core's before each file and batch."""

    def __init__(self, queue: IngestQueue, name: str, steps: int, log: list) -> None:
        self.name, self.steps, self.log = name, steps, log
        self.go = threading.Semaphore(0)

    def __call__(self, checkpoint) -> str:
        for i in range(self.steps):
            self.go.acquire()
            checkpoint()
            self.log.append(f"{self.name}{i}")
        return self.name


def start(queue: IngestQueue, owner, name: str, size: int, steps: int, log: list):
    job = queue.submit(owner, name, size)
    work = Steps(queue, name, steps, log)
    thread = threading.Thread(target=lambda: _run(queue, job, work), daemon=True)
    thread.start()
    return job, work, thread


def _run(queue, job, work):
    try:
        queue.run(job, work)
    except IngestCancelled:
        pass


def test_small_jobs_go_first_and_a_big_one_pauses_for_them():
    queue, log = IngestQueue(), []
    big, big_work, big_thread = start(queue, "anna", "gross", 10_000_000, 3, log)
    wait_for(lambda: big.state == RUNNING)
    big_work.go.release()  # big does step 0
    wait_for(lambda: log == ["gross0"])
    mid, mid_work, _ = start(queue, "ben", "mittel", 50_000, 1, log)
    small, small_work, _ = start(queue, "carla", "klein", 200, 1, log)
    assert queue.position(big) == 0 and queue.position(small) == 1 and queue.position(mid) == 2
    assert small.state == mid.state == WAITING
    # at its next checkpoint the big job lets both go first, smallest first
    for work in (small_work, mid_work, big_work, big_work):
        work.go.release()
    big_thread.join(timeout=30)
    assert log == ["gross0", "klein0", "mittel0", "gross1", "gross2"]
    assert big.paused == 1 and big.state == DONE and big.result == "gross"
    assert small.finished_at < mid.finished_at < big.finished_at


def test_cancel_a_waiting_job_it_never_starts():
    queue, log = IngestQueue(), []
    running, work, thread = start(queue, "anna", "läuft", 100, 1, log)
    wait_for(lambda: running.state == RUNNING)
    waiting, _, waiting_thread = start(queue, "ben", "wartet", 10_000, 1, log)
    with pytest.raises(AssistantError, match="abbrechen kann es nur diese Person"):
        queue.cancel(waiting.id, "anna")
    queue.cancel(waiting.id, "ben")
    waiting_thread.join(timeout=30)
    assert waiting.state == CANCELLED and waiting.result is None
    work.go.release()
    thread.join(timeout=30)
    assert log == ["läuft0"] and running.state == DONE
    with pytest.raises(AssistantError, match="kein Einlesen"):
        queue.cancel("gibt-es-nicht", "ben")


def test_cancel_a_running_job_stops_it_at_its_next_checkpoint():
    queue, log = IngestQueue(), []
    job, work, thread = start(queue, None, "lang", 5_000, 5, log)
    wait_for(lambda: job.state == RUNNING)
    work.go.release()
    wait_for(lambda: log == ["lang0"])
    queue.cancel(job.id, None)
    work.go.release()
    thread.join(timeout=30)
    assert log == ["lang0"] and job.state == CANCELLED and job.stopped


def test_a_paused_job_that_is_cancelled_stops_before_the_next_one_starts():
    queue, log = IngestQueue(), []
    big, big_work, big_thread = start(queue, "anna", "gross", 10_000, 3, log)
    wait_for(lambda: big.state == RUNNING)
    small, small_work, small_thread = start(queue, "ben", "klein", 10, 2, log)
    big_work.go.release()  # at its checkpoint big pauses for small
    wait_for(lambda: big.state == PAUSED and small.state == RUNNING)
    queue.cancel(big.id, "anna")
    assert queue.position(big) == 1  # to be cancelled: next, only to stop
    small_work.go.release()  # small's checkpoint lets the cancelled one stop first
    big_thread.join(timeout=30)
    assert big.state == CANCELLED and big.stopped and small.paused == 1
    small_work.go.release()
    small_thread.join(timeout=30)
    assert log == ["klein0", "klein1"] and small.state == DONE


# --- real uploads into a real index ------------------------------------------------------

BEZIRKE = ["Nord", "Süd", "Ost", "West", "Mitte"]


def big_text(paragraphs: int = 30) -> str:
    return "\n\n".join(
        f"Abschnitt {i}: Im Stadtbezirk {BEZIRKE[i % 5]} bietet der Träger Nummer {i} seit "
        f"{2000 + i % 24} einen Sprachkurs für {10 + i % 8} neu zugewanderte Jugendliche an. "
        f"Der Kurs findet {['montags', 'dienstags', 'mittwochs'][i % 3]} statt, die Leitung "
        f"hat Frau Beispiel {i}, und die Plätze werden über das Kommunale "
        f"Integrationszentrum vergeben. Die Warteliste umfasst derzeit {i % 13} Personen, "
        f"die Finanzierung läuft bis {2025 + i % 4} über das Programm Nummer {i * 7}."
        for i in range(paragraphs))


@pytest.fixture
def ws(tmp_path, e5) -> Workspace:
    # short chunks: a few KB of text make several embedding batches (32 chunks each), so
    # a job has checkpoints to pause or stop at, and the test stays quick
    settings = Settings(data_dir=tmp_path / "daten", chunk_tokens=40, chunk_overlap_tokens=5)
    return Workspace(Engine.open(settings, embedder=e5), tmp_path / "kein-korpus")


def test_a_small_upload_is_not_held_back_by_a_big_one(ws, tmp_path):
    big = tmp_path / "grosser-bericht.txt"
    big.write_text(big_text(), encoding="utf-8")
    small = tmp_path / "kurze-notiz.txt"
    small.write_text("Das Sprachcafé Nord trifft sich jeden Montag im Jugendzentrum.",
                     encoding="utf-8")
    big_job = documents.start_upload(ws, [big], "anna")
    wait_for(lambda: "einbetten" in big_job.progress[1])
    small_job = documents.start_upload(ws, [small], "ben")
    first = documents.status(ws, small_job)
    assert "Platz 1 in der Warteschlange" in first and "kurze-notiz.txt" in first
    small_lines = list(documents.watch(ws, small_job, every=0.05))
    assert "1 neu" in small_lines[-1] and not big_job.done  # done while the big one waits
    big_lines = list(documents.watch(ws, big_job, every=0.05))
    assert "1 neu" in big_lines[-1] and big_job.paused >= 1
    assert small_job.finished_at < big_job.finished_at
    assert {d.doc_id for d in ws.engine.documents()} == {"grosser-bericht.txt",
                                                         "kurze-notiz.txt"}


def test_cancel_an_upload_while_it_runs_leaves_nothing_behind(ws, tmp_path):
    big = tmp_path / "abzubrechen.txt"
    big.write_text(big_text(), encoding="utf-8")
    job = documents.start_upload(ws, [big], "anna")
    wait_for(lambda: "einbetten" in job.progress[1])
    with pytest.raises(AssistantError, match="nur diese Person"):
        documents.cancel(ws, job.id, "ben")
    assert "wird abgebrochen" in documents.cancel(ws, job.id, "anna")
    lines = list(documents.watch(ws, job, every=0.05))
    assert job.state == CANCELLED and "Abgebrochen" in lines[-1]
    assert "abgebrochen – nicht übernommen" in lines[-1]
    assert ws.engine.documents() == [] and ws.engine.store.count() == 0  # no half document
    assert not (ws.uploads_dir / "abzubrechen.txt").exists()  # no orphan copy


def test_cancel_an_upload_before_its_turn(ws, tmp_path):
    big = tmp_path / "vorher.txt"
    big.write_text(big_text(20), encoding="utf-8")
    waiting = tmp_path / "wartend.txt"
    waiting.write_text(big_text(25), encoding="utf-8")  # bigger: waits behind it
    first = documents.start_upload(ws, [big], "anna")
    wait_for(lambda: first.state == RUNNING)
    second = documents.start_upload(ws, [waiting], "ben")
    assert "Platz 1" in documents.status(ws, second)
    documents.cancel(ws, second.id, "ben")
    lines = list(documents.watch(ws, second, every=0.05))
    assert "Abgebrochen" in lines[-1] and "bevor es begann" in lines[-1]
    list(documents.watch(ws, first, every=0.05))
    assert [d.doc_id for d in ws.engine.documents()] == ["vorher.txt"]
    assert not (ws.uploads_dir / "wartend.txt").exists()
