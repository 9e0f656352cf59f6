"""LLM drafting over any OpenAI-compatible endpoint: map over windows, reduce in code.

Two steps, so that a UI can keep its event loop free:

1. :func:`prepare` (blocking, run it in a thread): the prompt for the material, fitted
   to the context with tiktoken. When the notes and transcript do not fit whole, they
   are split into overlapping windows (``windows.py``) and each window gets its own
   prompt; nothing is trimmed away.
2. :func:`run` (an async generator): asks the model, window by window, only for what
   that part of the meeting holds and the record lacks, each item with its quote. It
   yields text chunks (``str``, only when the material is one window), :class:`Restart`
   when a new attempt begins (the text so far is void), a :class:`Progress` per window,
   and finally one :class:`Outcome`. The answers are merged and checked in code
   (``grounding.py``) and the offline renderer writes the summary: no second model
   call rewrites what was found.

Structured output is asked for with ``json_schema``; a server that refuses it (400)
is asked again with ``json_object``, then with no ``response_format`` at all, and what
a server refused is remembered for the process. The answer is read tolerantly and
validated with pydantic; a bad one gets one repair request; one cut at the output
limit keeps its complete items and the model is asked once for the rest. A window
whose stream broke or came back empty is asked once more; one that still fails is
reported by name, never dropped in silence. A failure that no other window can escape
(no key, refused connection, wrong key, the time limit) ends the run. With no window
read, the offline draft stands in and ``Outcome.failure`` is one line naming the cause.
The whole run is bounded by one deadline, ``FACILITATOR_LLM_TIMEOUT`` per window,
client retries included. The API key is scrubbed from all the model returns before
it is parsed, shown or kept.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from facilitator.config import Settings
from facilitator.drafting.providers import MODES, Endpoint, make_client, resolve_endpoint
from facilitator.model import Draft, Meeting, Progress, Restart
from facilitator.redact import StreamMasker
from facilitator.redact import scrub as _scrub

if TYPE_CHECKING:
    from openai import AsyncOpenAI
    from openai.types import CompletionUsage

    from facilitator.drafting.grounding import Material
    from facilitator.drafting.prompting import CaseText
    from facilitator.drafting.schema import LlmAnswer

__all__ = ["DraftFailure", "Outcome", "Prepared", "Progress", "Restart", "WindowPrompt", "prepare", "run",
           "scrub", "scrub_draft"]

_UNSUPPORTED: dict[tuple[str, str], set[str]] = {}
"""(base URL, model) -> structured-output modes that endpoint refused in this process."""
_FORMAT_WORDS = re.compile(r"response_format|json_schema|json_object|schema|structured|format", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
WINDOW_OUTPUT = 1024
"""Output tokens asked for per window of a long meeting: its answer is a few items."""


def scrub(text: str, secret: str) -> str:
    return _scrub(text, secret)


@dataclass
class WindowPrompt:
    index: int
    total: int
    span: str
    system: str
    user: str
    output_tokens: int


@dataclass
class Prepared:
    meeting: Meeting
    base: Draft
    """The offline draft: the record plus quick-capture lines, and the fallback."""
    system: str
    user: str
    material: Material
    allowed_cases: set[str]
    info: list[str] = field(default_factory=list)
    windows: list[WindowPrompt] = field(default_factory=list)
    """One per part of the material; a single one when everything fits."""


@dataclass
class Outcome:
    draft: Draft
    raw: str = ""
    failure: str | None = None
    """One line naming the cause when the offline draft stands in, else None."""
    info: list[str] = field(default_factory=list)
    mode: str | None = None
    notice: str | None = None
    """Not a failure, but the offline draft stands in: the model found nothing to add."""


class DraftFailure(Exception):
    """Drafting with the model failed; the message is the one line the user sees."""

    def __init__(self, message: str, retry: bool = False, fatal: bool = False) -> None:
        super().__init__(message)
        self.retry = retry
        """Asking the same window once more may well succeed (a cut stream, a blank answer)."""
        self.fatal = fatal
        """No other window can succeed either (no key, refused connection, time limit)."""


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def prepare(settings: Settings, meeting: Meeting, base: Draft, transcript: list[str] | None = None,
            cases: list[CaseText] | None = None, allowed_cases: set[str] | None = None) -> Prepared:
    """Build and fit the prompts (blocking: tiktoken, templates). Raises DraftFailure."""
    import secrets

    from facilitator.drafting.budget import (
        Budget,
        BudgetError,
        TokenizerError,
        fit_prompt,
        messages_tokens,
    )
    from facilitator.drafting.grounding import build_material
    from facilitator.drafting.prompting import build_sections, part_label, split_notes
    from facilitator.drafting.windows import split_windows

    transcript = list(transcript or [])
    notes, stamped = split_notes(meeting)
    material = build_material(meeting, base, [*notes, *stamped, *transcript])
    allowed = set(allowed_cases or ()) | {c.case_id for c in cases or []} | set(base.cited_cases)
    nonce = secrets.token_hex(4)
    try:
        sections = build_sections(meeting, base, transcript, cases, nonce)
        whole = fit_prompt(sections, Budget(settings.llm_context, settings.llm_output_tokens))
        if not {"notes", "transcript"} & set(whole.trimmed):
            one = WindowPrompt(1, 1, "", whole.system, whole.user, settings.llm_output_tokens)
            return Prepared(meeting, base, whole.system, whole.user, material, allowed, [whole.summary()], [one])
        output = min(settings.llm_output_tokens, max(WINDOW_OUTPUT, settings.llm_context // 4))
        budget = Budget(settings.llm_context, output)
        fixed = messages_tokens(sections.system, sections.render("", "", ""))
        room = budget.prompt - fixed - 60  # the part label and block tags
        cases_tokens = whole.original.get("cases", 0)
        room -= min(cases_tokens, room // 5)
        if room < 200:
            raise BudgetError(
                f"the meeting record and instructions leave {max(room, 0)} tokens of the {budget.prompt} "
                f"the context allows (context {settings.llm_context}) for the transcript; raise "
                "FACILITATOR_LLM_CONTEXT if the model allows it, or use --offline")
        windows = split_windows(notes, [*stamped, *transcript], room, min(200, room // 8))
        prompts = []
        for w in windows:
            part = part_label(sections.lang, w.index, w.total, w.span)
            fitted = fit_prompt(build_sections(meeting, base, w.transcript, cases, nonce, notes=w.notes,
                                               part=part), budget)
            prompts.append(WindowPrompt(w.index, w.total, w.span, fitted.system, fitted.user, output))
    except (BudgetError, TokenizerError) as exc:
        raise DraftFailure(str(exc)) from None
    info = [f"{whole.summary()}; read in {len(prompts)} overlapping windows of up to {room} tokens "
            f"(answers of up to {output} tokens)"]
    return Prepared(meeting, base, prompts[0].system, prompts[0].user, material, allowed, info, prompts)


@dataclass
class _End:
    text: str
    finish: str | None
    refusal: str
    usage: CompletionUsage | None = None


class _Scrubbed:
    """Streams text with the key masked in every encoding, even split across chunks
    (``redact.StreamMasker``), and control characters taken out of what is shown."""

    def __init__(self, secret: str) -> None:
        self.masker = StreamMasker(secret)

    def feed(self, chunk: str, final: bool = False) -> str:
        out = self.masker.feed(chunk) + (self.masker.finish() if final else "")
        return _CONTROL.sub("", out)


async def _attempt(client: AsyncOpenAI, endpoint: Endpoint, settings: Settings, messages: list[dict[str, str]],
                   mode: str, output_tokens: int) -> AsyncIterator[str | _End]:
    from facilitator.drafting.schema import response_format

    kwargs: dict[str, Any] = {
        "model": endpoint.model, "messages": messages, "temperature": settings.llm_temperature,
        "stream": True, endpoint.provider.max_tokens_param: output_tokens,
    }
    fmt = response_format(mode)
    if fmt is not None:
        kwargs["response_format"] = fmt
    if endpoint.provider.stream_usage:
        kwargs["stream_options"] = {"include_usage": True}
    stream = await client.chat.completions.create(**kwargs)
    parts: list[str] = []
    refusal: list[str] = []
    finish: str | None = None
    usage = None
    async for chunk in stream:
        if getattr(chunk, "usage", None):
            usage = chunk.usage
        for choice in chunk.choices or []:
            delta = choice.delta
            if delta is not None and delta.content:
                parts.append(delta.content)
                yield delta.content
            if delta is not None and getattr(delta, "refusal", None):
                refusal.append(delta.refusal)
            if choice.finish_reason:
                finish = choice.finish_reason
    yield _End("".join(parts), finish, "".join(refusal), usage)


def _api_failure(exc: Exception, endpoint: Endpoint, settings: Settings, streamed: bool) -> str:
    """One line for an exception from the client."""
    import openai

    where = endpoint.base_url
    detail = _one_line(re.sub(r"^Error code: \d+ - ", "", getattr(exc, "message", "") or str(exc)), 160)
    if isinstance(exc, openai.APITimeoutError):
        return f"no answer from {where} within {settings.llm_timeout:g} s (timeout)"
    if isinstance(exc, openai.APIConnectionError):
        if streamed:
            return f"the connection to {where} dropped in the middle of the answer (stream cut)"
        return f"cannot connect to {where} (connection refused or unreachable)"
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return (f"{where} refused the API key ({exc.status_code}): check OPENAI_API_KEY"
                f"{' (' + detail + ')' if detail else ''}")
    if isinstance(exc, openai.RateLimitError):
        return f"{where} kept answering 429 (rate limited) after {settings.llm_retries} retries: {detail}"
    if isinstance(exc, openai.NotFoundError):
        return f"{where} does not know the model {endpoint.model!r} or the path (404): {detail}"
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500:
            return (f"{where} failed with a server error ({exc.status_code}) after "
                    f"{settings.llm_retries} retries: {detail}")
        return f"{where} rejected the request ({exc.status_code}): {detail}"
    if isinstance(exc, openai.APIError):
        return f"{where} reported an error in the middle of the answer: {detail}"
    return f"the LLM client failed: {type(exc).__name__}: {detail}"


def _as_failure(exc: Exception, endpoint: Endpoint, settings: Settings, streamed: bool) -> DraftFailure:
    """The client's exception as a DraftFailure that says whether to retry or stop."""
    import openai

    line = scrub(_api_failure(exc, endpoint, settings, streamed), settings.llm_api_key.get_secret_value())
    if isinstance(exc, openai.APITimeoutError):
        return DraftFailure(line, fatal=True)
    if isinstance(exc, openai.APIConnectionError):
        return DraftFailure(line, retry=streamed, fatal=not streamed)
    if isinstance(exc, openai.APIStatusError):
        return DraftFailure(line, fatal=True)  # the client already retried 429 and 5xx
    return DraftFailure(line, retry=isinstance(exc, openai.APIError))


