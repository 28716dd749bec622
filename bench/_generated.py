"""The generated providers as clients, called as a user calls them."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import replace

from bench._bodies import Format
from bench._contract import TOTAL_TIMEOUT, Client
from bench._session import open_session
from generated import (
    Message,
    TextStream,
    anthropic_messages,
    codelink_ava,
    ollama_chat,
    openai_chat,
)
from generated.anthropic_messages import AnthropicMessages
from generated.codelink_ava import CodeLinkAva
from generated.ollama_chat import OllamaChat
from generated.openai_chat import OpenaiChat

__all__ = ["CLIENTS", "lift_response_limits"]

_MESSAGES: list[Message] = [{"role": "user", "content": "hi"}]


@asynccontextmanager
async def _codelink_ava(url: str, fmt: Format) -> AsyncIterator[TextStream]:
    async with open_session() as session:
        yield CodeLinkAva.create_async_generator(
            "gpt-3.5-turbo", _MESSAGES, base_url=url, session=session, timeout=TOTAL_TIMEOUT
        )


@asynccontextmanager
async def _openai_chat(url: str, fmt: Format) -> AsyncIterator[TextStream]:
    async with open_session() as session:
        yield OpenaiChat.create_async_generator(
            "gpt-4o-mini", _MESSAGES, base_url=url, session=session, timeout=TOTAL_TIMEOUT
        )


@asynccontextmanager
async def _anthropic_messages(url: str, fmt: Format) -> AsyncIterator[TextStream]:
    async with open_session() as session:
        yield AnthropicMessages.create_async_generator(
            "claude-3-5-haiku-latest",
            _MESSAGES,
            max_tokens=1024,
            base_url=url,
            session=session,
            timeout=TOTAL_TIMEOUT,
        )


@asynccontextmanager
async def _ollama_chat(url: str, fmt: Format) -> AsyncIterator[TextStream]:
    async with open_session() as session:
        yield OllamaChat.create_async_generator(
            "llama3.2", _MESSAGES, base_url=url, session=session, timeout=TOTAL_TIMEOUT
        )


CLIENTS: Mapping[str, Client] = {
    "codelink_ava": _codelink_ava,
    "openai_chat": _openai_chat,
    "anthropic_messages": _anthropic_messages,
    "ollama_chat": _ollama_chat,
}


def lift_response_limits() -> None:
    """Let the providers read a body of any size.

    The runtime stops a response past 64 MiB, a guard against hostile servers that no call can
    lift; the bench's own server is trusted, and a million OpenAI chunks weigh ~150 MB. The bytes
    are still counted against the limit as they pass, so the work per byte is the same. It
    reaches into each module's private endpoint, so the runner asks for it only for such bodies.
    """
    codelink_ava._ENDPOINT = replace(codelink_ava._ENDPOINT, max_response_bytes=sys.maxsize)
    openai_chat._ENDPOINT = replace(openai_chat._ENDPOINT, max_response_bytes=sys.maxsize)
    anthropic_messages._ENDPOINT = replace(
        anthropic_messages._ENDPOINT, max_response_bytes=sys.maxsize
    )
    ollama_chat._ENDPOINT = replace(ollama_chat._ENDPOINT, max_response_bytes=sys.maxsize)
