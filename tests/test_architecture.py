"""The house rules of DESIGN.md section 4, checked: the import-linter contract in pyproject.toml
(one test per contract, so a failure names the rule) and no import cycle between files."""

from __future__ import annotations

import tomllib
from pathlib import Path

import grimp
import pytest
from importlinter.application.use_cases import lint_imports
from importlinter.configuration import configure

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
CONFIG = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
CONTRACT_IDS = [contract["id"] for contract in CONFIG["contracts"]]


@pytest.mark.parametrize("contract_id", CONTRACT_IDS)
def test_import_contract(contract_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    configure()
    kept = lint_imports(config_filename=str(PYPROJECT), limit_to_contracts=(contract_id,),
                        cache_dir=None, no_logo=True)
    assert kept, capsys.readouterr().out


def import_cycles(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for start in sorted(modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start) & modules)))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(
                        graph.find_modules_directly_imported_by(successor) & modules))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        cycles.append(sorted(component))
    return cycles


def test_import_cycles_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for importer, imported in (("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")):
        graph.add_import(importer=importer, imported=imported)
    assert import_cycles(graph, {"a", "b", "c", "d"}) == [["a", "b", "c"]]


def test_no_file_level_import_cycle() -> None:
    """Every import counts, the ones inside functions too: a lazy import hides a cycle from
    the interpreter, not from the reader."""
    graph = grimp.build_graph(*CONFIG["root_packages"])
    cycles = import_cycles(graph, set(graph.modules))
    assert not cycles, "\n".join(" <-> ".join(cycle) for cycle in cycles)
