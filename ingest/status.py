"""What ingesting one file did."""

from __future__ import annotations

from enum import StrEnum


class FileStatus(StrEnum):
    ADDED = "added"
    REPLACED = "replaced"  # its content changed: the documents it made before are gone
    UNCHANGED = "unchanged"  # the same content is in the index already: skipped
    ERROR = "error"
