"""The core stands alone: `rag/` imports none of the other packages."""

import ast
from pathlib import Path

import rag

OTHERS = {"ingest", "ui", "eval", "bench", "tests"}


def test_rag_imports_none_of_the_others() -> None:
    offending = []
    for path in sorted(Path(rag.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            offending += [f"{path.name}: {n}" for n in names if n.split(".")[0] in OTHERS]
    assert offending == []
