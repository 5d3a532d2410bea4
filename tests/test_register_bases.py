
"""The register pages and models share base classes whose hooks raise NotImplementedError (a
Qt class cannot also be an abc.ABC); every concrete register must define each hook itself."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import ui
from ui.registers.page import LazyPage
from ui.registers.table import LazyQueryModel

# RegisterPage's own hooks (`_set_filters`, `_selection_changed`) have defaults: its filters
# bind to model fields and it follows the selection in its detail pane or buttons.
HOOKS = {
    LazyQueryModel: ("base_query", "cell"),
    LazyPage: ("refresh",),
}


def _all_subclasses(base: type) -> set[type]:
    found = set(base.__subclasses__())
    for sub in list(found):
        found |= _all_subclasses(sub)
    return found


def test_every_concrete_register_defines_its_hooks() -> None:
    for module in pkgutil.iter_modules(ui.__path__):
        importlib.import_module(f"ui.{module.name}")
    concrete = 0
    for base, hooks in HOOKS.items():
        for cls in _all_subclasses(base):
            if cls in HOOKS:
                continue
            concrete += 1
            for hook in hooks:  # defined below the base that leaves it abstract
                owner = next(k for k in cls.__mro__ if hook in vars(k))
                assert owner is not base, f"{cls.__name__} does not define {hook}()"
    assert concrete >= 10  # the registers built on these bases


def test_an_undefined_hook_names_itself() -> None:
    class Half(LazyQueryModel):
        pass

    with pytest.raises(NotImplementedError, match="Half must define base_query"):
        Half().base_query()
