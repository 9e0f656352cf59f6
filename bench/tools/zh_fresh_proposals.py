"""What an older checkout's extractor suggested for some meetings, as JSON: the proposals of
rules that had not yet been tuned on them (``train_zh_filter.py --history`` runs it).

    python zh_fresh_proposals.py ROOT OUT FILE...

``ROOT`` is an older tree of this repository (``git archive <commit> facilitator bench`` is
enough); its own ``bench/extract.py`` reads each ``FILE`` as the app did then, its
``facilitator.extract.extract`` suggests, and ``OUT`` gets, per file stem, the number of
cues, the quick-capture items and every suggestion (kind, text, quote, owner, due, cues,
speaker, confidence). Only the old tree is imported, never the current one.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    root, out, files = Path(argv[0]).resolve(), Path(argv[1]), [Path(f) for f in argv[2:]]
    sys.path[:0] = [str(root), str(root / "bench")]
    import extract as old_bench  # the old tree's bench/extract.py

    from facilitator.extract import extract

    result = {}
    for path in files:
        case = old_bench.read_case(path)
        base = [{"cues": list(cues), "kind": f.kind, "text": f.text, "quote": f.quote, "owner": f.owner, "due": f.due}
                for cues, f in old_bench.quick_capture(case)]
        found = extract(case.cues, meeting_date=case.meeting_date, participants=case.participants,
                        language=case.language)
        result[path.stem] = {"ncues": len(case.cues), "base": base, "found": [
            {"kind": s.captured.kind, "text": s.captured.text, "quote": s.quote, "owner": s.captured.owner,
             "due": s.captured.due.isoformat() if s.captured.due else None, "cues": list(s.cues),
             "speaker": s.speaker, "confidence": s.confidence} for s in found]}
    out.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
