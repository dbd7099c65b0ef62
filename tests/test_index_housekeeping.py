"""The cache follows the archive on disk: moved, renamed and deleted files; two runs at once;
an interrupted run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_index_cache import HARBOUR, MILL, calls  # noqa: F401 - calls is a fixture

from tuireader.cli import main
from tuireader.index import Archive, indexer
from tuireader.index.database import FileLock

WIRE = "\n".join([
    json.dumps({"id": "w1", "title": "Ferry late", "text": '"The ferry was late again," said Ann Lee.'}),
    '{"id": "w2", "title": ',
    json.dumps({"id": "w3", "title": "Ferry early", "text": "The ferry left early, Ann Lee said."}),
]) + "\n"


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TUIREADER_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "docs"
    (folder / "wire").mkdir(parents=True)
    (folder / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (folder / "mill.txt").write_text(MILL, encoding="utf-8")
    (folder / "wire" / "feed.jsonl").write_text(WIRE, encoding="utf-8")
    return folder


def _whole_cache(tmp_path: Path) -> Archive:
    return Archive.open(None, cache_dir=tmp_path / "cache")


def test_a_deleted_file_leaves_the_cache(docs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(docs), "--workers", "0"]) == 0
    (docs / "mill.txt").unlink()
    assert main(["index", str(docs), "--workers", "0"]) == 0
    assert "3 articles in 2 files" in capsys.readouterr().err
    with _whole_cache(tmp_path) as archive:
        assert archive.count() == 3
        assert archive.search("choice") == [], "the deleted file's statements are gone"
    assert main(["search", "choice"]) == 1


def test_searching_the_whole_cache_skips_files_deleted_since(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(docs), "--workers", "0"]) == 0
    assert main(["search", "choice"]) == 0
    (docs / "mill.txt").unlink()
    capsys.readouterr()
    assert main(["search", "choice"]) == 1, "no hit from a file that is no longer there"
    assert main(["search", "bridge"]) == 0


def test_a_renamed_folder_is_not_extracted_again_nor_found_twice(
    docs: Path, tmp_path: Path, calls: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["index", str(docs), "--workers", "0"]) == 0
    moved = docs.rename(tmp_path / "renamed")
    calls.clear()
    capsys.readouterr()
    assert main(["index", str(moved), "--workers", "0"]) == 0
    err = capsys.readouterr().err
    assert calls == [], "the files did not change: their cached articles are kept"
    assert "4 articles in 3 files (0 indexed now, 4 from the cache)" in err
    # the bad line is still reported, under the file's new name
    assert f"{moved / 'wire' / 'feed.jsonl'}#2: invalid JSON" in err
    assert main(["search", "ferry", "--format", "csv"]) == 0
    paths = [line.split(",")[5] for line in capsys.readouterr().out.splitlines()[1:]]
    assert paths and all(p.startswith(str(moved)) for p in paths), paths
    with _whole_cache(tmp_path) as archive:
        assert archive.count() == 4, "each article once"
        [hit] = archive.search("bridge")
        assert hit.path == str(moved / "harbour.txt")
        assert archive.analysis(hit.article_id).article.path == str(moved / "harbour.txt")


def test_a_renamed_file_with_other_contents_is_extracted(docs: Path, tmp_path: Path, calls: list[str]) -> None:
    assert main(["index", str(docs), "--workers", "0"]) == 0
    calls.clear()
    (docs / "mill.txt").unlink()
    (docs / "other.txt").write_text(MILL.replace("120", "130"), encoding="utf-8")
    assert main(["index", str(docs), "--workers", "0"]) == 0
    assert calls == ["other"]


def test_a_run_that_waited_reports_the_problems_of_files_the_other_one_indexed(docs: Path, tmp_path: Path) -> None:
    archive = Archive.open([docs], cache_dir=tmp_path / "cache")
    other = FileLock(archive.db.with_name(archive.db.name + ".index-lock"))
    assert other.acquire(blocking=False)
    run = archive.index(workers=0)
    assert not next(run).waiting
    assert next(run).waiting
    # the other process does the work meanwhile
    sources, _ = Archive.open([docs], cache_dir=tmp_path / "cache").sources()
    list(indexer.run_index(archive.db, sources, workers=0))
    other.release()
    events = list(run)
    messages = [m for e in events for m in e.messages]
    assert any(m.startswith(f"error: {docs / 'wire' / 'feed.jsonl'}#2: invalid JSON") for m in messages), messages
    assert events[-1].articles == 4 and events[-1].articles_new == 0
    archive.close()


def test_ctrl_c_during_index_says_what_is_kept(
    docs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    original = Archive.index

    def interrupted(self: Archive, **kw: object) -> Iterator[indexer.Progress]:
        run = original(self, **kw)  # type: ignore[arg-type]
        yield next(run)
        run.close()
        raise KeyboardInterrupt

    monkeypatch.setattr(Archive, "index", interrupted)
    assert main(["index", str(docs), "--workers", "0"]) == 130
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith("tuireader: interrupted:"), err
    assert "run the same command again" in err[-1]
    monkeypatch.setattr(Archive, "index", original)
    assert main(["index", str(docs), "--workers", "0"]) == 0


def test_the_summary_counts_in_words(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(docs / "harbour.txt"), "--workers", "0"]) == 0
    assert capsys.readouterr().err.startswith("tuireader: 1 article in 1 file (1 indexed now, 0 from the cache)")


def test_housekeeping_that_cannot_take_the_lock_is_skipped(docs: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(docs), "--workers", "0"]) == 0
    lock = tmp_path / "cache" / "index.sqlite3.index-lock"
    lock.unlink(missing_ok=True)
    lock.mkdir()  # a lock file that cannot be opened (as on a cache shared read-only)
    (docs / "mill.txt").unlink()
    assert main(["search", "bridge"]) == 0
    assert main(["index", str(docs), "--workers", "0"]) == 0
    (docs / "other.txt").write_text(HARBOUR.replace("Monday", "Friday"), encoding="utf-8")
    assert main(["index", str(docs), "--workers", "0"]) == 0, "indexing goes on without the lock"
    assert "(1 indexed now, 3 from the cache)" in capsys.readouterr().err
