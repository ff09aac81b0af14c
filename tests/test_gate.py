"""The relevance gate's evidence and its calibration arithmetic."""

import numpy as np
import pytest

from eval.calibrate import balanced_weights, choose_threshold
from rag.gate import content_words, gate_model


def test_content_words_leave_out_the_question_frame() -> None:
    assert content_words("What does the opinion say about the China-Europe Railway Express?") == {
        "china",
        "europe",
        "railway",
        "express",
    }
    assert content_words("A competitor stole our trade secrets.") == {
        "competitor",
        "stole",
        "trade",
        "secret",
    }
    assert content_words("意见第二十条对外资企业的税收优惠是怎么规定的？") == {
        "第二十条",
        "外资企业",
        "税收",
        "优惠",
    }


def test_every_group_of_a_set_weighs_the_same() -> None:
    sets = np.array(["a", "a", "a", "a", "b", "b"])
    y = np.array([1, 1, 1, 0, 0, 0])
    weights = balanced_weights(sets, y)
    assert np.allclose(weights, [2 / 3, 2 / 3, 2 / 3, 2, 1, 1])
    assert np.isclose(weights.mean(), 1.0)


def test_threshold_keeps_false_refusals_within_the_budget() -> None:
    p = np.array([0.9, 0.8, 0.7, 0.2, 0.6, 0.5, 0.1])
    y = np.array([1, 1, 1, 1, 0, 0, 0])
    weights = np.ones(len(y))
    assert choose_threshold(p, y, weights, budget=0.25) == pytest.approx(0.61)
    assert choose_threshold(p, y, weights, budget=0.0) == pytest.approx(0.11)
    heavier = np.array([1, 1, 1, 4, 1, 1, 1.0])  # the low answerable one now costs 4/7 > 0.25
    assert choose_threshold(p, y, heavier, budget=0.25) == pytest.approx(0.11)


def test_an_embedder_without_its_own_model_gets_the_lexical_one() -> None:
    model = gate_model("openai:text-embedding-3-small")
    assert model == gate_model("default")
    assert model.weights["top"] == 0.0 and model.weights["lift"] == 0.0
    assert gate_model("e5+use").weights["top"] > 0.0
