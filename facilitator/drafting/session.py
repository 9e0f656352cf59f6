"""The LLM draft as a use case of the service: sources, cases, raw text, fallback.

``Service.draft(mode="llm")``, ``Service.draft_stream`` and the doctor's endpoint
check are thin wrappers over this module, which keeps service.py small. Nothing
here runs unless an endpoint is configured: with none, the service refuses
``--llm`` before any of this is imported, and no network call is ever made.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator import locations
from facilitator.drafting.llm import DraftFailure, Outcome, Progress, Restart, prepare, run, scrub
from facilitator.drafting.prompting import CaseText
from facilitator.model import Draft, DraftRecord, Hit, Meeting, UserError

if TYPE_CHECKING:
    from facilitator.config import Settings
    from facilitator.service import Service

__all__ = ["NO_ENDPOINT", "check_endpoint", "draft_sync", "stream_draft"]

NO_ENDPOINT = "no LLM endpoint configured: set OPENAI_BASE_URL or OPENAI_API_KEY, or use --offline"
CASES_K = 3
"""Similar cases put in the prompt (fewer if the context is small: the budget trims)."""
Info = Callable[[str], None]


def load_source(service: Service, meeting_id: int | None, from_file: Path | None,
                on: Any) -> tuple[Meeting, list[str]]:
    """The meeting and any transcript lines: a stored meeting, a notes file, or a
    transcript file whose cues go to the model as the transcript."""
    if from_file is None:
        if meeting_id is None:
            raise UserError("draft needs a MEETING_ID or --from FILE")
        return service.store.get_meeting(meeting_id), []
    from facilitator.capture import parse_line

    transcript, _ = service.read_transcript(from_file)
    meeting = service.notes_meeting(from_file, on)
    if transcript.format in ("txt", "md"):
        return meeting, []
    meeting.notes = []  # the cues, kept below with their times and speakers
    meeting.title = from_file.stem  # a transcript has no header: its first cue is no title
    if not meeting.participants:
        from facilitator.model import Participant

        speakers = dict.fromkeys(c.speaker.strip() for c in transcript.cues if c.speaker and c.speaker.strip())
        meeting.participants = [Participant(name) for name in speakers]
    lines = []
    for cue in transcript.cues:
        if parse_line(cue.text, meeting.date).kind != "note":
            continue  # spoken quick-capture lines are already in the record
        stamp = f"[{int(cue.start // 60):02d}:{int(cue.start % 60):02d}] " if cue.start is not None else ""
        lines.append(f"{stamp}{cue.speaker + ': ' if cue.speaker else ''}{cue.text}")
    return meeting, lines


def _case_text(hit: Any, cards: dict[str, Any]) -> CaseText:
    card = cards.get(hit.case_id)
    if card is not None and card.sections:
        from facilitator.library.cards import section_title

        body = "\n".join(f"## {section_title(k, card.lang)}\n{v.strip()}" for k, v in card.sections.items())
    else:
        body = f"{hit.section}: {hit.snippet}"
    return CaseText(case_id=hit.case_id, title=hit.title, text=body)


def retrieve_cases(service: Service, meeting: Meeting, base: Draft,
                   given: list[Hit] | None) -> tuple[list[CaseText], list[str]]:
    """The top similar cases, as full card texts where the cards can be read.

    Without an index (``facilitator index`` never ran) no search is made: building
    one takes minutes. A failing search means drafting without cases, never failing.
    """
    hits: list[Any] = list(given or [])
    info: list[str] = []
    if given is None:
        if getattr(service, "_searcher", None) is None and not locations.index_dir(service.home).exists():
            return [], ["no case index yet (run `facilitator index`); drafting without similar cases"]
        query = " ".join([meeting.title, *base.obstacles,
                          *(r.item for r in base.responsibilities if r.status == "disputed")])[:400]
        try:
            hits = service.search(query, k=CASES_K) if query.strip() else []
        except Exception as exc:  # noqa: BLE001 - the library may be unavailable; draft without it
            return [], [f"case search failed ({type(exc).__name__}: {exc}); drafting without similar cases"]
    cards: dict[str, Any] = {}
    try:
        from facilitator.library.cards import load_cards

        dirs = [d for d in [locations.corpus_dir(), *service.library_dirs()] if d.is_dir()]
        cards = {c.id: c for c in load_cards(dirs)[0]}
    except Exception:  # noqa: BLE001 - snippets still serve
        pass
    texts = [_case_text(h, cards) for h in hits]
    info.append(f"similar cases: {', '.join(t.case_id for t in texts) or 'none'}")
    return texts, info


def _save_raw(service: Service, meeting: Meeting, raw: str, from_file: Path | None) -> str:
    """Keep the raw model text for a notes file in the home's drafts/ folder."""
    folder = locations.drafts_dir(service.home)
    folder.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "_", from_file.stem if from_file else meeting.title or "draft")[:60]
    path = folder / f"{datetime.now():%Y%m%d-%H%M%S-%f}-{stem}.llm.txt"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(raw, encoding="utf-8")
    tmp.replace(path)
    return str(path)