def _unsupported_mode(exc: Exception) -> bool:
    import openai

    if not isinstance(exc, openai.BadRequestError | openai.UnprocessableEntityError):
        return False
    return bool(_FORMAT_WORDS.search(f"{getattr(exc, 'message', '')} {getattr(exc, 'body', '')}"))


def _joined(raws: list[tuple[str, str]], secret: str) -> str:
    raws = [(label, text) for label, text in raws if text]
    if len(raws) == 1:
        return scrub(raws[0][1], secret)
    return "\n".join(f"----- attempt {n}: {label} -----\n{scrub(text, secret)}"
                     for n, (label, text) in enumerate(raws, 1))


async def run(settings: Settings, prepared: Prepared) -> AsyncIterator[str | Restart | Progress | Outcome]:
    """Read every window, merge and check the answers; the last item is an :class:`Outcome`."""
    from facilitator.drafting.schema import LlmAnswer

    endpoint = resolve_endpoint(settings)
    windows = prepared.windows or [WindowPrompt(1, 1, "", prepared.system, prepared.user,
                                                settings.llm_output_tokens)]
    reading = _Reading(settings, endpoint, list(prepared.info), single=len(windows) == 1,
                       combined=LlmAnswer())
    if not endpoint.usable:
        reading.fatal = (f"no API key for {endpoint.base_url}: set OPENAI_API_KEY "
                         "(or OPENAI_BASE_URL for a local server)")
    loop = asyncio.get_running_loop()
    client = make_client(endpoint, settings.llm_timeout, settings.llm_retries) if reading.fatal is None else None
    deadline = loop.time() + settings.llm_timeout * len(windows)  # from here: importing openai is not the endpoint's time
    try:
        for w in windows:
            async for item in reading.window(client, w, deadline):
                yield item
    finally:
        if client is not None:
            await client.close()
    yield reading.outcome(prepared, len(windows))


