"""The cache: what is extracted again and what is not, damaged files, concurrency, streaming."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tuireader.extraction import extract
from tuireader.index import Archive, indexer, records
from tuireader.index.database import DATABASE_NAME
from tuireader.model import Analysis, Article, Span, Speaker, Statement

ROOT = Path(__file__).resolve().parent.parent

HARBOUR = (
    "Title: Harbour bridge to open\nDate: 2025-06-02\nSource: Harbour Gazette\n\n"
    '"The bridge opens on Monday," said Jane Roe. The council met on Friday.\n'
)
MILL = (
    "Title: Mill closes\nDate: 2025-05-20\nSource: Valley Post\n\n"
    '"We had no choice," said Tom Doe. About 120 jobs will go.\n'
)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles extracted (in this process), in order."""
    seen: list[str] = []

    def counting(article: Article) -> Analysis:
        seen.append(article.id)
        return extract(article)

    monkeypatch.setattr(records, "extract", counting)
    return seen


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _build(paths: list[Path], cache: Path) -> tuple[Archive, indexer.Progress]:
    archive = Archive.open(paths, cache_dir=cache)
    return archive, archive.build(workers=0)


def test_unchanged_files_are_not_extracted_again(tmp_path: Path, cache: Path, calls: list[str]) -> None:
    docs = tmp_path / "docs"
    _write(docs / "harbour.txt", HARBOUR)
    _write(docs / "mill.txt", MILL)
    archive, progress = _build([docs], cache)
    assert sorted(calls) == ["harbour", "mill"]
    assert progress.articles_new == 2 and archive.count() == 2
    archive.close()
    calls.clear()
    archive, progress = _build([docs], cache)
    assert calls == []
    assert progress.articles == 2 and progress.articles_new == 0
    assert [r.title for r in archive.rows()] == ["Harbour bridge to open", "Mill closes"]
    archive.close()


