"""Feedback on answers (thumbs up or down, an optional comment), kept in SQLite under LAWQA_HOME
with the question, the answer and its citations."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created REAL NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    data TEXT NOT NULL
)
"""


class FeedbackLog:
    def __init__(self, home: Path) -> None:
        home.mkdir(parents=True, exist_ok=True)
        self._path = home / "feedback.sqlite"
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self._path, timeout=30)

    def record(self, rating: str, answer: dict[str, Any], comment: str = "") -> int:
        """Store feedback on one answer (its `Answer.to_json()`); return its id."""
        if rating not in ("up", "down"):
            raise ValueError(f"rating must be 'up' or 'down', not {rating!r}")
        with self._lock, self._connect() as db:
            cursor = db.execute(
                "INSERT INTO feedback (created, rating, comment, question, answer, data) "
                "VALUES (?,?,?,?,?,?)",
                (
                    time.time(),
                    rating,
                    comment.strip(),
                    answer["question"],
                    answer["answer"],
                    json.dumps(answer, ensure_ascii=False),
                ),
            )
            return int(cursor.lastrowid or 0)

    def entries(self) -> Iterator[dict[str, Any]]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, created, rating, comment, data FROM feedback ORDER BY id"
            ).fetchall()
        for id_, created, rating, comment, data in rows:
            answer = json.loads(data)
            yield {
                "id": id_,
                "created": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(created)),
                "rating": rating,
                "comment": comment,
                "question": answer["question"],
                "answer": answer["answer"],
                "mode": answer.get("mode"),
                "refused": answer.get("refused"),
                "citations": answer.get("citations", []),
            }

    def export(self, path: Path) -> int:
        count = 0
        with open(path, "w", encoding="utf-8") as handle:
            for entry in self.entries():
                handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
                count += 1
        return count
