"""A test that needs the shared real data fails where it is missing, unless told to skip."""

import pytest

from tests import helpers


def test_missing_shared_data_fails_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(helpers, "ALLOW_MISSING_SHARED", False)
    with pytest.raises(pytest.fail.Exception) as failed:
        helpers.shared("lawrefbook/no such law.md")
    assert str(failed.value) == (
        f"shared data not present: {helpers.SHARED / 'lawrefbook/no such law.md'} "
        "(set LAWQA_ALLOW_MISSING_SHARED=1 to skip the tests that need it)"
    )


def test_missing_shared_data_skips_the_test_when_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(helpers, "ALLOW_MISSING_SHARED", True)
    with pytest.raises(pytest.skip.Exception):
        helpers.shared("lawrefbook/no such law.md")


def test_present_shared_data_is_returned() -> None:
    assert helpers.shared("stard_dev.jsonl") == helpers.SHARED / "stard_dev.jsonl"
