"""Hand-written clients: the baseline every ratio is taken against, and the raw read.

``baseline`` is the loop gpt4free's providers had by hand, as its CodeLinkAva did in 2023: one
async generator that posts, reads ``response.content`` line by line, decodes each line,
``json.loads`` it and takes the text at a fixed path. No checks, no UTF-8 handling beyond
aiohttp's line splitting. The Anthropic and NDJSON versions are the same loop for their formats;
the cumulative one is gpt4free's 2023 OpenaiChat loop, which yields what each text adds.
Each is written out whole, as a provider would be: a shared helper would add a generator's
hop per delta that the original never paid.

``raw`` reads the same bytes and parses nothing: the transport's ceiling.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager

import aiohttp

from bench._bodies import Format
from bench._contract import Client
from bench._session import open_session

__all__ = ["CLIENTS"]

_MESSAGES = [{"role": "user", "content": "hi"}]

_PATHS: dict[Format, str] = {
    "openai": "/v1/chat/completions",
    "anthropic": "/v1/messages",
    "ndjson": "/api/chat",
    "cumulative": "/backend-api/conversation",
}

_REQUESTS: dict[Format, dict[str, object]] = {
    "openai": {"model": "gpt-4o-mini", "messages": _MESSAGES, "stream": True},
    "anthropic": {
        "model": "claude-3-5-haiku-latest",
        "messages": _MESSAGES,
        "max_tokens": 1024,
        "stream": True,
    },
    "ndjson": {"model": "llama3.2", "messages": _MESSAGES, "stream": True},
    "cumulative": {"action": "next", "messages": _MESSAGES, "model": "text-davinci-002-render-sha"},
}


async def _openai(session: aiohttp.ClientSession, url: str) -> AsyncIterator[str]:
    data = _REQUESTS["openai"]
    async with session.post(url + _PATHS["openai"], json=data) as response:
        response.raise_for_status()
        async for line in response.content:
            text = line.decode()
            if text.startswith("data: "):
                if text.startswith("data: [DONE]"):
                    break
                chunk = json.loads(text[6:-1])
                content = chunk["choices"][0]["delta"].get("content")
                if content:
                    yield content


async def _anthropic(session: aiohttp.ClientSession, url: str) -> AsyncIterator[str]:
    data = _REQUESTS["anthropic"]
    async with session.post(url + _PATHS["anthropic"], json=data) as response:
        response.raise_for_status()
        async for line in response.content:
            text = line.decode()
            if text.startswith("data: "):
                event = json.loads(text[6:-1])
                if event["type"] == "message_stop":
                    break
                if event["type"] == "content_block_delta":
                    content = event["delta"].get("text")
                    if content:
                        yield content


async def _ndjson(session: aiohttp.ClientSession, url: str) -> AsyncIterator[str]:
    data = _REQUESTS["ndjson"]
    async with session.post(url + _PATHS["ndjson"], json=data) as response:
        response.raise_for_status()
        async for line in response.content:
            chunk = json.loads(line.decode())
            if chunk["done"]:
                break
            content = chunk["message"]["content"]
            if content:
                yield content


async def _cumulative(session: aiohttp.ClientSession, url: str) -> AsyncIterator[str]:
    data = _REQUESTS["cumulative"]
    async with session.post(url + _PATHS["cumulative"], json=data) as response:
        response.raise_for_status()
        last_message = 0
        async for line in response.content:
            if line.startswith(b"data: "):
                line = line[6:]
                if line == b"[DONE]\n":
                    break
                chunk = json.loads(line)
                if chunk["message"]["metadata"]["message_type"] == "next":
                    new_message = chunk["message"]["content"]["parts"][0]
                    # gpt4free sliced by length alone; an answer that starts over is yielded
                    # whole here, as the generated provider does.
                    if len(new_message) <= last_message:
                        last_message = 0
                    yield new_message[last_message:]
                    last_message = len(new_message)


_BASELINES: dict[Format, Callable[[aiohttp.ClientSession, str], AsyncIterator[str]]] = {
    "openai": _openai,
    "anthropic": _anthropic,
    "ndjson": _ndjson,
    "cumulative": _cumulative,
}


@asynccontextmanager
async def _baseline(url: str, fmt: Format) -> AsyncIterator[AsyncIterator[str]]:
    async with open_session() as session:
        yield _BASELINES[fmt](session, url)


async def _raw_reads(session: aiohttp.ClientSession, url: str, fmt: Format) -> AsyncIterator[bytes]:
    async with session.post(url + _PATHS[fmt], json=_REQUESTS[fmt]) as response:
        response.raise_for_status()
        async for chunk in response.content.iter_any():
            yield chunk


@asynccontextmanager
async def _raw(url: str, fmt: Format) -> AsyncIterator[AsyncIterator[bytes]]:
    async with open_session() as session:
        yield _raw_reads(session, url, fmt)


CLIENTS: Mapping[str, Client] = {"baseline": _baseline, "raw": _raw}
