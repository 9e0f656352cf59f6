"""Part of the ``record`` use case: its decisions about what a captured line does to the
ledgers, in one place.

The store writes what it is told; these rules say what. The composition root hands
``RULES`` to the store, which asks it inside the write's own transaction, so a decision
is taken on exactly what that transaction sees (a lever typed right after its obstacle in
one paste finds it). The rules are pure functions of their arguments: no store, no file,
no clock; :func:`bring_up_to_date` applies them once to rows written before they were.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from facilitator import obstacles
from facilitator.model import Responsibility, Settlement

if TYPE_CHECKING:
    from facilitator.store import Store


class LedgerRules:
    """Implements ``store.base.LedgerRules``."""

    def obstacle_kind(self, text: str, named: str | None) -> str:
        """A new obstacle keeps the kind its line named (``障碍[预算]：…``), else the kind its
        words suggest (``unknown`` when they suggest none); stored with the row, so reading
        the ledger never guesses again."""
        return named or obstacles.classify(text)

    def lever_target(self, text: str, named: str | None,
                     found: list[tuple[int, str, str | None]]) -> tuple[int | None, str]:
        """Which obstacle a lever line removes (design.md section 6; see ``obstacles``)."""
        return obstacles.lever_target(text, named, found)

    def settle(self, held: Responsibility, said: Responsibility) -> Settlement:
        """``ITEM => OWNER`` for an item the meeting already holds (``held``).

        A disputed line (``=> ?``) never undoes an owner and does not repeat a dispute; the
        same owner and status (and no new basis) change nothing. Otherwise the row takes the
        new owner, status and basis (the old basis stays when none is given, a quote that
        settled it is kept): ``settled`` when it was disputed, ``reassigned`` when the owner
        or status changed, else ``updated`` (a new basis)."""
        if said.status == "disputed" and (held.status == "disputed" or held.owner):
            return Settlement("unchanged")
        same = (held.owner or None) == (said.owner or None) and held.status == said.status
        if same and (said.basis is None or said.basis == held.basis):
            return Settlement("unchanged")
        basis = said.basis if said.basis is not None else held.basis
        outcome = "settled" if held.status == "disputed" else ("reassigned" if not same else "updated")
        return Settlement(outcome, Responsibility(item=held.item, owner=said.owner, basis=basis,
                                                  status=said.status, id=held.id, quote=said.quote))


RULES = LedgerRules()


def kinds_for(unclassified: list[tuple[int, str]]) -> dict[int, str]:
    """The kinds to give obstacles recorded before kinds were stored (migration 7 left them
    NULL): the kind their words suggest, written once (``Store.set_obstacle_kinds``)."""
    return {item_id: RULES.obstacle_kind(text, None) for item_id, text in unclassified}


def bring_up_to_date(store: Store) -> None:
    """Obstacles recorded before kinds were stored get theirs, once, when the store opens
    (a read-only store is left as it is: reads show them as unknown)."""
    if store.read_only is None and (unclassified := store.obstacles_without_kind()):
        store.set_obstacle_kinds(kinds_for(unclassified))
