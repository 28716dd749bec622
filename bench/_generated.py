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
    gpt_go,
    ollama_chat,
    openai_chat,
    openai_chat_web,
)
from generated._runtime._framings import SSEFraming
from generated.anthropic_messages import AnthropicMessages
from generated.codelink_ava import CodeLinkAva
from generated.gpt_go import GptGo
from generated.ollama_chat import OllamaChat
from generated.openai_chat import OpenaiChat
from generated.openai_chat_web import OpenaiChatWeb

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


@asynccontextmanager
async def _gpt_go(url: str, fmt: Format) -> AsyncIterator[TextStream]:
    # A step first: a GET for a token, then the stream for the token.
    async with open_session() as session:
        yield GptGo.create_async_generator(
            "gpt-3.5-turbo", _MESSAGES, base_url=url, session=session, timeout=TOTAL_TIMEOUT
        )


@asynccontextmanager
async def _openai_chat_web(url: str, fmt: Format) -> AsyncIterator[TextStream]:
    # Cumulative events, filtered by their message type.
    async with open_session() as session:
        yield OpenaiChatWeb.create_async_generator(
            "",
            _MESSAGES,
            access_token="bench-token",
            base_url=url,
            session=session,
            timeout=TOTAL_TIMEOUT,
        )


@asynccontextmanager
async def _openai_chat_web_whole(url: str, fmt: Format) -> AsyncIterator[TextStream]:
    # The same provider with its cumulative reading off, as a one-step provider reads: it
    # yields each event's whole text. What the cumulative reading costs is the difference.
    framing = openai_chat_web._ENDPOINT.framing
    assert isinstance(framing, SSEFraming) and framing.rules is not None
    whole = replace(framing, rules=replace(framing.rules, cumulative=None))
    openai_chat_web._ENDPOINT = replace(openai_chat_web._ENDPOINT, framing=whole)
    async with _openai_chat_web(url, fmt) as stream:
        yield stream


CLIENTS: Mapping[str, Client] = {
    "codelink_ava": _codelink_ava,
    "openai_chat": _openai_chat,
    "anthropic_messages": _anthropic_messages,
    "ollama_chat": _ollama_chat,
    "gpt_go": _gpt_go,
    "openai_chat_web": _openai_chat_web,
    "openai_chat_web_whole": _openai_chat_web_whole,
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
    gpt_go._ENDPOINT = replace(gpt_go._ENDPOINT, max_response_bytes=sys.maxsize)
    openai_chat_web._ENDPOINT = replace(openai_chat_web._ENDPOINT, max_response_bytes=sys.maxsize)
