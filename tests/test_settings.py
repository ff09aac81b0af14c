from pathlib import Path

import pytest
from pydantic import ValidationError

from rag.settings import Settings
from tests.helpers import ROOT


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
    expected = {f"LAWQA_{n.upper()}" for n in Settings.model_fields} - {
        "LAWQA_CHROMA_HOST",
        "LAWQA_CHROMA_PORT",
        "LAWQA_OPENAI_API_KEY",
        "LAWQA_OPENAI_BASE_URL",
    } | {"CHROMA_HOST", "CHROMA_PORT", "OPENAI_API_KEY", "OPENAI_BASE_URL"}
    assert names == expected


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
