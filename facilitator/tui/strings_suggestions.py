"""UI strings for the suggestions beside the ledger (zh and en): what the extractor understood
from a transcript, minutes or live notes, offered for the facilitator to accept, edit or
dismiss. Merged into ``strings.py``'s tables, read with the same ``tr``."""

from __future__ import annotations

SUGGESTIONS_ZH: dict[str, str] = {
    "tab_suggestions": "建议",
    "tab_suggestions_count": "建议 {count}",
    "tab_suggestions_short": "建议",
    "tab_suggestions_count_short": "建议 {count}",
    "accept_suggestion": "采纳",
    "edit_suggestion": "修改后采纳",
    "dismiss_suggestion": "忽略",
    "help_keys_SuggestionsTable": "建议（从发言中提取，右侧“建议”页）",
    "col_kind_short": "类别",
    "no_suggestions": "还没有建议。导入会议录音稿或纪要（facilitator import 文件 --meeting 编号），"
                      "或在下方记下自由发言，听出的承诺、决定会列在这里，一键采纳。",
    "suggestion_accepted": "已采纳：{text}",
    "suggestion_dismissed": "已忽略：{text}（Ctrl+Z 撤销）",
    "suggestion_quote": "原话",
    "suggestions_tooltip": "a 采纳 · e 修改后采纳 · x 或 Delete 忽略",
    "suggestion_found": "听出 {count} 条建议，见右侧“建议”页（{keys}）",
    "go_suggestions": "看建议",
    "no_pending_suggestions": "没有待处理的建议。",
}

SUGGESTIONS_EN: dict[str, str] = {
    "tab_suggestions": "Suggested",
    "tab_suggestions_count": "Suggested {count}",
    "tab_suggestions_short": "New",
    "tab_suggestions_count_short": "New {count}",
    "accept_suggestion": "accept",
    "edit_suggestion": "edit, then accept",
    "dismiss_suggestion": "dismiss",
    "help_keys_SuggestionsTable": "Suggested (understood from what was said: the ledger's Suggested tab)",
    "col_kind_short": "Kind",
    "no_suggestions": "No suggestions yet. Import a transcript or minutes (facilitator import FILE --meeting ID) "
                      "or note what people say below: the commitments and decisions heard are listed here, "
                      "one key to accept.",
    "suggestion_accepted": "Accepted: {text}",
    "suggestion_dismissed": "Dismissed: {text} (Ctrl+Z undoes it)",
    "suggestion_quote": "Said",
    "suggestions_tooltip": "a accepts · e edits, then accepts · x or Delete dismisses",
    "suggestion_found": "{count} suggested from what was said: see the Suggested tab ({keys})",
    "go_suggestions": "suggestions",
    "no_pending_suggestions": "No suggestions waiting.",
}
