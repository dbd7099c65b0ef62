"""A text box whose value never holds a control character, and that hands on keys typed past it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input

from tuireader.sanitize import clean_text

HAND_OVER_SECONDS = 1.0
"""How long keys typed after a leaving key wait for the focus to move before they go back into
the box (a safety net: the leaving keys' handlers always move the focus)."""


class SafeInput(Input):
    """An `Input` that turns control characters into visible stand-ins as they arrive.

    Keys cannot type an escape sequence, but a paste can carry one (text copied from an
    article, from a web page, from anywhere), and `Input` draws its value as it is: the
    sequence would reach the terminal. Stand-ins keep the length, so the cursor stays put;
    a pasted ESC looks like the ␛ the body shows for it, so finding it still works.

    Keys typed past a leaving key go where the focus goes. Over SSH keys arrive in bursts:
    the app forwards every key of a burst to the focused box before the box has handled the
    first, and the box's ``enter`` only moves the focus once its `Input.Submitted` has reached
    the handler, so ``/ day enter n n`` would type ``nn`` into the box. A subclass lists in
    `LEAVING_KEYS` the keys its bindings leave the box with; after one of them the box holds
    the keys that follow, and when the focus moves (synchronously, as the handler sets it)
    gives them, in their order, to the newly focused widget. A held key that reaches the box
    after that (it was already on its way) follows them. Should the focus not move within
    `HAND_OVER_SECONDS`, the held keys are typed into the box after all.

    The box's own bindings (``enter``, ``ctrl+u``, ``backspace``, the arrows...) run as the box
    meets their key, not after the key has bubbled up to the app: the characters queued behind
    it would otherwise be typed first (``ctrl+u words`` would delete the words).
    """

    LEAVING_KEYS: ClassVar[frozenset[str]] = frozenset()
    """Keys bound (on this box) to an action after which a handler moves the focus away."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._held: list[events.Key] | None = None
        """Keys after a leaving key, waiting for the focus to move (None: not waiting)."""
        self._replaying: set[int] = set()
        """Ids of held keys posted back to the box (the focus did not move), to be typed now."""
        self._deferred: list[events.Key] = []
        """Keys that overtook the replayed ones in the queue; they are posted back after them."""
        self._handed_over = False
        """The focus left after a leaving key: keys still queued for the box follow it."""
        self._hand_over_timer: Timer | None = None

    def validate_value(self, value: str) -> str:
        return clean_text(value)

    def on_mount(self) -> None:
        # A synchronous watcher: it runs inside `Screen.set_focus`, before the app can forward
        # the next key to the new focus, so the held keys stay ahead of it.
        self.watch(self.screen, "focused", self._focus_moved, init=False)

    def on_focus(self) -> None:
        # Queued behind any key that was on its way when the focus left: those have gone on.
        self._handed_over = False

    async def _on_key(self, event: events.Key) -> None:
        if self._replaying:
            if id(event) not in self._replaying:
                # It arrived while the held keys were on their way back: it goes after them.
                self._hold(event, self._deferred)
                return
            self._replaying.discard(id(event))
            self.call_next(self._after_replay)
        if self._held is not None:
            self._hold(event, self._held)
        elif self._handed_over and self.screen.focused is not self:
            # Queued for the box before the focus left: it follows the keys handed over.
            self._hold(event, [])
            self.call_next(self._give, self.screen.focused or self.screen, [event])
        elif not event.is_printable:
            await self._run_own_binding(event)

    async def _run_own_binding(self, event: events.Key) -> None:
        """Run this box's binding of a key now, in its place among the keys typed.

        Left to bubble, the key would reach the app's bindings only after the box had typed
        the characters queued behind it (``ctrl+u`` then ``words`` in one burst would delete
        the words). A leaving key's binding runs here too, and what follows it waits for the
        focus to move.
        """
        active = self.screen.active_bindings.get(event.key)
        if active is None or active.node is not self or not active.enabled:
            return  # not this box's: it bubbles up to the screen's and the app's bindings
        event.prevent_default()
        event.stop()
        if event.key in self.LEAVING_KEYS:
            self._held = []
            self._hand_over_timer = self.set_timer(HAND_OVER_SECONDS, self._focus_stayed)
        await self.run_action(active.binding.action)

    @staticmethod
    def _hold(event: events.Key, into: list[events.Key]) -> None:
        """Keep a key from the box (and from the bindings) for now."""
        event.prevent_default()
        event.stop()
        into.append(event)

    @staticmethod
    def _give(target: Widget, keys: list[events.Key]) -> None:
        """Post held keys (once their handling here is over) to a widget, in order.

        They stay marked as forwarded by the app, so when they bubble up to it unhandled the
        app runs their bindings instead of forwarding them again.
        """
        for key in keys:
            key.prevent_default(False)
            key.stop(False)
            target.post_message(key)

    def _focus_moved(self, focused: Widget | None) -> None:
        if focused is self or (self._held is None and not self._replaying):
            return
        held = (self._held or []) + self._deferred
        self._stop_holding()
        self._replaying.clear()
        self._deferred = []
        self._handed_over = True
        self._give(focused or self.screen, held)

    def hold_keys(self) -> None:
        """Hold the keys that reach the box until `release_keys` (for a box on a screen that
        is still gathering the keys typed before it was ready)."""
        if self._held is None:
            self._held = []

    def release_keys(self, first: Sequence[events.Key] = ()) -> None:
        """Type into the box ``first``, then the keys it held, then any that arrive meanwhile.

        Args:
            first: Keys typed before the held ones that reached another widget (the screen)
                and were held there.
        """
        held = [*first, *(self._held or [])]
        self._stop_holding()
        if held:
            self._replaying |= {id(key) for key in held}
            self._give(self, held)

    def _focus_stayed(self) -> None:
        """The focus did not move after a leaving key: type the held keys into the box."""
        self.release_keys()

    def _after_replay(self) -> None:
        # The deferred keys go back after the last replayed one, and wait like it did.
        if not self._replaying and self._deferred:
            deferred, self._deferred = self._deferred, []
            self._replaying = {id(key) for key in deferred}
            self._give(self, deferred)

    def _stop_holding(self) -> None:
        self._held = None
        if self._hand_over_timer is not None:  # the focus moved, or the keys went back: no net
            self._hand_over_timer.stop()
            self._hand_over_timer = None
        if self._hand_over_timer is not None:
            self._hand_over_timer.stop()
            self._hand_over_timer = None
