"""Token ids -> text deltas with OpenAI `stop` strings, for one request.

Stop strings are matched on decoded text (a stop string rarely aligns with token boundaries), so text
that could still be the start of a stop string is held back until it cannot be; and text ending in an
incomplete UTF-8 sequence (U+FFFD) is held back until the next token completes it.
"""
from __future__ import annotations


class TextStream:
    def __init__(self, tokenizer, stops: list[str], skip_ids: set[int]):
        self._tok = tokenizer
        self._stops = stops
        self._hold = max((len(s) for s in stops), default=1) - 1
        self._skip = skip_ids
        self.ids: list[int] = []
        self.sent = 0  # characters of the decoded text already sent
        self.stopped = False

    def _text(self) -> str:
        return self._tok.decode([i for i in self.ids if i not in self._skip], skip_special_tokens=True)

    def push(self, token_id: int) -> str:
        """Add a token; return the text that can be sent now (empty while held back or after a stop)."""
        if self.stopped:
            return ""
        self.ids.append(token_id)
        text = self._text()
        if text.endswith("\ufffd"):
            return ""
        for s in self._stops:
            at = text.find(s, max(0, self.sent - len(s) + 1))
            if at >= 0:
                self.stopped = True
                out = text[self.sent:at] if at > self.sent else ""
                self.sent = max(self.sent, at)
                return out
        safe = max(self.sent, len(text) - self._hold)
        out = text[self.sent:safe]
        self.sent = safe
        return out

    def flush(self) -> str:
        """At the end of generation: what was held back (never part of a stop string, which was not found)."""
        if self.stopped:
            return ""
        text = self._text().rstrip("\ufffd")
        out = text[self.sent:]
        self.sent = len(text)
        return out
