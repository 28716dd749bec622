"""The package's registry: providers by name and by model, and what each spec declares."""

from __future__ import annotations

import inspect
import subprocess
import sys
import typing

import pytest

import generated
import generated._runtime._parts
from generated import (
    AsyncGeneratorProvider,
    ConfigurationError,
    ParameterInfo,
    UnknownProviderError,
    find_providers,
    get_provider,
    provider_infos,
    providers,
)
from generated.codelink_ava import CodeLinkAva
from generated.openai_chat import OpenaiChat

from ..conftest import ROOT

SPECS = sorted(path.stem for path in (ROOT / "specs").glob("*.yaml"))
CALL_OPTIONS = {"session", "proxy", "timeout", "base_url", "max_retries"}


def test_providers_lists_every_spec_by_class_name() -> None:
    found = providers()
    assert sorted(provider.__module__.rpartition(".")[2] for provider in found.values()) == SPECS
    assert list(found) == sorted(found)
    for name, provider in found.items():
        assert provider.__name__ == name
        assert issubclass(provider, AsyncGeneratorProvider)


@pytest.mark.parametrize("name", ["CodeLinkAva", "codelink_ava", "codelinkava", "CODELINK_AVA"])
def test_get_provider_takes_the_class_or_module_name_in_any_case(name: str) -> None:
    assert get_provider(name) is CodeLinkAva


def test_an_unknown_name_says_which_names_are_close() -> None:
    with pytest.raises(UnknownProviderError) as raised:
        get_provider("codelnk_ava")
    error = raised.value
    assert error.matches == ["CodeLinkAva"]
    assert str(error) == (
        "codelnk_ava: no such provider; did you mean CodeLinkAva? [package generated]"
    )
    assert isinstance(error, ConfigurationError) and isinstance(error, LookupError)


def test_a_name_close_to_nothing_gets_no_suggestion() -> None:
    with pytest.raises(UnknownProviderError) as raised:
        get_provider("zzzz")
    assert raised.value.matches == []
    assert "did you mean" not in str(raised.value)


def test_find_providers_returns_those_serving_the_model_working_first() -> None:
    assert find_providers(model="gpt-4o") == [
        generated.get_provider("AzureOpenai"),
        generated.get_provider("AzureOpenaiEntra"),
        OpenaiChat,
        generated.get_provider("OpenaiResponses"),
    ]
    serving = find_providers(model="gpt-3.5-turbo")
    names = [provider.__name__ for provider in serving]
    assert names[0] == "OpenaiChat"  # the working ones first, by name: Azure serves gpt-35-turbo
    assert {"Acytoo", "CodeLinkAva", "Yqcloud"} <= set(names)
    ranks = [(not provider.working, provider.__name__) for provider in serving]
    assert ranks == sorted(ranks)
    assert find_providers(model="no-such-model") == []


