"""The reader app and its factory."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from time import monotonic
from typing import ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.markup import escape
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Input
from textual.worker import get_current_worker

from tuireader.config import Config
from tuireader.extraction import extract
from tuireader.index import Archive, CacheError, Hit, Progress
from tuireader.loading import (
    LoadError,
    LoadWarning,
    file_problem,
    iter_articles,
    nothing_loaded,
    problem_line,
    shown_problem,
)
from tuireader.model import Analysis
from tuireader.model.bookmark_place import BookmarkPlace, bookmark_words, place_bookmarks
from tuireader.sanitize import clean_text, one_line, safe_url
from tuireader.state import State
from tuireader.ui import theming
from tuireader.ui.archive_list import ArchiveOptions
from tuireader.ui.article_body import ArticleBody
from tuireader.ui.article_list import ArticleList, ArticleOptions, FilterInput
from tuireader.ui.bookmarks_screen import Bookmark, BookmarkEntry, BookmarksScreen
from tuireader.ui.clipboard import notice_text, osc52, tmux_passthrough
from tuireader.ui.echo_screen import EchoList, EchoScreen
from tuireader.ui.export_screen import ExportScreen
from tuireader.ui.help_screen import HelpScreen, help_sections, key_choice
from tuireader.ui.hit_list import HitList, statement_of
from tuireader.ui.problems_screen import ProblemsScreen, problems_title
from tuireader.ui.reader_screen import FindBar, ReaderScreen
from tuireader.ui.search_screen import SearchQuery, SearchScreen
from tuireader.ui.speaker_archive_screen import SpeakerArchiveScreen
from tuireader.ui.speaker_panel import SpeakerPanel, SpeakerTree
from tuireader.ui.wording import plural, sentence

BATCH_SECONDS = 0.1
"""How often loading hands articles to the screen."""
PROBLEM_NOTICE_CHARS = 60
"""Characters of the problem a notification names at most (two lines of a toast at 80 columns,
where a toast is 37 cells wide and words wrap whole)."""
PROBLEMS_KEPT = 5000
"""Problems with files kept for their list (the rest are counted)."""
PROGRESS_SECONDS = 0.25
"""How often indexing redraws its progress in the status line (and grows the archive's sidebar)."""
RECENT_ARTICLES = 16
"""Articles rebuilt from the archive that are kept in memory (the rest are read again when opened)."""


def _provider(name: str) -> type:
    # textual.command is slow to import; like Textual's own providers, load it on first use.
    from tuireader.ui import commands

    return getattr(commands, name)


def over_ssh(environ: Mapping[str, str]) -> bool:
    """Whether the session looks remote (then nothing animates or blinks)."""
    return bool(environ.get("SSH_TTY") or environ.get("SSH_CONNECTION"))


class ReaderApp(App[None]):
    """The terminal reader.

    Args:
        paths: Files and folders of articles to open.
        config: The user's configuration.
        state: Read marks and bookmarks (a state without a path saves nothing).
        notices: Lines to show once the app is up (config and state problems).
        theme_name: A theme chosen on the command line, which beats the config and the state.
        low_bandwidth: No animations or blinking (also when over SSH or in the config).
        export_dir: Where exports are offered by default (the current directory when None).
        use_archive: Open (and bring up to date) the archive index of ``paths`` for searching.
        use_cache: Keep that index in the cache directory; False for a temporary one.
        cache_dir: The cache directory (``$TUIREADER_CACHE_DIR`` or the user cache dir if None).
    """

    CSS_PATH = "reader.tcss"
    TITLE = "tuireader"
    COMMANDS = App.COMMANDS | {lambda: _provider("ArticleCommands"), lambda: _provider("SpeakerCommands")}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help: every key", id="help"),
        Binding("ctrl+p", "command_palette", "Command palette", id="command-palette", show=False),
        # A priority binding: the screen opens before the next key is forwarded, so the keys typed
        # after ctrl+f in the same burst reach it (and its query box) instead of the article.
        Binding("ctrl+f", "search_archive", "Search the archive", id="search-archive", priority=True),
        Binding("exclamation_mark", "file_problems", "Problems with files", id="file-problems"),
        Binding("x", "hide_notifications", "Hide the notifications", id="hide-notifications"),
    ]

    def __init__(
        self,
        paths: Sequence[str],
        config: Config | None = None,
        state: State | None = None,
        notices: Iterable[str] = (),
        theme_name: str | None = None,
        low_bandwidth: bool = False,
        export_dir: Path | None = None,
        use_archive: bool = False,
        use_cache: bool = True,
        cache_dir: Path | None = None,
    ) -> None:
        # With NO_COLOR, ANSI mode makes Textual drop colour altogether instead of greying it.
        super().__init__(ansi_color=theming.ansi_color_for())
        self.paths = list(paths)
        self.config = config or Config()
        self.state = state or State(None)
        self.notices = list(notices)
        self.theme_name = theme_name
        self.low_bandwidth = low_bandwidth or self.config.low_bandwidth or over_ssh(os.environ)
        self.export_dir = export_dir
        self.library: list[Analysis] = []
        self.by_id: dict[str, Analysis] = {}
        self.loading = False
        self._save_failed = False
        self.use_archive = use_archive
        self.use_cache = use_cache
        self.cache_dir = cache_dir
        self.archive: Archive | None = None
        """The index of ``paths`` for search (None until opened, or when it cannot be)."""
        self.archive_problem = "The archive is not open" if use_archive else "No archive: the reader was started without one"
        """Why `archive` is None."""
        self.sidebar_from_archive = use_archive and "-" not in self.paths
        """Whether the sidebar reads its rows from the archive (and nothing is loaded in memory);
        standard input cannot be indexed, so with ``-`` articles are loaded as without an archive."""
        self._cache_ids: dict[str, int] = {}
        """Archive ids of the articles opened or found (`Article.id` -> the archive's id)."""
        self._not_in_archive: set[str] = set()
        """Article ids looked for in the archive and not found (until it grows again)."""
        self.last_search = ""
        self.last_search_hit: Hit | None = None
        """The hit opened from `last_search`: the search comes back on it."""
        self.file_problems: list[str] = []
        """The problems with files met so far (`PROBLEMS_KEPT` at most), ``FILE: problem`` each."""
        self.file_problems_dropped = 0
        """Problems with files met beyond `PROBLEMS_KEPT`."""
        self.jumps: list[Place] = []
        """Where each jump (to a hit, a bookmark, a speaker, an article from the palette) left
        from, the latest last: ``backspace`` goes back along them."""
        if self.low_bandwidth:
            self.animation_level = "none"
        # Before the stylesheet is first parsed, so it is parsed once, for the right theme.
        self._install_themes()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **theming.variable_defaults(self.current_theme)}

    def get_default_screen(self) -> Screen:
        return ReaderScreen()

    @property
    def reader(self) -> ReaderScreen:
        """The main screen (wherever the focus is)."""
        screen = self.screen_stack[0] if self.screen_stack else self.screen
        assert isinstance(screen, ReaderScreen)
        return screen

    # -- start -------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.config.keymap:
            known = known_binding_ids()
            for binding_id in self.config.keymap:
                if binding_id not in known:
                    self.notices.append(f"{self.config.source}: keymap: no binding has the id {binding_id!r}")
            self.set_keymap(dict(self.config.keymap))
        for notice in self.notices:
            self.notify(clean_text(notice), severity="warning", timeout=10, markup=False)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if not self.sidebar_from_archive:
            self.load(self.paths)
        if self.use_archive:
            self.archive_problem = "The archive is still opening"
            self.open_archive()

    def on_unmount(self) -> None:
        # A running index worker closes the archive itself when it sees it is cancelled.
        if self.archive is not None and not any(w.group == "archive" and w.is_running for w in self.workers):
            self.archive.close()

    def _install_themes(self) -> None:
        # The command line wins, then the theme last chosen in the app, then the config;
        # under NO_COLOR a saved choice does not count (the monochrome theme is used instead).
        saved = None if theming.no_color() else self.state.theme
        requested = self.theme_name or saved or self.config.theme
        self.notices.extend(theming.install_themes(self, requested))

    def _theme_changed(self, theme: Theme) -> None:
        if self.state.theme != theme.name:
            self.state.theme = theme.name
            self._save_state()
        if self.screen_stack and self.reader.query(ArticleList):
            self.reader.sidebar.refresh_items()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if self.low_bandwidth and isinstance(event.widget, Input):
            event.widget.cursor_blink = False

    # -- loading -----------------------------------------------------------------------------

    @work(exclusive=True, thread=True, group="load")
    def load(self, paths: Sequence[str]) -> None:
        """Load and extract every article in a thread, handing them over in batches."""
        self._load_articles(paths)

    def _load_articles(self, paths: Sequence[str]) -> None:
        """Load and extract every article (in the current worker's thread)."""
        worker = get_current_worker()
        self.call_from_thread(self._loading, True, 0)
        batch: list[Analysis] = []
        problems: list[str] = []
        """Problems since the last batch: shown together, in one notification."""
        count = 0
        last = monotonic()
        for item in iter_articles(paths):
            if worker.is_cancelled:
                return
            if isinstance(item, (LoadError, LoadWarning)):
                problems.append(problem_line(item))
                continue
            try:
                analysis = extract(item)
            except Exception as exc:  # one article's bug must not cost the others
                problems.append(f"error: {item.path or item.id}: extraction failed: {exc}")
                continue
            batch.append(analysis)
            count += 1
            if count == 1 or monotonic() - last > BATCH_SECONDS:
                self.call_from_thread(self._add_batch, batch, count)
                if problems:
                    self.call_from_thread(self._file_problems, problems)
                batch, problems = [], []
                last = monotonic()
        if not worker.is_cancelled:
            self.call_from_thread(self._add_batch, batch, count)
            if problems:
                self.call_from_thread(self._file_problems, problems)
            self.call_from_thread(self._loading, False, count)

    # -- the archive ---------------------------------------------------------------------------

    @work(exclusive=True, thread=True, group="archive", exit_on_error=False)
    def open_archive(self) -> None:
        """Open the index of the paths and bring it up to date, with progress in the status line.

        Searching works from the moment it is open (on what is indexed so far). Problems with
        files are not repeated here: loading has already shown them.
        """
        worker = get_current_worker()
        try:
            archive = Archive.open(self.paths, cache_dir=self.cache_dir, use_cache=self.use_cache)
        except (CacheError, OSError, sqlite3.Error) as exc:
            self.call_from_thread(self._archive_failed, f"The archive cannot be opened: {exc}")
            if self.sidebar_from_archive:
                # The reader goes on without it, loading the articles in memory instead.
                self.sidebar_from_archive = False
                self.call_from_thread(self.reader.use_memory_sidebar)
                self._load_articles(self.paths)
            return
        self.call_from_thread(self._archive_opened, archive)
        last = 0.0
        run = archive.index()
        stopped = False
        try:
            for progress in run:
                if worker.is_cancelled:
                    break
                if self.sidebar_from_archive and progress.messages:
                    # Nothing is loaded in memory: the problems with files are told from here.
                    self.call_from_thread(self._file_problems, list(progress.messages))
                if progress.done or monotonic() - last > PROGRESS_SECONDS:
                    last = monotonic()
                    self.call_from_thread(self._archive_progress, progress)
        except Exception as exc:  # the reader goes on without a complete index, and says so
            if not worker.is_cancelled:
                stopped = True
                self.call_from_thread(self._archive_progress, None)
                self.call_from_thread(self.notify, clean_text(f"Indexing stopped: {exc}; search sees what was "
                                                              "indexed before"), severity="error", timeout=10,
                                      markup=False)
        finally:
            run.close()
            if worker.is_cancelled:
                archive.close()
        if stopped and self.sidebar_from_archive:
            # The list would lack what was not indexed: every article is read in memory instead.
            self.sidebar_from_archive = False
            self.call_from_thread(self.reader.use_memory_sidebar)
            self._load_articles(self.paths)

    def _file_problems(self, messages: list[str]) -> None:
        """Tell the problems with files found together in one small notification (the first,
        its file named, and a count), and keep them for `action_file_problems`.

        A notification listing them all covered half the article at 80x24 for ten seconds.

        Args:
            messages: One line each, ``error: `` or ``warning: `` then the file and the problem.
        """
        parts = [shown_problem(message).partition(": ") for message in messages]
        severity = "error" if any(kind != "warning" for kind, _, _ in parts) else "warning"
        lines = [clean_text(text or kind) for kind, _, text in parts]
        room = PROBLEMS_KEPT - len(self.file_problems)
        self.file_problems += lines[:room]
        self.file_problems_dropped += len(lines[room:])
        first = one_line(short_problem(lines[0]), PROBLEM_NOTICE_CHARS)
        more = f"and {len(lines) - 1} more: " if len(lines) > 1 else ""
        keys = []  # named as the keymap has them, left out when unbound
        if lists := key_choice(self, self, "file-problems"):
            keys.append(f"{lists} lists {'them' if more else 'it'}")
        if hides := key_choice(self, self, "hide-notifications"):
            keys.append(f"{hides} hides")
        hint = more + ", ".join(keys) if keys else more.removesuffix(": ")
        self.notify(f"{first}\n{hint}" if hint else first, title=problems_title(len(lines)), severity=severity,
                    timeout=10, markup=False)

    def action_file_problems(self) -> None:
        """List every problem with a file met so far."""
        if isinstance(self.screen, ProblemsScreen):
            return
        if not self.file_problems:
            self.notify("No problems with files", timeout=3)
            return
        self.push_screen(ProblemsScreen(self.file_problems, self.file_problems_dropped))

    def action_hide_notifications(self) -> None:
        """Hide every notification on screen."""
        self.clear_notifications()

    def _archive_failed(self, problem: str) -> None:
        self.archive_problem = problem
        self.notify(clean_text(problem), severity="error", timeout=10, markup=False)
        self.reader.archive_text = "no archive"
        self.reader.update_status()

    def _archive_opened(self, archive: Archive) -> None:
        self.archive = archive
        for notice in archive.notices:
            self.notify(clean_text(notice), severity="warning", timeout=10, markup=False)
        self.reader.archive_text = "indexing…"
        if self.sidebar_from_archive:
            # What the cache already holds is listed at once.
            self.reader.sidebar.attach(archive, self.state.read)  # type: ignore[attr-defined]
            self._archive_grew()
        self.reader.update_status()

    def _archive_grew(self) -> None:
        """Show the articles indexed so far, and open the first when none is shown yet."""
        if self.archive is None or not self.sidebar_from_archive:
            return
        self._not_in_archive.clear()
        screen = self.reader
        self._forget_reindexed()
        screen.sidebar.refresh_items()
        if screen.analysis is None:
            first = self.archive.rows(0, 1)
            if first:
                self.open_article(first[0].key, focus=False, cache_id=first[0].id)

    def _forget_reindexed(self) -> None:
        """Drop the articles kept in memory whose files were indexed again (the cached copy was
        shown first; the file has changed since), and show the new text of the open one."""
        assert self.archive is not None
        stale = [key for key in self.by_id
                 if (cache_id := self._cache_ids.get(key)) is not None and not self.archive.has(cache_id)]
        shown = self.reader.analysis
        for key in stale:
            del self.by_id[key]
            found = self.archive.find(key)
            if found is None:
                del self._cache_ids[key]
            else:
                self._cache_ids[key] = found
        if shown is not None and shown.article.id in stale:
            self.open_article(shown.article.id, focus=False)

    def _archive_progress(self, progress: Progress | None) -> None:
        self._archive_grew()
        if progress is not None and progress.done and self.sidebar_from_archive and self.reader.analysis is None:
            self._nothing_loaded()
            text = "no articles"
        elif progress is None or progress.done:
            text = ""
        elif progress.waiting:
            text = "index: waiting for another tuireader"
        else:
            share = progress.bytes_done / progress.bytes_total if progress.bytes_total else 1.0
            text = f"indexing {share:.0%} · {progress.articles:,} articles"
        self.reader.archive_text = text
        self.reader.update_status()

    def open_hit(self, hit: Hit | None) -> None:
        """Open the article of an archive hit with the cursor on its statement."""
        if hit is None:
            return
        self._cache_ids[hit.article_key] = hit.article_id
        analysis = self.analysis_of(hit.article_key) if self.sidebar_from_archive else self.by_id.get(hit.article_key)
        if analysis is None and self.archive is not None and not self.sidebar_from_archive:
            # Indexed but not (yet) loaded: take the archive's copy.
            try:
                analysis = self.archive.analysis(hit.article_id)
            except KeyError:
                self.notify("That article was re-indexed since the search: search again", severity="warning")
                return
            self._add_batch([analysis], len(self.library) + 1)
        if analysis is None:
            return
        self.remember_place()
        self.open_article(analysis.article.id)
        index = statement_of(analysis, hit)
        if index is not None:
            self.reader.body.go_to(index)
        else:
            self.reader.body.go_to_offset(hit.start)

    def action_search_archive(self) -> None:
        """Open the search screen (with the last query)."""
        if isinstance(self.screen, SearchScreen):
            return
        opened = self.last_search_hit if self.last_search else None
        screen = SearchScreen(self.archive, self.archive_problem, self.last_search, opened)

        def done(hit: Hit | None) -> None:
            if screen.query_text != self.last_search or hit is not None:
                self.last_search_hit = hit
            self.last_search = screen.query_text
            self.open_hit(hit)

        self.push_screen(screen, done)

    def show_speaker_archive(self, name: str) -> None:
        """List one speaker's statements across the archive; choosing one opens it."""
        self.push_screen(SpeakerArchiveScreen(self.archive, name, self.archive_problem), self.open_hit)

    def show_echoes(self, analysis: Analysis, index: int) -> None:
        """List the other articles carrying a statement's words; choosing one opens it."""
        statement = analysis.statements[index]
        self.push_screen(EchoScreen(self.archive, analysis.text_of(statement), statement.speaker,
                                    analysis.article.id, self.archive_problem), self.open_hit)

    def action_speaker_archive(self) -> None:
        """The palette's "Speaker across the archive": the reader screen's ``a``."""
        self.reader.action_speaker_archive()

    def action_echoes(self) -> None:
        """The palette's "Where else was this quote reported": the reader screen's ``e``."""
        self.reader.action_echoes()

    def _loading(self, active: bool, count: int) -> None:
        self.loading = active
        screen = self.reader
        screen.loading_text = "loading…" if active else ""
        if not active and count == 0:
            self._nothing_loaded()
            screen.loading_text = "no articles"
        screen.update_status()

    def _nothing_loaded(self) -> None:
        self.notify(clean_text(sentence(nothing_loaded(self.paths))), severity="error", timeout=10, markup=False)

    def _add_batch(self, batch: list[Analysis], count: int) -> None:
        fresh = [a for a in batch if a.article.id not in self.by_id]
        for analysis in fresh:
            self.by_id[analysis.article.id] = analysis
            self.library.append(analysis)
        screen = self.reader
        screen.sidebar.add(fresh, self.state.read)
        if self.loading:
            screen.loading_text = f"loading… {count} {plural('article', count)}"
        if screen.analysis is None and self.library:
            self.open_article(self.library[0].article.id, focus=False)
        screen.update_status()

    # -- actions the screens and palette call ---------------------------------------------------

    def _bookmarks_of(self, analysis: Analysis) -> frozenset[tuple[int, int]]:
        self._place_bookmarks(analysis)
        return frozenset(self.state.bookmarks.get(analysis.article.id, ()))

    def _place_bookmarks(self, analysis: Analysis) -> list[BookmarkPlace]:
        """Find an article's bookmarks in its current text; those that moved (the file was
        edited) or had no words yet (saved by an older version) are updated and saved."""
        article_id = analysis.article.id
        keys = sorted(self.state.bookmarks.get(article_id, ()))
        if not keys:
            return []
        places = place_bookmarks(analysis, [(key, self.state.words_of(article_id, key)) for key in keys])
        changed = [(p.key, p.new_key, p.words) for p in places if p.changed]
        if changed:
            self.state.move_bookmarks(article_id, changed)
            self._save_state()
        return places

    def analysis_of(self, article_id: str, cache_id: int | None = None) -> Analysis | None:
        """An article by its id: from memory, or rebuilt from the archive when the sidebar reads
        from it (the last `RECENT_ARTICLES` are kept).

        Args:
            article_id: `Article.id`.
            cache_id: Its id in the archive, when known.
        """
        analysis = self.by_id.get(article_id)
        if analysis is not None or self.archive is None or not self.sidebar_from_archive:
            return analysis
        if cache_id is not None:
            self._cache_ids[article_id] = cache_id
        try:
            found = self._cache_ids.get(article_id)
            if found is None:
                found = self._find_cache_id(article_id)
            if found is None:
                return None
            try:
                analysis = self.archive.analysis(found)
            except KeyError:  # its file was re-indexed since: look it up again
                found = self._find_cache_id(article_id)
                if found is None:
                    return None
                analysis = self.archive.analysis(found)
        except (KeyError, sqlite3.Error) as exc:
            self.notify(clean_text(f"{article_id}: cannot be read from the archive: {exc}"), severity="error",
                        timeout=10, markup=False)
            return None
        self.by_id[article_id] = analysis
        if len(self.by_id) > RECENT_ARTICLES:
            shown = self.reader.analysis
            oldest = next(k for k, a in self.by_id.items() if a is not shown and k != article_id)
            del self.by_id[oldest]
        return analysis

    def _find_cache_id(self, article_id: str) -> int | None:
        """Walk the archive's rows for an article id (bookmarks of articles not opened yet)."""
        assert self.archive is not None
        if article_id in self._not_in_archive:
            return None
        offset, page = 0, 2000
        while rows := self.archive.rows(offset, page):
            for row in rows:
                if row.key == article_id:
                    self._cache_ids[article_id] = row.id
                    return row.id
            offset += page
        self._not_in_archive.add(article_id)
        return None

    def open_article(self, article_id: str, focus: bool = True, cache_id: int | None = None) -> None:
        """Show an article and mark it read.

        Args:
            article_id: `Article.id`.
            focus: Move the focus to the body.
            cache_id: Its id in the archive, when known (saves looking it up).
        """
        analysis = self.analysis_of(article_id, cache_id)
        if analysis is None:
            return
        screen = self.reader
        screen.show_article(analysis, self._bookmarks_of(analysis), self._cache_ids.get(article_id))
        if self.state.mark_read(article_id):
            self._save_state()
            screen.sidebar.refresh_items(self.state.read)
        if focus:
            screen.activate_pane(1)

    def jump_to_article(self, article_id: str, cache_id: int | None = None) -> None:
        """Open an article as a jump (the palette's "Go to article"): ``backspace`` comes back."""
        self.remember_place()
        self.open_article(article_id, cache_id=cache_id)

    def remember_place(self) -> None:
        """Keep where the reader is, before a jump, for `jump_back`."""
        analysis = self.reader.analysis
        if analysis is None:
            return
        top, index = self.reader.body.place()
        article_id = analysis.article.id
        self.jumps.append(Place(article_id, self._cache_ids.get(article_id), top, index))
        del self.jumps[:-MAX_JUMPS]

    def jump_back(self) -> None:
        """Go back to where the last jump left: the article, the line at the top, the statement."""
        if not self.jumps:
            self.notify("Nothing to go back to: backspace returns from a hit, a bookmark or a speaker opened",
                        severity="warning", timeout=4)
            return
        place = self.jumps.pop()
        self.open_article(place.article_id, cache_id=place.cache_id)
        shown = self.reader.analysis
        if shown is None or shown.article.id != place.article_id:
            self.notify("That article is no longer in the archive", severity="warning", timeout=4)
            return
        self.reader.body.return_to(place.top, place.statement)

    def go_to_speaker(self, article_id: str, name: str) -> None:
        """Open an article with the speakers panel on one speaker."""
        self.remember_place()
        self.open_article(article_id)
        screen = self.reader
        screen.activate_pane(2)
        screen.speakers.reveal_speaker(name)
        analysis = self.analysis_of(article_id)
        if analysis is None:
            return
        first = next((n for n, s in enumerate(analysis.statements) if s.speaker == name), None)
        if first is not None:
            screen.body.go_to(first)

    def go_to_bookmark(self, entry: BookmarkEntry | None) -> None:
        """Open the article of a bookmark at its statement (at the top when it was not found)."""
        if entry is None:
            return
        self.remember_place()
        self.open_article(entry.analysis.article.id)
        if entry.index is not None:
            self.reader.body.go_to(entry.index)
        else:
            self.notify("The bookmarked words are no longer in this article", severity="warning", timeout=4)

    def toggle_bookmark(self, analysis: Analysis, index: int) -> None:
        """Bookmark a statement, or remove its bookmark, and save."""
        statement = analysis.statements[index]
        added = self.state.toggle_bookmark(analysis.article.id, (statement.start, statement.end),
                                           bookmark_words(analysis.text_of(statement)))
        self._save_state()
        self.reader.body.set_bookmarks(self._bookmarks_of(analysis))
        self.notify("Bookmarked" if added else "Bookmark removed", timeout=2)

    def bookmark_entries(self) -> tuple[list[BookmarkEntry], int]:
        """Every bookmark of a loaded article, found in it or not (moved ones are updated).

        Returns:
            The bookmarks, by article, and how many belong to articles not loaded.
        """
        entries: list[BookmarkEntry] = []
        elsewhere = 0
        for article_id in sorted(self.state.bookmarks):
            analysis = self.analysis_of(article_id)
            if analysis is None:
                elsewhere += len(self.state.bookmarks[article_id])
                continue
            places = self._place_bookmarks(analysis)
            entries += [BookmarkEntry(analysis, p.index, p.key if p.index is None else p.new_key, p.words)
                        for p in sorted(places, key=lambda p: (p.index is None, p.new_key))]
        return entries, elsewhere

    def bookmarks(self) -> list[Bookmark]:
        """Every bookmark found in a loaded article, as (analysis, statement index)."""
        return [(e.analysis, e.index) for e in self.bookmark_entries()[0] if e.index is not None]

    def on_bookmarks_screen_bookmark_removed(self, event: BookmarksScreen.BookmarkRemoved) -> None:
        """Remove a bookmark chosen in the list, and its star if its article is shown."""
        entry = event.entry
        self.state.remove_bookmark(entry.analysis.article.id, entry.key)
        self._save_state()
        shown = self.reader.analysis
        if shown is not None and shown.article.id == entry.analysis.article.id:
            self.reader.body.set_bookmarks(frozenset(self.state.bookmarks.get(shown.article.id, ())))
        self.notify("Bookmark removed", timeout=2)

    def _save_state(self) -> None:
        """Save the state; a failure (read-only folder, full disk) is shown once until a save
        works again, and everything stays in memory for the next try."""
        try:
            self.state.save()
        except OSError as exc:
            if not self._save_failed and (path := self.state.path) is not None:
                self.notify(clean_text(f"{file_problem(path, 'cannot save read marks and bookmarks', exc)}"
                                       "; will retry on the next change"),
                            severity="error", timeout=10, markup=False)
            self._save_failed = True
        else:
            self._save_failed = False

    # -- copying ---------------------------------------------------------------------------------

    def copy_to_clipboard(self, text: str) -> None:
        """Copy with OSC 52, and again through tmux's passthrough when inside tmux."""
        super().copy_to_clipboard(text)
        if os.environ.get("TMUX") and self._driver is not None:
            self._driver.write(tmux_passthrough(osc52(text)))

    def copy_with_notice(self, text: str, what: str) -> None:
        """Copy ``text`` and show what was copied, for terminals that ignore OSC 52."""
        self.copy_to_clipboard(text)
        self.notify(notice_text(text), title=f"Copied {what}", timeout=6, markup=False)

    def copy_url(self, url: str) -> None:
        """Copy a URL and show it as a terminal hyperlink (OSC 8)."""
        self.copy_to_clipboard(clean_text(url))
        link = safe_url(url)
        self.notify(f'[link="{link}"]{escape(link)}[/link]', title="Copied URL", timeout=10)

    # -- palette, help, export ---------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Search the archive", "Search statements and article text in every article "
                            "(ctrl+f)", self.action_search_archive)
        yield SystemCommand("Speaker across the archive", "Every statement by the speaker under the cursor, in "
                            "every article, newest first (a)", self.action_speaker_archive)
        yield SystemCommand("Where else was this quote reported", "Other articles with the same or nearly the "
                            "same words as the statement under the cursor (e)", self.action_echoes)
        yield SystemCommand("Bookmarks", "List bookmarked statements; enter opens one", self.action_bookmarks)
        yield SystemCommand("Problems with files", "Every file that could not be read (or only in part) and why "
                            "(!)", self.action_file_problems)
        yield SystemCommand("Export bookmarks", "Write bookmarked statements to a Markdown, CSV or JSON file",
                            self.action_export_bookmarks)
        yield SystemCommand("Export statements", "Write this article's statements (as the speakers filter "
                            "narrows them) to a file", self.action_export_statements)

    def action_bookmarks(self) -> None:
        """Show the bookmarks."""
        entries, elsewhere = self.bookmark_entries()
        self.push_screen(BookmarksScreen(entries, elsewhere), self.go_to_bookmark)

    def action_export_bookmarks(self) -> None:
        """Ask where to write the bookmarked statements."""
        grouped: dict[str, tuple[Analysis, list]] = {}
        for analysis, index in self.bookmarks():
            grouped.setdefault(analysis.article.id, (analysis, []))[1].append(analysis.statements[index])
        if not grouped:
            self.notify("No bookmarks to export: press m on a statement first", severity="warning")
            return
        count = sum(len(statements) for _, statements in grouped.values())
        what = f"{count} bookmarked {plural('statement', count)}"
        self.push_screen(ExportScreen(what, list(grouped.values()), self.export_dir, "Bookmarks"),
                         self._exported)

    def action_export_statements(self) -> None:
        """Ask where to write the current article's (filtered) statements."""
        screen = self.reader
        analysis = screen.analysis
        if analysis is None:
            return
        chosen = [analysis.statements[n] for n in screen.speakers.visible_statements()]
        if not chosen:
            self.notify("No statements to export", severity="warning")
            return
        what = f"{len(chosen)} {plural('statement', len(chosen))} of this article"
        title = f"Statements of {' '.join(analysis.article.title.split())}"
        if words := " ".join(screen.speakers.filter_input.value.split()):
            title += f" that the speakers filter “{words}” lets through"
        self.push_screen(ExportScreen(what, [(analysis, chosen)], self.export_dir, title),
                         self._exported)

    def _exported(self, path: Path | None) -> None:
        if path is not None:
            self.notify(clean_text(f"Wrote {path}"), title="Exported", timeout=8, markup=False)

    def action_help(self) -> None:
        """Show every key in effect."""
        if isinstance(self.screen, HelpScreen):
            return
        screen = self.reader
        sections = help_sections(self, [
            ("Everywhere", [self, screen]),
            ("Article", screen.body),
            ("Find box", screen.find_bar),
            ("Articles list", [screen.sidebar.options, screen.sidebar, screen.sidebar.filter_input]),
            ("Speakers panel", [screen.speakers.speaker_tree, screen.speakers, screen.speakers.filter_input]),
            # Bindings are read from the classes: these screens need not be open.
            ("Search the archive", [SearchScreen(None), SearchQuery(), HitList()]),
            ("Speaker across the archive, echoes", [SpeakerArchiveScreen(None, ""), EchoScreen(None, "", None, "")]),
        ])
        self.push_screen(HelpScreen(sections))