def test_a_changed_size_or_mtime_is_redone(tmp_path: Path, cache: Path, calls: list[str]) -> None:
    harbour = _write(tmp_path / "harbour.txt", HARBOUR)
    mill = _write(tmp_path / "mill.txt", MILL)
    _build([harbour, mill], cache)[0].close()
    calls.clear()
    _write(harbour, HARBOUR.replace("Harbour bridge to open", "Harbour bridge opens late"))
    st = mill.stat()
    os.utime(mill, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    archive, progress = _build([harbour, mill], cache)
    assert sorted(calls) == ["harbour", "mill"]
    assert archive.count() == 2, "the old versions are replaced, not kept beside the new"
    assert "Harbour bridge opens late" in [r.title for r in archive.rows()]
    assert [(r.name, r.articles) for r in archive.speakers("jane")] == [("Jane Roe", 1)], "counted once"
    archive.close()


def test_an_extractor_version_bump_redoes_every_file(
    tmp_path: Path, cache: Path, calls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    harbour = _write(tmp_path / "harbour.txt", HARBOUR)
    _build([harbour], cache)[0].close()
    calls.clear()
    monkeypatch.setattr(indexer, "EXTRACTOR_VERSION", "bumped-for-test")
    archive, _ = _build([harbour], cache)
    assert calls == ["harbour"]
    assert archive.count() == 1
    archive.close()


def test_a_jsonl_file_is_keyed_once_and_keeps_its_messages(tmp_path: Path, cache: Path, calls: list[str]) -> None:
    lines = [
        json.dumps({"id": "a1", "title": "First", "text": '"Yes," said Jane Roe.'}),
        "{not json",
        "",
        json.dumps({"id": "a2", "title": "Second", "text": "Plain words."}),
        json.dumps({"title": "No body"}),
    ]
    feed = _write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    archive, progress = _build([feed], cache)
    assert calls == ["a1", "a2"]
    assert [r.path for r in archive.rows()] == [f"{feed}#1", f"{feed}#4"]
    assert any(m.startswith(f"error: {feed}#2: invalid JSON") for m in progress.messages)
    assert any(m.startswith(f"error: {feed}#5:") for m in progress.messages)
    archive.close()
    calls.clear()
    archive, progress = _build([feed], cache)
    assert calls == []
    assert any(f"{feed}#2" in m for m in progress.messages), "problems are shown again from the cache"
    archive.close()


def test_missing_paths_and_standard_input_give_one_line_each(tmp_path: Path, cache: Path) -> None:
    harbour = _write(tmp_path / "harbour.txt", HARBOUR)
    archive, progress = _build([harbour, tmp_path / "gone.txt", "-"], cache)  # type: ignore[list-item]
    assert archive.count() == 1
    assert f"error: {tmp_path / 'gone.txt'}: no such file or directory" in progress.messages
    assert any(m.startswith("error: -: standard input cannot be indexed") for m in progress.messages)
    archive.close()


@pytest.mark.parametrize("damage", ["garbage", "foreign"])
def test_a_corrupt_or_foreign_database_is_moved_aside_and_rebuilt(tmp_path: Path, cache: Path, damage: str) -> None:
    cache.mkdir()
    db = cache / DATABASE_NAME
    if damage == "garbage":
        db.write_bytes(b"this is not a database at all" * 200)
    else:
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE notes(text)")
        conn.commit()
        conn.close()
    original = db.read_bytes()
    harbour = _write(tmp_path / "harbour.txt", HARBOUR)
    archive, _ = _build([harbour], cache)
    assert len(archive.notices) == 1 and "moved it to" in archive.notices[0]
    assert archive.count() == 1
    moved = [p for p in cache.iterdir() if p.name.startswith(DATABASE_NAME + ".bad-")]
    assert [p.read_bytes() for p in moved] == [original], "the damaged file is kept as it was"
    archive.close()
    archive, _ = _build([harbour], cache)
    assert archive.notices == []
    archive.close()


def test_no_cache_uses_a_temporary_database_and_removes_it(tmp_path: Path, cache: Path) -> None:
    harbour = _write(tmp_path / "harbour.txt", HARBOUR)
    archive = Archive.open([harbour], cache_dir=cache, use_cache=False)
    archive.build(workers=0)
    assert archive.count() == 1
    temporary = archive.db.parent
    archive.close()
    assert not cache.exists()
    assert not temporary.exists()


def _hand_built(article: Article) -> Analysis:
    text = article.text
    quote = text.index("The bridge")
    said = text.index("said")
    roe = text.index("Jane Roe")
    statements = (
        Statement("direct", Span(quote, quote + len("The bridge opens on Monday,")), "test-rule",
                  cue=Span(said, said + 4), speaker_mention=Span(roe, roe + 8), speaker="Jane Roe", group=1),
        Statement("direct", Span(quote + 4, quote + 10), "test-nested", speaker=None, parent=0),
    )
    return Analysis(article, statements, (Speaker("Jane Roe", ("Roe", "the mayor"), "person"),))


def test_analysis_is_rebuilt_exactly(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "extract", _hand_built)
    harbour = _write(tmp_path / "harbour.txt", HARBOUR)
    archive, _ = _build([harbour], cache)
    [row] = archive.rows()
    assert (row.key, row.title, row.date, row.source, row.statements, row.quotes) == (
        "harbour", "Harbour bridge to open", "2025-06-02", "Harbour Gazette", 2, 2)
    rebuilt = archive.analysis(row.id)
    expected = _hand_built(next(iter(_load(harbour))))
    assert rebuilt.article == expected.article
    assert rebuilt.article.paragraphs == expected.article.paragraphs
    assert rebuilt.statements == expected.statements
    assert rebuilt.speakers == expected.speakers
    with pytest.raises(KeyError):
        archive.analysis(row.id + 100)
    archive.close()


def _load(path: Path) -> list[Article]:
    from tuireader.loading import load_file

    return [a for a in load_file(path) if isinstance(a, Article)]


def test_rows_come_in_path_order_on_demand(tmp_path: Path, cache: Path) -> None:
    for n in range(12):
        _write(tmp_path / "docs" / f"{n:02d}.txt", f"Title: Story {n:02d}\n\n\"Words {n}\", said Jane Roe.\n")
    archive, _ = _build([tmp_path / "docs"], cache)
    assert archive.count() == 12
    assert [r.title for r in archive.rows(3, 4)] == ["Story 03", "Story 04", "Story 05", "Story 06"]
    assert archive.count("story 1") == 2
    assert [r.title for r in archive.rows(0, 10, title="story 1")] == ["Story 10", "Story 11"]
    eleven = archive.rows(0, 10, title="story 11")[0]
    assert archive.position(eleven.id) == 11
    assert archive.position(eleven.id, title="story 1") == 1
    assert archive.count("100%_") == 0, "LIKE wildcards in a filter are plain characters"
    assert archive.find("07") == archive.rows(7, 1)[0].id
    assert archive.find("missing") is None
    archive.close()


def test_rows_come_in_the_order_the_paths_were_given_cold_and_warm(tmp_path: Path, cache: Path) -> None:
    # Given as "b a": b's articles first, then a's; a folder's files in sorted order; the same
    # order while indexing, once indexed, and when everything comes from the cache.
    b = _write(tmp_path / "b.txt", MILL)
    a = _write(tmp_path / "a.txt", HARBOUR)
    for n in (2, 1):
        _write(tmp_path / "docs" / f"{n}.txt", f"Title: Story {n}\n\n\"Words {n}\", said Jane Roe.\n")
    paths = [b, a, tmp_path / "docs"]
    expected = ["Mill closes", "Harbour bridge to open", "Story 1", "Story 2"]
    for _ in ("cold", "warm"):
        archive = Archive.open(paths, cache_dir=cache)
        seen = []
        for _progress in archive.index(workers=0):
            seen.append([r.title for r in archive.rows(0, 10)])
        titles = [r.title for r in archive.rows(0, 10)]
        assert titles == expected
        assert all(partial == [t for t in expected if t in partial] for partial in seen), seen
        rows = archive.rows(0, 10)
        assert [archive.position(r.id) for r in rows] == [0, 1, 2, 3]
        assert archive.count_and_position(rows[2].id, title="story") == (2, 0)
        assert archive.count_and_position(rows[1].id, title="story") == (2, 0)  # the next one after it
        assert archive.rows(1, 2, title="o") == [rows[1], rows[2]]
        archive.close()
    # Opened the other way round, the other order; the cache is the same.
    archive = Archive.open([a, b], cache_dir=cache)
    assert [r.title for r in archive.rows(0, 10)] == ["Harbour bridge to open", "Mill closes"]
    archive.close()


def test_an_archive_sees_only_its_own_paths(tmp_path: Path, cache: Path) -> None:
    harbour = _write(tmp_path / "a" / "harbour.txt", HARBOUR)
    mill = _write(tmp_path / "b" / "mill.txt", MILL)
    _build([harbour, mill], cache)[0].close()
    archive, _ = _build([tmp_path / "b"], cache)
    assert [r.title for r in archive.rows()] == ["Mill closes"]
    assert archive.search("bridge") == []
    archive.close()
    everything = Archive.open(None, cache_dir=cache)
    assert everything.count() == 2
    everything.close()


def test_the_pool_indexes_a_big_jsonl_in_batches_and_streams(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer, "SPLIT_BYTES", 0)
    monkeypatch.setattr(indexer, "FIRST_BATCH_LINES", 4)
    monkeypatch.setattr(indexer, "BATCH_LINES", 8)
    lines = [json.dumps({"id": f"r{n}", "title": f"Record {n}", "text": f'"Point {n} stands," said Jane Roe.'})
             for n in range(1, 41)]
    feed = _write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    archive = Archive.open([feed], cache_dir=cache)
    seen = []
    for progress in archive.index(workers=2):
        seen.append(archive.count())
    assert seen[-1] == 40
    assert any(0 < n < 40 for n in seen), f"articles appear while the rest are read: {seen}"
    assert seen == sorted(seen)
    rows = archive.rows(0, 50)
    assert [r.key for r in rows] == [f"r{n}" for n in range(1, 41)]
    assert rows[-1].path == f"{feed}#40"
    assert all(r.quotes == 1 for r in rows), "extraction ran in the workers"
    archive.close()


def test_a_reader_reads_while_another_archive_writes(tmp_path: Path, cache: Path) -> None:
    for n in range(40):
        _write(tmp_path / "docs" / f"{n:02d}.txt", f"Title: Story {n}\n\n\"Words {n}\", said Jane Roe.\n")
    reader = Archive.open(None, cache_dir=cache)  # the whole cache, as it grows
    writer = Archive.open([tmp_path / "docs"], cache_dir=cache)
    counts = []
    for _ in writer.index(workers=0):
        counts.append(len(reader.search("words", limit=100)))
    assert counts[-1] == 40
    assert any(0 < n < 40 for n in counts), counts
    late = Archive.open([tmp_path / "docs"], cache_dir=cache)
    assert late.count() == 40, "what the cache holds is readable before index() runs"
    late.close()
    reader.close()
    writer.close()


def _run_builder(paths: list[Path], cache: Path) -> Callable[[], subprocess.Popen[str]]:
    code = (
        "import sys; from tuireader.index import Archive\n"
        "a = Archive.open(sys.argv[2:], cache_dir=sys.argv[1])\n"
        "p = a.build(workers=0)\n"
        "print(a.count(), p.articles_new)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def start() -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-c", code, str(cache), *map(str, paths)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)

    return start


def test_two_processes_opening_the_same_archive_at_once_both_work(tmp_path: Path, cache: Path) -> None:
    for n in range(60):
        _write(tmp_path / "docs" / f"{n:02d}.txt", f"Title: Story {n}\n\n\"Words {n}\", said Jane Roe.\n")
    start = _run_builder([tmp_path / "docs"], cache)
    first, second = start(), start()
    outputs = [p.communicate(timeout=120) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outputs
    counts = [out.split() for out, _ in outputs]
    assert [c[0] for c in counts] == ["60", "60"]
    assert sorted(int(c[1]) for c in counts) == [0, 60], "the files were indexed once, not twice"
    conn = sqlite3.connect(cache / DATABASE_NAME)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 60
    conn.close()


def test_a_later_run_picks_up_new_and_changed_files(tmp_path: Path, cache: Path, calls: list[str]) -> None:
    docs = tmp_path / "docs"
    _write(docs / "harbour.txt", HARBOUR)
    archive = Archive.open([docs], cache_dir=cache)
    archive.build(workers=0)
    _write(docs / "mill.txt", MILL)
    calls.clear()
    last = archive.build(workers=0)
    assert calls == ["mill"]
    assert (last.files_total, archive.count()) == (2, 2)
    archive.close()


def test_an_index_run_waits_while_another_process_indexes(tmp_path: Path, cache: Path) -> None:
    from tuireader.index.database import FileLock

    harbour = _write(tmp_path / "harbour.txt", HARBOUR)
    archive = Archive.open([harbour], cache_dir=cache)
    other = FileLock(archive.db.with_name(archive.db.name + ".index-lock"))
    assert other.acquire(blocking=False)
    run = archive.index(workers=0)
    assert not next(run).waiting
    assert next(run).waiting, "the lock is held elsewhere: wait, and say so"
    assert archive.count() == 0
    other.release()
    events = list(run)
    assert events[-1].done and events[-1].articles_new == 1
    assert archive.count() == 1
    archive.close()


def test_big_jsonl_problems_are_reported_and_the_rest_kept(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gzip

    monkeypatch.setattr(indexer, "SPLIT_BYTES", 0)  # read in batches of lines, as a big file is
    monkeypatch.setattr(indexer, "FIRST_BATCH_LINES", 2)
    good = [json.dumps({"id": f"g{n}", "title": f"Good {n}", "text": f"Plain words {n}."}) for n in range(6)]
    long_line = json.dumps({"id": "long", "text": "word " * (records.MAX_LINE_BYTES // 5 + 1)})
    packed = gzip.compress(("\n".join([*good[:3], long_line, *good[3:]]) + "\n").encode())
    truncated = _write(tmp_path / "cut.jsonl.gz", "")
    truncated.write_bytes(packed[: len(packed) * 2 // 3])
    whole = _write(tmp_path / "whole.jsonl.gz", "")
    whole.write_bytes(packed)
    binary = _write(tmp_path / "binary.jsonl", "")
    binary.write_bytes(b"\x00\x01\x02 not text" * 50)
    archive, progress = _build([whole, truncated, binary], cache)
    keys = {path: [r.key for r in archive.rows() if r.path.startswith(str(path))] for path in (whole, truncated)}
    assert keys[whole] == [f"g{n}" for n in range(6)], "the whole file, minus its overlong line"
    assert f"error: {whole}#4: line longer than {records.MAX_LINE_BYTES:,} bytes, skipped" in progress.messages
    assert any(m.startswith(f"error: {truncated}: corrupt or unreadable after line") for m in progress.messages)
    assert f"error: {binary}: binary file (NUL bytes), skipped" in progress.messages
    assert keys[truncated][:2] == ["g0", "g1"], "the truncated file keeps the records before the damage"
    archive.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_skipped_not_waited_on(tmp_path: Path, cache: Path) -> None:
    docs = tmp_path / "docs"
    _write(docs / "harbour.txt", HARBOUR)
    os.mkfifo(docs / "pipe.txt")
    archive, progress = _build([docs], cache)
    assert archive.count() == 1
    assert f"error: {docs / 'pipe.txt'}: not a regular file, skipped" in progress.messages
    archive.close()