@dataclass
class _Read:
    """What reading one window came to: its answer, or the failure that stopped it."""

    answer: LlmAnswer | None = None
    failure: DraftFailure | None = None


@dataclass
class _Reading:
    """The state of one run over all the windows: what was read, what failed, what was said."""

    settings: Settings
    endpoint: Endpoint
    info: list[str]
    single: bool
    """One window: its text and restarts are shown as they come, no progress per window."""
    combined: LlmAnswer
    """The answers of the windows read so far, merged."""
    raws: list[tuple[str, str]] = field(default_factory=list)
    modes: set[str] = field(default_factory=set)
    failures: list[Progress] = field(default_factory=list)
    read: int = 0
    fatal: str | None = None
    """Set once a failure no other window can escape has happened; the rest are not asked."""

    async def window(self, client: AsyncOpenAI | None, w: WindowPrompt,
                     deadline: float) -> AsyncIterator[str | Restart | Progress]:
        """Ask for one window (twice when the failure may pass) and count what came back."""
        started = time.monotonic()
        if self.fatal is not None or client is None:
            if (progress := self._failed(w, 0.0, self.fatal or "")) is not None:
                yield progress
            return
        result = _Read()
        async for item in self._attempts(client, w, deadline, result):
            yield item
        seconds = time.monotonic() - started
        if result.failure is not None:
            if result.failure.fatal:
                self.fatal = str(result.failure)
            if (progress := self._failed(w, seconds, str(result.failure))) is not None:
                yield progress
            return
        assert result.answer is not None
        self.read += 1
        self.combined.extend(result.answer)
        if not self.single:
            yield Progress(w.index, w.total, w.span, seconds, items=result.answer.count())

    def _failed(self, w: WindowPrompt, seconds: float, failure: str) -> Progress | None:
        """Note a window that was not read; the progress to show, when windows are shown."""
        self.failures.append(Progress(w.index, w.total, w.span, seconds, failure=failure))
        return None if self.single else self.failures[-1]

    async def _attempts(self, client: AsyncOpenAI, w: WindowPrompt, deadline: float,
                        result: _Read) -> AsyncIterator[str | Restart]:
        """The window's conversation, once more when it broke in a way that may pass."""
        loop = asyncio.get_running_loop()
        for attempt in (1, 2):
            result.failure = None
            try:
                async with asyncio.timeout_at(deadline):
                    talk = _Conversation(client, self.endpoint, self.settings, w, self.raws, self.info, self.modes)
                    async for item in talk.converse():
                        if isinstance(item, str | Restart):
                            if self.single:
                                yield item
                        else:
                            result.answer = item
            except TimeoutError:
                result.failure = DraftFailure(
                    f"no complete answer from {self.endpoint.base_url} within {self.settings.llm_timeout:g} s "
                    f"per window, retries included (timeout)", fatal=True)
            except DraftFailure as exc:
                result.failure = exc
            if result.failure is None or not result.failure.retry or attempt == 2 or loop.time() >= deadline:
                return
            self.info.append(f"{'' if self.single else f'window {w.index}/{w.total}: '}asking once more: "
                             f"{result.failure}")
            if self.single:
                yield Restart(f"{result.failure}; asking once more")

    def outcome(self, prepared: Prepared, total: int) -> Outcome:
        """The answers merged and checked against the material, or the offline draft and why."""
        from facilitator.drafting.grounding import ground, render_grounded

        secret = self.settings.llm_api_key.get_secret_value()
        raw = _joined(self.raws, secret)
        info = [scrub(i, secret) for i in self.info]
        if self.read == 0:
            return Outcome(draft=prepared.base, raw=raw, failure=scrub(self.failures[0].failure or "", secret),
                           info=info)
        grounded = ground(prepared.base, self.combined, prepared.meeting, prepared.material,
                          prepared.allowed_cases)
        draft = grounded.draft
        for f in self.failures:
            draft.warnings.append(f"window {f.index}/{f.total} ({f.span}) of the material was not read by the "
                                  f"model ({f.failure}); check that part by hand")
        mode = "/".join(sorted(self.modes)) or None
        if grounded.added == 0:
            notice = (f"the model found nothing to add to the record in {self.read} of {total} "
                      f"part{'s' if total != 1 else ''} of the material; showing the offline draft")
            return Outcome(draft=prepared.base, raw=raw, info=info, mode=mode, notice=notice)
        scrub_draft(draft, secret)
        draft.markdown = render_grounded(grounded, prepared.meeting)
        return Outcome(draft=draft, raw=raw, info=info, mode=mode)


