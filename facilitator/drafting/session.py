"""The LLM draft as a use case: sources, cases, raw text, fallback.

It takes what it needs as a :class:`DraftNeeds` (the store, the settings, where raw
text goes, where cards are, a search callable), which ``service.py`` composes; it
never reaches back into the facade. Nothing here runs unless an endpoint is
configured: with none, ``--llm`` is refused before any of this is imported, and no
network call is ever made.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.config import NO_ENDPOINT
from facilitator.drafting.llm import (
    DraftFailure,
    Outcome,
    Prepared,
    Progress,
    Restart,
    prepare,
    run,
)
from facilitator.drafting.prompting import CaseText
from facilitator.model import Case, Draft, DraftRecord, Hit, Meeting, UserError
from facilitator.redact import scrub

if TYPE_CHECKING:
    from facilitator.config import Settings
    from facilitator.store import Store

__all__ = ["NO_ENDPOINT", "DraftNeeds", "draft_sync", "stream_draft"]

CASES_K = 3
"""Similar cases put in the prompt (fewer if the context is small: the budget trims)."""
Info = Callable[[str], None]
Search = Callable[[str, int], list[Hit]]


@dataclass
class DraftNeeds:
    """What an LLM draft takes from the rest of the app."""

    store: Callable[[], Store]
    """Opens the meeting store (a ``--from`` draft never opens it)."""
    settings: Settings
    drafts_dir: Path
    """Where the raw model text of a file's draft is kept."""
    card_dirs: list[Path]
    """Folders of case cards, read for the full text of the cases found."""
    search: Search | None
    """``search(query, k)``; None when there is no case index yet (building one takes minutes)."""
    case_titles: Callable[[list[str]], dict[str, str]]
    """Card titles for these case ids (those the library has), to name cited cases in the summary."""


def load_source(needs: DraftNeeds, meeting_id: int | None, from_file: Path | None,
                on: date | None) -> tuple[Meeting, list[str]]:
    """The meeting and any transcript lines: a stored meeting, a notes file, or a
    transcript file whose cues go to the model as the transcript (the file read once)."""
    if from_file is None:
        if meeting_id is None:
            raise UserError("draft needs a MEETING_ID or --from FILE")
        return needs.store().get_meeting(meeting_id), []
    from facilitator.sources import read_source

    source = read_source(from_file, on)
    return source.meeting, source.spoken


def _case_text(hit: Hit, cards: dict[str, Case]) -> CaseText:
    card = cards.get(hit.case_id)
    if card is not None and card.sections:
        from facilitator.library.cards import section_title

        body = "\n".join(f"## {section_title(k, card.lang)}\n{v.strip()}" for k, v in card.sections.items())
    else:
        body = f"{hit.section}: {hit.snippet}"
    return CaseText(case_id=hit.case_id, title=hit.title, text=body)


def retrieve_cases(needs: DraftNeeds, meeting: Meeting, base: Draft,
                   given: list[Hit] | None) -> tuple[list[CaseText], list[str]]:
    """The top similar cases, as full card texts where the cards can be read.

    Without an index (``facilitator index`` never ran) no search is made: building
    one takes minutes. A failing search means drafting without cases, never failing.
    """
    hits: list[Hit] = list(given or [])
    info: list[str] = []
    if given is None:
        if needs.search is None:
            return [], ["no case index yet (run `facilitator index`); drafting without similar cases"]
        query = " ".join([meeting.title, *base.obstacles,
                          *(r.item for r in base.responsibilities if r.status == "disputed")])[:400]
        try:
            hits = needs.search(query, CASES_K) if query.strip() else []
        except Exception as exc:  # noqa: BLE001 - the library may be unavailable; draft without it
            return [], [f"case search failed ({type(exc).__name__}: {exc}); drafting without similar cases"]
    cards: dict[str, Case] = {}
    try:
        from facilitator.library.cards import load_cards

        cards = {c.id: c for c in load_cards([d for d in needs.card_dirs if d.is_dir()])[0]}
    except Exception:  # noqa: BLE001 - snippets still serve
        pass
    texts = [_case_text(h, cards) for h in hits]
    info.append(f"similar cases: {', '.join(t.case_id for t in texts) or 'none'}")
    return texts, info


def _save_raw(needs: DraftNeeds, meeting: Meeting, raw: str, from_file: Path | None) -> str:
    """Keep the raw model text for a notes file in the home's drafts/ folder."""
    from facilitator.files import safe_name, write_atomic

    needs.drafts_dir.mkdir(parents=True, exist_ok=True)
    stem = safe_name(from_file.stem if from_file else meeting.title or "draft")[:60] or "draft"
    path = needs.drafts_dir / f"{datetime.now():%Y%m%d-%H%M%S-%f}-{stem}.llm.txt"
    return str(write_atomic(path, raw))