def finish(service: Service, meeting: Meeting, outcome: Outcome, from_file: Path | None) -> Draft:
    """Store the draft and raw text; on failure, the offline draft with a warning."""
    from facilitator.drafting.llm import scrub_draft
    from facilitator.drafting.render import render_markdown

    secret = service.settings.llm_api_key
    draft = scrub_draft(outcome.draft, secret)
    outcome.raw = scrub(outcome.raw, secret)
    where = ""
    if outcome.raw and meeting.id is None:
        try:
            where = _save_raw(service, meeting, outcome.raw, from_file)
        except OSError as exc:
            where = f"nowhere: cannot write {locations.drafts_dir(service.home)} ({exc.strerror})"
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
        service.store.add_draft(meeting.id, DraftRecord(mode=draft.mode, markdown=draft.markdown,
                                                        raw=outcome.raw or None))
    return draft


async def stream_draft(service: Service, meeting_id: int | None = None, from_file: Path | None = None,
                       on: Any = None, cases: list[Hit] | None = None,
                       on_info: Info | None = None) -> AsyncIterator[str | Restart | Progress | Draft]:
    """The LLM draft as a stream: text chunks (a one-window draft), :class:`Restart`,
    one :class:`Progress` per window of a long meeting, and last the final Draft."""
    settings = service.settings
    if not settings.llm_configured:
        raise UserError(NO_ENDPOINT)
    meeting, transcript = load_source(service, meeting_id, from_file, on)
    base = service.draft_offline(meeting, on)

    def _prepare() -> Any:
        texts, info = retrieve_cases(service, meeting, base, cases)
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
    yield finish(service, meeting, outcome, from_file)


def draft_sync(service: Service, meeting_id: int | None, from_file: Path | None, on: Any,
               on_text: Callable[[str], None] | None = None, on_info: Info | None = None,
               cases: list[Hit] | None = None, on_progress: Info | None = None) -> Draft:
    """Run :func:`stream_draft` to the end (not from inside a running event loop)."""

    async def main() -> Draft:
        final: Draft | None = None
        async for item in stream_draft(service, meeting_id, from_file, on, cases, on_info):
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


# --------------------------------------------------------------------------- doctor


async def _probe(settings: Settings) -> list[tuple[str, bool, bool, str]]:
    import openai

    from facilitator.drafting.llm import _api_failure
    from facilitator.drafting.providers import make_client, resolve_endpoint

    endpoint = resolve_endpoint(settings)
    checks: list[tuple[str, bool, bool, str]] = []
    if not endpoint.usable:
        return [("llm-endpoint", True, True, f"no API key for {endpoint.base_url}: set OPENAI_API_KEY")]
    client = make_client(endpoint, min(settings.llm_timeout, 15.0), 0)
    try:
        try:
            ids = sorted(m.id for m in (await client.models.list()).data)
            listed = "listed" if endpoint.model in ids else "NOT listed"
            shown = ", ".join(ids[:8]) + (f" (+{len(ids) - 8})" if len(ids) > 8 else "")
            checks.append(("llm-endpoint", True, endpoint.model not in ids,
                           f"reachable; {len(ids)} models: {shown}; model {endpoint.model} {listed}"))
        except openai.NotFoundError:
            checks.append(("llm-endpoint", True, False, "reachable (no /models list)"))
        except openai.OpenAIError as exc:
            checks.append(("llm-endpoint", True, True, _api_failure(exc, endpoint, settings, False)))
            return checks
        schema = {"type": "object", "properties": {"ok": {"type": "boolean"}},
                  "required": ["ok"], "additionalProperties": False}
        formats = {"json_schema": {"type": "json_schema", "json_schema": {"name": "probe", "strict": True,
                                                                         "schema": schema}},
                   "json_object": {"type": "json_object"}}
        found = []
        for mode, fmt in formats.items():
            try:
                await client.chat.completions.create(
                    model=endpoint.model, response_format=fmt,  # type: ignore[arg-type]
                    messages=[{"role": "user", "content": 'Answer with the JSON {"ok": true}.'}],
                    **{endpoint.provider.max_tokens_param: 16})
                found.append(f"{mode} supported")
                break
            except (openai.BadRequestError, openai.UnprocessableEntityError) as exc:
                found.append(f"{mode} refused ({exc.status_code})")
            except openai.OpenAIError as exc:
                found.append(f"{mode}: {_api_failure(exc, endpoint, settings, False)}")
                break
        ok = any(f.endswith("supported") for f in found)
        checks.append(("llm-output", True, not ok, "structured output: " + "; ".join(found)
                       + ("" if ok else "; drafts fall back to plain text with tolerant JSON extraction")))
    finally:
        await client.close()
    return checks


def check_endpoint(settings: Settings) -> list[tuple[str, bool, bool, str]]:
    """(name, ok, warning, detail) lines for ``doctor``: one model list and one tiny chat
    call (two if json_schema is refused), no retries, a short timeout, the key scrubbed."""
    results = asyncio.run(_probe(settings))
    return [(n, ok, warn, scrub(d, settings.llm_api_key)) for n, ok, warn, d in results]