def scrub_draft(draft: Draft, secret: str) -> Draft:
    """Mask the key in every text of a draft, in place: a JSON escape (``\\u0073k-...``)
    hides a key from the raw text until the answer is parsed."""
    if not secret or len(secret) < 4:
        return draft
    for r in draft.responsibilities:
        r.item, r.owner, r.basis = (scrub(r.item, secret), r.owner and scrub(r.owner, secret),
                                    r.basis and scrub(r.basis, secret))
    for a in draft.actions:
        a.action, a.owner = scrub(a.action, secret), a.owner and scrub(a.owner, secret)
    for key in ("decisions", "obstacles", "open_questions", "cited_cases", "warnings"):
        setattr(draft, key, [scrub(t, secret) for t in getattr(draft, key)])
    for g in draft.gaps:
        g.message = scrub(g.message, secret)
    for e in draft.evidence:
        e.text, e.quote = scrub(e.text, secret), e.quote and scrub(e.quote, secret)
        e.flags = [scrub(f, secret) for f in e.flags]
    draft.markdown = scrub(draft.markdown, secret)
    return draft


class _Conversation:
    """One window's talk with the model: stream, parse, repair once, continue once after a
    cut. The steps share the structured-output modes left to try, the messages so far,
    whether a repair or the rest was asked for, and the complete items kept from an answer
    cut at the output limit."""

    def __init__(self, client: AsyncOpenAI, endpoint: Endpoint, settings: Settings, window: WindowPrompt,
                 raws: list[tuple[str, str]], info: list[str], modes_used: set[str]) -> None:
        self.client, self.endpoint, self.settings, self.window = client, endpoint, settings, window
        self.raws, self.info, self.modes_used = raws, info, modes_used
        self.secret = settings.llm_api_key.get_secret_value()
        self.where = "" if window.total == 1 else f"window {window.index}/{window.total} "
        self.refused = _UNSUPPORTED.setdefault((endpoint.base_url, endpoint.model), set())
        self.modes = [m for m in endpoint.provider.modes if m not in self.refused] or [MODES[-1]]
        self.messages = [{"role": "system", "content": window.system}, {"role": "user", "content": window.user}]
        self.repaired = self.continued = False
        self.kept: LlmAnswer | None = None
        self.index = 0
        self.end: _End | None = None

    async def converse(self) -> AsyncIterator[str | Restart | LlmAnswer]:
        """Ask until there is an answer: each pass streams one request and reads what came
        back; a step that asks again yields a :class:`Restart`, the last yields the answer."""
        while self.index < len(self.modes):
            mode = self.modes[self.index]
            label = (self.where + mode + (" (repair)" if self.repaired else "")
                     + (" (rest)" if self.continued else ""))
            self.raws.append((label, ""))
            view = _Scrubbed(self.secret)
            step: Restart | LlmAnswer
            try:
                async for shown in self._stream(mode, label, view):
                    yield shown
            except DraftFailure:
                raise
            except Exception as exc:
                step = self._request_failed(exc, mode)
            else:
                tail = view.feed("", final=True)
                if tail:
                    yield tail
                step = self._read(self._finished(mode, label))
            yield step
            if not isinstance(step, Restart):
                return
        raise DraftFailure(f"{self.endpoint.base_url} refused every structured-output mode", fatal=True)

    async def _stream(self, mode: str, label: str, view: _Scrubbed) -> AsyncIterator[str]:
        """One request: the raw text kept under ``label``, the scrubbed text yielded as it comes."""
        self.end = None
        async for piece in _attempt(self.client, self.endpoint, self.settings, self.messages, mode,
                                    self.window.output_tokens):
            if isinstance(piece, _End):
                self.end = piece
                continue
            self.raws[-1] = (label, self.raws[-1][1] + piece)
            shown = view.feed(piece)
            if shown:
                yield shown

    def _request_failed(self, exc: Exception, mode: str) -> Restart | LlmAnswer:
        """A request the client raised on: the next mode when this one was refused, the kept
        items when only the rest was lost; else the failure, raised."""
        streamed = bool(self.raws[-1][1])
        if _unsupported_mode(exc) and mode != "text" and not self.repaired and not self.continued:
            self.refused.add(mode)
            self.raws.pop()
            self.index += 1
            self.info.append(f"{self.endpoint.base_url} refused response_format {mode}; trying "
                             f"{self.modes[self.index] if self.index < len(self.modes) else 'nothing else'}")
            return Restart(f"{mode} not supported")
        if self.kept is not None:  # the rest was lost, what was kept stands
            self.info.append(f"{self.where}the request for the rest of a cut answer failed: "
                             f"{_api_failure(exc, self.endpoint, self.settings, streamed)}")
            return self.kept
        raise _as_failure(exc, self.endpoint, self.settings, streamed) from None

    def _finished(self, mode: str, label: str) -> str:
        """The whole answer's text, scrubbed; raises when the model refused or the stream
        did not finish."""
        end = self.end
        assert end is not None
        self.modes_used.add(mode)
        if end.usage is not None:
            self.info.append(f"{self.where}usage: prompt {getattr(end.usage, 'prompt_tokens', '?')}, "
                             f"completion {getattr(end.usage, 'completion_tokens', '?')} tokens")
        self.info.append(f"{self.where}structured output: {mode}")
        if end.refusal:
            self.raws[-1] = (label, self.raws[-1][1] + end.refusal)
            raise DraftFailure(f"the model refused to draft: {_one_line(scrub(end.refusal, self.secret), 120)}")
        if end.finish == "content_filter":
            raise DraftFailure("the endpoint's content filter stopped the answer")
        if end.finish is None:
            raise DraftFailure(f"the stream from {self.endpoint.base_url} ended before the model finished "
                               "(stream cut)", retry=True)
        return scrub(end.text, self.secret)

    def _read(self, text: str) -> Restart | LlmAnswer:
        """Parse the answer: the answer when it is whole, a :class:`Restart` when the model
        is asked for a repair or for the rest of an answer cut at the output limit."""
        from facilitator.drafting.schema import AnswerError, LlmAnswer, parse_answer

        assert self.end is not None
        if not text.strip():
            if self.kept is not None:
                return self.kept
            raise DraftFailure("the model returned an empty answer", retry=True)
        cut = self.end.finish == "length"
        try:
            answer = parse_answer(text, partial=cut)
        except AnswerError as exc:
            if cut and self.kept is not None and self.kept.count():
                return self.kept
            if cut and self.continued:
                raise DraftFailure(
                    f"the answer was cut off at the output limit ({self.window.output_tokens} tokens, "
                    "finish_reason=length) before the JSON was complete") from None
            if not cut:
                return self._ask_repair(text, exc)
            answer = LlmAnswer()
        if self.kept is not None:
            self.kept.extend(answer)
            answer = self.kept
        if cut and not self.continued:
            return self._ask_rest(text, answer)
        if cut:
            self.info.append(f"{self.where}the rest was cut at the output limit too; kept its complete items")
        return answer

    def _ask_repair(self, text: str, exc: Exception) -> Restart:
        """The first answer that is not a valid draft is sent back once with what is wrong."""
        from facilitator.drafting.prompting import repair_message

        if self.repaired:
            raise DraftFailure(f"the model's answer is not a valid draft after one repair "
                               f"request: {exc}") from None
        self.repaired = True
        self.messages = [*self.messages[:2], {"role": "assistant", "content": text},
                         {"role": "user", "content": repair_message(str(exc))}]
        self.info.append(f"{self.where}asked the model to repair its answer: {exc}")
        return Restart(f"repairing: {exc}")

    def _ask_rest(self, text: str, answer: LlmAnswer) -> Restart:
        """An answer cut at the output limit: keep its complete items, ask once for the rest."""
        from facilitator.drafting.prompting import continue_message
        from facilitator.drafting.schema import MAX_ITEMS

        self.continued = True
        self.kept = answer
        titles = [i.item for i in answer.responsibilities] + [a.action for a in answer.actions] + [
            t.text for k in ("decisions", "obstacles", "open_questions") for t in getattr(answer, k)]
        self.messages = [*self.messages[:2], {"role": "assistant", "content": text},
                         {"role": "user", "content": continue_message(titles, MAX_ITEMS // 2)}]
        self.info.append(f"{self.where}the answer was cut at the output limit ({self.window.output_tokens} "
                         f"tokens); kept its {answer.count()} complete items and asked for the rest")
        return Restart("cut at the output limit; asking for the rest")
