"""The official openai SDK's streaming client, for the OpenAI format only."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager

import openai

from bench._bodies import Format
from bench._contract import TOTAL_TIMEOUT, Client

__all__ = ["CLIENTS"]


async def _deltas(client: openai.AsyncOpenAI) -> AsyncIterator[str]:
    stream = await client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}], stream=True
    )
    async for chunk in stream:
        content = chunk.choices[0].delta.content if chunk.choices else None
        if content:
            yield content


@asynccontextmanager
async def _openai_sdk(url: str, fmt: Format) -> AsyncIterator[AsyncIterator[str]]:
    # The SDK appends /chat/completions to its base URL; a failure is reported, never retried.
    async with openai.AsyncOpenAI(
        base_url=url + "/v1", api_key="bench", timeout=TOTAL_TIMEOUT, max_retries=0
    ) as client:
        yield _deltas(client)


CLIENTS: Mapping[str, Client] = {"openai_sdk": _openai_sdk}