def test_listing_the_providers_imports_none_of_their_modules() -> None:
    script = (
        "import sys, generated\n"
        "infos = generated.provider_infos()\n"
        "loaded = [i.module for i in infos if f'generated.{i.module}' in sys.modules]\n"
        "print(len(infos), loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout == f"{len(SPECS)} []\n"


@pytest.mark.parametrize("info", provider_infos(), ids=lambda info: info.module)
def test_each_info_agrees_with_its_class(info: generated.ProviderInfo) -> None:
    provider: typing.Any = get_provider(info.name)
    assert (info.url, info.working, info.default_model) == (
        provider.url,
        provider.working,
        provider.default_model,
    )
    default = provider.default_model
    listed = () if default is None or default in provider.models else (default,)
    assert info.models == (*listed, *provider.models)
    assert info.secrets == _secrets(provider)
    signature = inspect.signature(provider.create_async_generator, eval_str=True)
    declared = {
        name: parameter
        for name, parameter in signature.parameters.items()
        if parameter.kind is parameter.KEYWORD_ONLY and name not in CALL_OPTIONS
    }
    assert [parameter.name for parameter in info.parameters] == list(declared)
    for parameter in info.parameters:
        argument = declared[parameter.name]
        assert _type_name(argument.annotation) == parameter.type
        if parameter.required:
            assert argument.default is inspect.Parameter.empty
        else:
            assert argument.default == parameter.default
    takes_others = any(p.kind is p.VAR_KEYWORD for p in signature.parameters.values())
    assert takes_others == (info.extra_kwargs != "reject")


def _secrets(provider: typing.Any) -> tuple[str, ...]:
    return tuple(sys.modules[provider.__module__]._ENDPOINT.secrets)


def _type_name(annotation: object) -> str:
    """``float | None`` -> ``float``."""
    names = [arg.__name__ for arg in typing.get_args(annotation) if arg is not type(None)]
    return names[0] if names else typing.cast(type, annotation).__name__


TEMPERATURE = ParameterInfo(name="temperature", type="float")


@pytest.mark.parametrize(
    ("parameter", "text", "value"),
    [
        (TEMPERATURE, "0.2", 0.2),
        (TEMPERATURE, "1", 1.0),
        (ParameterInfo(name="max_tokens", type="int"), "256", 256),
        (ParameterInfo(name="stop", type="str"), " two words ", " two words "),
        (ParameterInfo(name="stream", type="bool"), "True", True),
        (ParameterInfo(name="stream", type="bool"), "no", False),
        (ParameterInfo(name="stream", type="bool"), "0", False),
    ],
)
def test_a_parameter_parses_text_as_its_type(
    parameter: ParameterInfo, text: str, value: object
) -> None:
    parsed = parameter.parse(text)
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize(
    ("parameter", "text", "message"),
    [
        (TEMPERATURE, "hot", "temperature takes a float, not 'hot'"),
        (TEMPERATURE, "nan", "temperature takes a finite number, not 'nan'"),
        (TEMPERATURE, "inf", "temperature takes a finite number, not 'inf'"),
        (ParameterInfo(name="n", type="int"), "1.5", "n takes an int, not '1.5'"),
        (ParameterInfo(name="b", type="bool"), "maybe", "b takes true or false, not 'maybe'"),
    ],
)
def test_a_parameter_refuses_text_of_another_type(
    parameter: ParameterInfo, text: str, message: str
) -> None:
    with pytest.raises(ValueError) as raised:
        parameter.parse(text)
    assert str(raised.value) == message


def test_arguments_are_typed_as_declared_and_others_merged_as_json() -> None:
    info = generated._REGISTRY.info("CodeLinkAva")  # declares temperature, merges the rest
    assert info.arguments(["temperature=0.25", "max_tokens=256", "user=u-1", 'stop=["x"]']) == {
        "temperature": 0.25,
        "max_tokens": 256,
        "user": "u-1",
        "stop": ["x"],
    }


@pytest.mark.parametrize(
    ("name", "pairs", "message"),
    [
        ("CodeLinkAva", ["temperature"], "a parameter is NAME=VALUE, not 'temperature'"),
        ("CodeLinkAva", ["=1"], "a parameter is NAME=VALUE, not '=1'"),
        ("CodeLinkAva", ["timeout=5"], "timeout is an argument of every call, not a parameter"),
        ("OllamaChat", ["seed=1"], "OllamaChat has no parameter 'seed' (its parameters: "),
        ("Yqcloud", ["seed=1"], "Yqcloud has no parameter 'seed' (its parameters: none)"),
        ("AnthropicMessages", [], "AnthropicMessages needs a value for max_tokens"),
    ],
)
def test_arguments_that_cannot_be_sent_are_refused(
    name: str, pairs: list[str], message: str
) -> None:
    with pytest.raises(ValueError) as raised:
        generated._REGISTRY.info(name).arguments(pairs)
    assert str(raised.value).startswith(message)


def test_the_package_exports_the_runtimes_public_names_and_its_parts() -> None:
    parts = [generated._runtime._parts.PARTS[part] for part in ("registry", "gateway", "gpt4free")]
    exports = [name for part in parts for name in part.exports]
    assert generated.__all__ == sorted([*generated._runtime.__all__, *exports])
    for name in generated.__all__:
        value = getattr(generated, name)
        if isinstance(value, type):
            assert value.__module__.startswith("generated._runtime."), name
    assert generated.providers == generated._REGISTRY.providers
    assert issubclass(generated.ProviderTimeoutError, TimeoutError)
