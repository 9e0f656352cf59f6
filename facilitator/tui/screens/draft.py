"""The draft screen: the summary to send after the meeting, with its gaps listed.

Today the draft comes from the offline drafter (``Drafts.draft``, which also stores
it with the meeting). The model's draft streams in through ``stream_draft``, which
takes any async iterator of text chunks and appends them with Textual's
``MarkdownStream`` so a fast model never floods the screen. Edits are saved with
the meeting when the user leaves the editor, accepts, exports or closes: a draft
someone worked on is never thrown away.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static, TextArea

from facilitator.model import Draft, Progress, Restart
from facilitator.tui.errors import WorkerErrors, guarded, said
from facilitator.tui.keys import DRAFT_KEYS, bindings
from facilitator.tui.strings import tr
from facilitator.tui.widgets.draft_view import DraftMarkdown

if TYPE_CHECKING:
    from facilitator.drafts import Drafts


class DraftScreen(WorkerErrors, Screen[None]):
    """Preview, accept, regenerate, edit and export the meeting summary."""

    KEYS = DRAFT_KEYS
    BINDINGS = bindings(KEYS, "zh")
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    """Under 32 rows the gaps above the draft are told in brief, one whole line each
    (the full list cut its last gap mid-sentence at 80x24); the draft ends with them all."""

    class DraftReady(Message):
        def __init__(self, draft: Draft) -> None:
            super().__init__()
            self.draft = draft

    def __init__(self, drafts: Drafts, meeting_id: int, lang: str) -> None:
        super().__init__()
        self.drafts = drafts
        self.meeting_id = meeting_id
        self.lang = lang
        self.draft: Draft | None = None
        self.text = ""
        self.saved_text = ""
        self.mode = "offline"
        self.editing = False
        self.raw_stream = ""

    def compose(self) -> ComposeResult:
        yield Static(tr(self.lang, "drafting"), id="draft-title", markup=False)
        yield Static(id="gaps", markup=False)
        yield Static(id="gaps-brief", markup=False)
        with VerticalScroll(id="draft-view"):
            yield DraftMarkdown(self.lang, id="draft", open_links=False)  # model text must not open URLs
        editor = TextArea(id="draft-editor", soft_wrap=True, show_line_numbers=False)
        editor.display = False
        editor.border_title = tr(self.lang, "edit_hint")
        yield editor
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.generate()

    # -- producing the draft ---------------------------------------------------------------

    def generate(self, offline: bool = False) -> None:
        self.query_one("#draft-title", Static).update(Content(tr(self.lang, "drafting")))
        if not offline and self.drafts.settings.llm_configured:
            self._llm_worker()
        else:
            self._offline_worker()

    @work(exclusive=True, group="draft", exit_on_error=False, name="llm draft")
    async def _llm_worker(self) -> None:
        await self.stream_draft(self.drafts.draft_stream(meeting_id=self.meeting_id))

    @work(thread=True, exclusive=True, group="draft", exit_on_error=False, name="offline draft")
    def _offline_worker(self) -> None:
        self.post_message(self.DraftReady(self.drafts.draft(meeting_id=self.meeting_id, mode="offline")))

    @guarded
    def on_draft_screen_draft_ready(self, message: DraftReady) -> None:
        self.show_draft(message.draft)

    def show_draft(self, draft: Draft) -> None:
        """Show a finished draft (already stored with the meeting by the drafts use case)."""
        self.draft = draft
        self.mode = draft.mode
        self.text = self.saved_text = draft.markdown
        self._set_title()
        gaps, brief = self.query_one("#gaps", Static), self.query_one("#gaps-brief", Static)
        if draft.gaps:
            lines = [Content.styled(tr(self.lang, "gaps"), "bold $warning")]
            gaps.update(Content("\n").join(lines + [Content(f"・{g.message}") for g in draft.gaps]))
            brief.update(Content("\n").join(self._brief_gaps(draft)))
        else:
            gaps.update(Content.styled(tr(self.lang, "no_gaps"), "$success"))
            brief.update(Content.styled(tr(self.lang, "no_gaps"), "$success"))
        self.query_one("#draft", DraftMarkdown).show(draft.markdown)

    def _brief_gaps(self, draft: Draft, shown: int = 4) -> list[Content]:
        """The short screen's gaps: how many, where they are in full, and the first few
        up to their detail (``gist``), each a whole thought on its own line."""
        from facilitator.tui.widgets.stage import gist

        lines = [Content.styled(tr(self.lang, "gaps_brief", n=len(draft.gaps)), "bold $warning")]
        lines += [Content(f"・{gist(g.message)}") for g in draft.gaps[:shown]]
        if len(draft.gaps) > shown:
            lines.append(Content.styled(tr(self.lang, "gaps_more", n=len(draft.gaps) - shown), "$text-muted"))
        return lines

    def _set_title(self) -> None:
        mode = tr(self.lang, f"mode_{self.mode}") if self.mode in ("offline", "llm", "edited") else self.mode
        self.query_one("#draft-title", Static).update(
            Content.styled(tr(self.lang, "draft_title", mode=mode), "bold $accent")
        )

    async def stream_draft(self, chunks: AsyncIterator[str | Restart | Progress | Draft]) -> str:
        """Append streamed text chunks to the view as they arrive; return the raw text.

        The LLM drafter calls this with ``Drafts.draft_stream(...)`` or any async
        iterator: ``str`` items are appended; a ``Restart`` clears the view (a new attempt began); a ``Draft`` item is the final result
        and replaces the streamed text. If the stream fails, the raw text received so
        far is kept in ``raw_stream``, the user sees one line, and the offline draft
        is shown instead.
        """
        view = self.query_one("#draft", Markdown)
        self.query_one("#draft-view", VerticalScroll).anchor()
        await view.update("")
        stream = Markdown.get_stream(view)
        received: list[str] = []
        final: Draft | None = None
        try:
            async for chunk in chunks:
                if isinstance(chunk, str):
                    received.append(chunk)
                    await stream.write(chunk)
                elif isinstance(chunk, Draft):
                    final = chunk
                elif isinstance(chunk, Progress):  # one line per window of a long meeting
                    await stream.write(f"- {chunk.line(self.lang)}\n")
                elif isinstance(chunk, Restart):
                    await stream.stop()
                    received.clear()
                    await view.update("")
                    stream = Markdown.get_stream(view)
        except Exception as exc:  # noqa: BLE001 - one line, then the offline draft
            self.raw_stream = "".join(received)
            await stream.stop()
            self.notify(tr(self.lang, "stream_failed", error=said(exc, self.lang)),
                        severity="warning", markup=False, timeout=8)
            self.generate(offline=True)
            return self.raw_stream
        await stream.stop()
        self.raw_stream = "".join(received)
        if final is not None:
            for warning in final.warnings:
                self.notify(warning, severity="warning", markup=False)
            self.show_draft(final)
        else:
            self.text = self.raw_stream
        return self.raw_stream

    # -- actions ------------------------------------------------------------------------------

    def _commit_edits(self) -> bool:
        """Store the text if the user changed it since it was last stored."""
        if self.editing:
            self.text = self.query_one("#draft-editor", TextArea).text
        if self.text and self.text != self.saved_text:
            self.drafts.save(self.meeting_id, self.text, "edited")
            self.saved_text = self.text
            self.mode = "edited"
            self._set_title()
            return True
        return False

    @guarded
    def action_accept(self) -> None:
        self._commit_edits()
        if self.editing:
            self.action_edit()
        self.notify(tr(self.lang, "draft_saved"), markup=False)

    @guarded
    def action_regenerate(self) -> None:
        self._commit_edits()
        if self.editing:
            self._leave_editor()
        self.generate()
        self.notify(tr(self.lang, "draft_regenerated"), markup=False)

    @guarded
    def action_edit(self) -> None:
        editor = self.query_one("#draft-editor", TextArea)
        if not self.editing:
            editor.load_text(self.text)
            editor.display = True
            self.query_one("#draft-view").display = False
            self.editing = True
            editor.focus()
            return
        self._commit_edits()
        self._leave_editor()
        self.query_one("#draft", DraftMarkdown).show(self.text)

    def _leave_editor(self) -> None:
        self.query_one("#draft-editor", TextArea).display = False
        self.query_one("#draft-view").display = True
        self.editing = False

    @guarded
    def action_export(self) -> None:
        self._commit_edits()
        path = self.drafts.export_file(self.meeting_id, "md")
        self.app.copy_to_clipboard(self.text)
        self.notify(tr(self.lang, "exported", path=str(path)) + "\n" + tr(self.lang, "copied"),
                    markup=False, timeout=8)

    @guarded
    def action_close(self) -> None:
        self._commit_edits()
        self.dismiss(None)