def short_problem(line: str) -> str:
    """A problem with its file's folders left out: ``dir/a.jsonl#3: invalid JSON`` gives
    ``a.jsonl#3: invalid JSON`` (the list of problems names the file in full)."""
    where, sep, problem = line.partition(": ")
    return f"{os.path.basename(where) or where}{sep}{problem}" if sep else line


@dataclass(frozen=True, slots=True)
class Place:
    """Where the reader was before a jump."""

    article_id: str
    cache_id: int | None
    """The article's id in the archive, when known."""
    top: int | None
    """Offset of the first line of text in view (None: the title was in view)."""
    statement: int | None
    """The statement under the cursor."""


MAX_JUMPS = 100
"""Places kept to go back to."""


def known_binding_ids() -> set[str]:
    """Every binding id the reader defines (what a keymap can remap)."""
    ids: set[str] = set()
    for cls in (ReaderApp, ReaderScreen, ArticleBody, ArticleList, ArticleOptions, ArchiveOptions, SpeakerPanel,
                SpeakerTree, FilterInput, FindBar,
                HelpScreen, ProblemsScreen, BookmarksScreen, ExportScreen, SearchScreen, SearchQuery, HitList,
                SpeakerArchiveScreen, EchoScreen, EchoList):
        for klass in cls.__mro__:
            for binding in klass.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    ids.add(binding.id)
    return ids


def create_app(
    paths: Sequence[str],
    config: Config | None = None,
    *,
    state_path: Path | None = None,
    notices: Iterable[str] = (),
    theme_name: str | None = None,
    low_bandwidth: bool = False,
    export_dir: Path | None = None,
    use_archive: bool = False,
    use_cache: bool = True,
    cache_dir: Path | None = None,
) -> ReaderApp:
    """Build the reader with its state opened (tests pass ``tmp_path`` locations here).

    Args:
        paths: Files and folders of articles.
        config: The configuration; defaults when None.
        state_path: The state file; None keeps state in memory only.
        notices: Problems found before the app started, shown when it is up.
        theme_name: A theme named on the command line.
        low_bandwidth: Turn animations and blinking off.
        export_dir: Where exports are offered by default.
        use_archive: Open and index the archive of ``paths`` for search (the command line does).
        use_cache: Keep that index in the cache directory; False for a temporary one.
        cache_dir: The cache directory; ``$TUIREADER_CACHE_DIR`` or the user cache dir if None.
    """
    state, state_notices = State.open(state_path)
    return ReaderApp(paths, config, state, [*notices, *state_notices], theme_name, low_bandwidth, export_dir,
                     use_archive, use_cache, cache_dir)
