"""The layout the conventions ask for: the core stands alone (`rag/` imports none of the other
packages), and only `rag/index.py` reaches the index's stores."""

import ast
import importlib
from pathlib import Path

import rag
from tests.helpers import ROOT

OTHERS = {"ingest", "ui", "eval", "bench", "tests"}
PACKAGES = ("rag", "ingest", "ui", "eval", "bench")
# The stores behind `Index`: the Chroma adapter and the SQLite manifest (whole modules), and the
# BM25 index files (`rag.keyword` is also everyone's tokenizer: only its index class counts).
STORE_MODULES = {"rag.vectors", "rag.manifest"}
STORE_CLASSES = {"rag.keyword": {"KeywordIndex"}}
# The index, and the stores themselves (the keyword index is built from the manifest).
MAY_REACH_STORES = {"rag/index.py", "rag/vectors.py", "rag/manifest.py", "rag/keyword.py"}


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


def _store_imports(path: Path) -> list[str]:
    """What a file imports of the stores: a store module, or a store's class. The errors a store
    raises through `Index` may be caught by name anywhere."""
    modules = STORE_MODULES | set(STORE_CLASSES)
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name in modules]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                if (
                    name in modules
                    or (node.module in STORE_MODULES and not _is_error(node.module, alias.name))
                    or alias.name in STORE_CLASSES.get(node.module, set())
                ):
                    found.append(name)
    return found


def _is_error(module: str, name: str) -> bool:
    value = getattr(importlib.import_module(module), name)
    return isinstance(value, type) and issubclass(value, Exception)


def test_only_the_index_reaches_the_stores() -> None:
    offending = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative not in MAY_REACH_STORES:
                offending += [f"{relative}: {name}" for name in _store_imports(path)]
    assert offending == []


def test_store_imports_are_found_in_every_form(tmp_path: Path) -> None:
    source = tmp_path / "module.py"
    source.write_text(
        "import rag.manifest\n"
        "from rag import vectors\n"
        "from rag.vectors import VectorStore, VectorStoreError\n"
        "from rag.keyword import KeywordIndex, tokenize\n"
        "from rag.manifest import Manifest as M\n",
        encoding="utf-8",
    )
    assert _store_imports(source) == [
        "rag.manifest",
        "rag.vectors",
        "rag.vectors.VectorStore",
        "rag.keyword.KeywordIndex",
        "rag.manifest.Manifest",
    ]
