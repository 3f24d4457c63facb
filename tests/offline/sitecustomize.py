"""Loaded by every Python process that has this folder on PYTHONPATH (``site`` imports it).

With ``CTE_BLOCK_NETWORK=1`` it installs the offline guard (``cte_network_guard``). Then it runs
the next ``sitecustomize`` on ``sys.path``, if the interpreter has one, so it never hides it.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def _chain() -> None:
    """Execute the sitecustomize this file shadows (the next one on sys.path), if any."""
    rest = [p for p in sys.path if os.path.abspath(p or os.curdir) != HERE]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    sys.modules["_cte_chained_sitecustomize"] = module
    spec.loader.exec_module(module)


if os.environ.get("CTE_BLOCK_NETWORK") == "1":
    import cte_network_guard

    cte_network_guard.install()

_chain()