def finish(needs: DraftNeeds, meeting: Meeting, outcome: Outcome, from_file: Path | None) -> Draft:
    """Store the draft and raw text; on failure, the offline draft with a warning."""
    from facilitator.drafting.llm import scrub_draft
    from facilitator.drafting.render import render_markdown

    secret = needs.settings.llm_api_key.get_secret_value()
    draft = scrub_draft(outcome.draft, secret)
    outcome.raw = scrub(outcome.raw, secret)
    where = ""
    if outcome.raw and meeting.id is None:
        try:
            where = _save_raw(needs, meeting, outcome.raw, from_file)
        except OSError as exc:
            where = f"nowhere: cannot write {needs.drafts_dir} ({exc.strerror})"
    elif outcome.raw:
        where = f"the draft record of meeting {meeting.id}"
    if outcome.failure:
        line = f"LLM draft failed: {outcome.failure}; showing the offline draft instead"
        if where:
            line += f" (raw model text kept in {where})"
        draft.warnings.append(scrub(line, secret))
        draft.markdown = render_markdown(draft, meeting)
    elif outcome.notice:
        draft.warnings.append(scrub(outcome.notice, secret))
        draft.markdown = render_markdown(draft, meeting)
    if meeting.id is not None:
        needs.store().add_draft(meeting.id, DraftRecord(mode=draft.mode, markdown=draft.markdown,
                                                        raw=outcome.raw or None))
    return draft


async def stream_draft(needs: DraftNeeds, meeting_id: int | None = None, from_file: Path | None = None,
                       on: date | None = None, cases: list[Hit] | None = None,
                       on_info: Info | None = None) -> AsyncIterator[str | Restart | Progress | Draft]:
    """The LLM draft as a stream: text chunks (a one-window draft), :class:`Restart`,
    one :class:`Progress` per window of a long meeting, and last the final Draft."""
    from facilitator.drafting.offline import draft_offline

    settings = needs.settings
    if not settings.llm_configured:
        raise UserError(NO_ENDPOINT)
    meeting, transcript = load_source(needs, meeting_id, from_file, on)
    titles = await asyncio.to_thread(needs.case_titles, list(meeting.cited_cases)) if meeting.cited_cases else {}
    # the model reads the material itself: the offline extractor's suggestions are not put
    # before it as record (they are in the offline draft shown if the model fails)
    base = draft_offline(replace(meeting, suggestions=[]), ref_date=on or meeting.date,
                         cited_cases=list(meeting.cited_cases), case_titles=titles,
                         known_owners=settings.known_owners())

    def _prepare() -> Prepared:
        texts, info = retrieve_cases(needs, meeting, base, cases)
        # the model may cite any case it was shown: the summary names it by the title it read
        base.case_titles.update({t.case_id: t.title for t in texts if t.title and t.case_id not in base.case_titles})
        prepared = prepare(settings, meeting, base, transcript, texts)
        prepared.info = info + prepared.info
        return prepared

    outcome: Outcome | None = None
    try:
        prepared = await asyncio.to_thread(_prepare)
    except DraftFailure as exc:
        outcome = Outcome(draft=base, failure=str(exc))
    else:
        for line in prepared.info:
            if on_info:
                on_info(line)
        async for item in run(settings, prepared):
            if isinstance(item, Outcome):
                outcome = item
            else:
                yield item
        if on_info and outcome is not None:
            for line in outcome.info[len(prepared.info):]:
                on_info(line)
    assert outcome is not None
    if outcome.failure and outcome.draft is base and meeting.suggestions:
        outcome.draft = draft_offline(meeting, ref_date=on or meeting.date, cited_cases=list(meeting.cited_cases),
                                      case_titles=titles)
    yield finish(needs, meeting, outcome, from_file)


def draft_sync(needs: DraftNeeds, meeting_id: int | None, from_file: Path | None, on: date | None,
               on_text: Callable[[str], None] | None = None, on_info: Info | None = None,
               cases: list[Hit] | None = None, on_progress: Info | None = None) -> Draft:
    """Run :func:`stream_draft` to the end (not from inside a running event loop)."""

    async def main() -> Draft:
        final: Draft | None = None
        async for item in stream_draft(needs, meeting_id, from_file, on, cases, on_info):
            if isinstance(item, Draft):
                final = item
            elif isinstance(item, Progress):
                if on_progress is not None:
                    on_progress(item.line())
            elif on_text is not None:
                on_text(item if isinstance(item, str) else f"\n--- {item.reason}; asking again ---\n")
        assert final is not None
        return final

    return asyncio.run(main())
