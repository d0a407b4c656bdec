"""The reference pages in docs/reference/ match the code they describe."""

from __future__ import annotations

import importlib.util
import pkgutil
from pathlib import Path
from types import ModuleType

import negotrack

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_reference_generate", REFERENCE / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestReferencePages:
    def test_every_page_is_up_to_date(self) -> None:
        """Each page equals what generate.py writes now (run it after changing a public name)."""
        gen = _generator()
        stale = [
            name
            for name, guide in gen.MODULES.items()
            if (REFERENCE / (name.removeprefix("negotrack.") + ".md")).read_text(encoding="utf-8")
            != gen.page(name, guide)[0]
        ]
        assert stale == [], (
            f"stale reference pages (run python docs/reference/generate.py): {stale}"
        )

    def test_every_public_module_has_a_page(self) -> None:
        """Every module with an ``__all__`` is listed in generate.py's MODULES."""
        gen = _generator()
        public = set()
        for info in pkgutil.walk_packages(negotrack.__path__, "negotrack."):
            if info.name.rsplit(".", 1)[-1].startswith("_"):
                continue
            module = importlib.import_module(info.name)
            if getattr(module, "__all__", None) and not info.ispkg:
                public.add(info.name)
        assert public - set(gen.MODULES) == set()
