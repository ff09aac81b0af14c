import json
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError
from typer.testing import CliRunner

from rag.extractive import ExtractiveAnswerer, Quote
from rag.settings import AnswerSettings, RetrievalSettings, Settings, SettingsError
from tests.helpers import ROOT
from ui.cli import app


def test_defaults(isolated: Path) -> None:
    settings = Settings()
    assert settings.home == isolated
    assert (settings.embedder, settings.chunk_tokens, settings.max_file_mb) == ("e5+use", 400, 50.0)
    assert settings.chroma_host is None and settings.openai_api_key is None


def test_env_example_lists_every_setting_with_its_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAWQA_HOME")
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    (Path.cwd() / ".env").write_text(example, encoding="utf-8")
    assert Settings() == Settings(_env_file=None)
    names = {line.split("=", 1)[0] for line in example.splitlines() if "=" in line}
    expected = set()
    for name, info in Settings.model_fields.items():
        group = info.annotation
        if isinstance(group, type) and issubclass(group, BaseModel):
            expected |= {f"LAWQA_{name.upper()}__{n.upper()}" for n in group.model_fields}
        else:
            expected.add(f"LAWQA_{name.upper()}")
    expected = expected - {
        "LAWQA_CHROMA_HOST",
        "LAWQA_CHROMA_PORT",
        "LAWQA_OPENAI_API_KEY",
        "LAWQA_OPENAI_BASE_URL",
    } | {"CHROMA_HOST", "CHROMA_PORT", "OPENAI_API_KEY", "OPENAI_BASE_URL"}
    assert names == expected
    # what an evaluation records: the same variables, less the secret
    assert set(Settings().environment()) == names - {"OPENAI_API_KEY"}


def test_standard_names_and_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    settings = Settings()
    assert settings.chroma_host == "127.0.0.1"
    assert settings.openai_api_key is not None
    assert settings.openai_api_key.get_secret_value() == "sk-test-not-a-real-key"
    assert "sk-test" not in repr(settings) and "sk-test" not in str(settings.model_dump())


def test_unknown_entries_in_env_file_are_refused() -> None:
    (Path.cwd() / ".env").write_text("LAWQA_EMBEDER=use\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="embeder"):
        Settings()


def test_nested_settings_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWQA_RETRIEVAL__KEYWORD_WEIGHT", "0")
    monkeypatch.setenv("LAWQA_ANSWER__MAX_SOURCES", "2")
    settings = Settings()
    assert (settings.retrieval.keyword_weight, settings.answer.max_sources) == (0.0, 2)
    assert settings.retrieval.dense_weight == RetrievalSettings().dense_weight


def test_nested_settings_are_checked_when_read(monkeypatch: pytest.MonkeyPatch) -> None:
    (Path.cwd() / ".env").write_text("LAWQA_RETRIEVAL__KEYWORD_WIEGHT=1\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="keyword_wieght"):
        Settings()
    (Path.cwd() / ".env").unlink()
    monkeypatch.setenv("LAWQA_RETRIEVAL__CANDIDATES", "0")
    with pytest.raises(ValidationError, match="candidates"):
        Settings()


def test_an_invalid_nested_setting_is_one_line_on_the_command_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LAWQA_RETRIEVAL__KEYWORD_WEIGHT", "-1")
    result = CliRunner().invoke(app, ["docs"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: invalid settings "
        "(retrieval.keyword_weight: Input should be greater than or equal to 0)"
    )


def test_components_check_their_settings_in_the_constructor() -> None:
    """A copy made with model_copy(update=...) skips pydantic's checks: the component's
    constructor catches it, naming the setting and its variable."""
    answer = AnswerSettings().model_copy(update={"max_sources": 0, "spread_margin": -0.5})
    with pytest.raises(SettingsError) as raised:
        ExtractiveAnswerer(_EqualScores(), answer)
    assert str(raised.value) == (
        "invalid setting: answer.max_sources = 0: Input should be greater than 0 "
        "(LAWQA_ANSWER__MAX_SOURCES); answer.spread_margin = -0.5: Input should be greater "
        "than or equal to 0 (LAWQA_ANSWER__SPREAD_MARGIN)"
    )


def test_recorded_settings_leave_out_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    monkeypatch.setenv("LAWQA_RETRIEVAL__CANDIDATES", "30")
    settings = Settings()
    recorded = settings.recorded()
    assert "openai_api_key" not in recorded and recorded["retrieval"]["candidates"] == 30
    assert settings.environment()["LAWQA_RETRIEVAL__CANDIDATES"] == "30"
    assert "sk-test" not in json.dumps(recorded) + json.dumps(settings.environment())


class _EqualScores:
    def scores(self, question: str, vector: object, quotes: list[Quote]) -> list[float]:
        return [0.0 for _ in quotes]
