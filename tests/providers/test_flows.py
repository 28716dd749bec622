"""Every provider whose call is a flow (steps, a WebSocket) or whose request holds what each
call makes anew (``<*>``: a time, a signature) against its recordings, on a real server: each
request checked as it arrives (an AWS signature computed again), the values one exchange gave
expected back in the next, the answer's deltas exact.

A flow's recording holds ``<name>`` where a value a step took, a cookie or a secret stands;
the test gives each name a value (``test-<name>``), which the server serves in its answers and
expects back in the requests that follow (see ``replay._matching``). Every origin of the flow
is pointed at the server with a ``base_url`` mapping.
"""

from __future__ import annotations

import importlib
from typing import Any

import aiohttp
import pytest

import generated as errors
from generated import AsyncGeneratorProvider
from replay import Recording, ReplayServer

from ..conftest import NoInternet, aws_signatures, filled, flow_values, served_recordings

FLOWS = served_recordings()


def ids(recording: Recording) -> str:
    return f"{recording.path.parent.name}/{recording.name}"


def module_of(recording: Recording) -> Any:
    return importlib.import_module(f"generated.{recording.path.parent.name}")


def provider_of(recording: Recording) -> Any:
    [provider] = [
        value
        for value in vars(module_of(recording)).values()
        if isinstance(value, type)
        and issubclass(value, AsyncGeneratorProvider)
        and value is not AsyncGeneratorProvider
    ]
    return provider


async def play(recording: Recording, server: ReplayServer) -> tuple[list[Any], Any]:
    route = server.add(recording, checked=True)
    call = filled(recording.expect["call"], server.values)
    deltas: list[Any] = []
    connector = aiohttp.TCPConnector(resolver=NoInternet())
    async with aiohttp.ClientSession(connector=connector) as session:
        stream = provider_of(recording).create_async_generator(
            call["model"],
            call["messages"],
            base_url=server.base_urls(route),
            session=session,
            **call["kwargs"],
        )
        try:
            async for delta in stream:
                deltas.append(delta)
        except errors.ProviderError as error:
            return deltas, error
    return deltas, None


@pytest.mark.parametrize("recording", FLOWS, ids=ids)
async def test_a_flow_sends_what_was_recorded_and_yields_what_was_expected(
    recording: Recording, monkeypatch: pytest.MonkeyPatch
) -> None:
    values = flow_values(recording, module_of(recording)._ENDPOINT.secrets)
    for name in module_of(recording)._ENDPOINT.secrets:
        monkeypatch.setenv(name, values[name])
    async with ReplayServer(values=values, aws=aws_signatures(values)) as server:
        deltas, error = await play(recording, server)
        assert server.problems == []
        expect = recording.expect
        if "error" in expect:
            assert type(error).__name__ == expect["error"], error
            assert deltas == expect.get("deltas_before_error", [])
            return
        assert error is None, error
        assert server.served(recording.name) == len(recording.exchanges)
    if "deltas" in expect:
        assert deltas == expect["deltas"]
    else:
        assert "".join(deltas) == expect["text"]


@pytest.mark.parametrize("recording", FLOWS, ids=ids)
def test_a_flow_recording_says_where_it_came_from(recording: Recording) -> None:
    assert recording.source or recording.description


async def test_the_flows_session_resolves_no_name() -> None:
    connector = aiohttp.TCPConnector(resolver=NoInternet())
    async with aiohttp.ClientSession(connector=connector) as session:
        with pytest.raises(aiohttp.ClientConnectorError) as caught:
            await session.get("http://example.com/")
    assert "never reach the internet" in str(caught.value.os_error)
