"""`demo.chat`: an interactive job that answers each message by streaming tokens."""

from __future__ import annotations

import json
import re
from typing import Any, Dict, cast

from sidecast import Context, job

TOKEN = re.compile(r"\S+\s*")


def text_of(message: Any) -> str:
    """What a viewer said: a string, or the `text` of an object, or the JSON itself."""
    if isinstance(message, str):
        return message
    if isinstance(message, dict):
        text: Any = cast(Dict[str, Any], message).get("text")
        if isinstance(text, str):
            return text
    return json.dumps(message)


def answer(text: str) -> str:
    """A reply that shows the message made the round trip intact."""
    words = len(text.split())
    return (
        f'You said "{text}": {words} word{"" if words == 1 else "s"}, '
        f"{len(text)} characters. Backwards it reads \"{text[::-1]}\"."
    )


def is_end(message: Any) -> bool:
    """Whether `message` is `{"end": true}`, which ends the conversation."""
    return isinstance(message, dict) and cast(Dict[str, Any], message).get("end") is True


@job("demo.chat", title="Chat (demo)", interactive=True)
async def chat(ctx: Context, delay: float = 0.03) -> Dict[str, int]:
    """Answers each input by streaming `token` data events, then logs the whole answer.
    Send `{"end": true}` to finish; the result counts the turns.

    Args:
        delay: Seconds between the tokens of an answer.
    """
    import asyncio  # here, so that a sidecar that never chats does not pay for importing it

    turns = 0
    ctx.log('Say something. Send {"end": true} to finish.')
    while True:
        message = await ctx.areceive()
        if is_end(message):
            return {"turns": turns}
        reply = answer(text_of(message))
        for token in TOKEN.findall(reply):
            ctx.emit("token", token)
            await asyncio.sleep(delay)
        ctx.log(reply)
        turns += 1
