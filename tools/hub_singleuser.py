"""A student's Jupyter server: ``jupyterhub-singleuser`` without the hub's own database code.

JupyterHub 6's single-user extension imports ``jupyterhub.log``, which imports the hub's page
handlers (for one ``isinstance`` check against its health-check handler) and with them the
hub's ORM (SQLAlchemy's ORM and Alembic): about 20 MiB and 0.3 s of CPU in every student
server, which never opens a database. This launcher first puts two placeholders in
``sys.modules``: a ``jupyterhub.handlers.pages`` whose ``HealthCheckHandler`` nothing in a
single-user server is an instance of, and a ``jupyterhub.orm`` that imports the real one at its
first use (which only the hub makes). Then it runs the stock ``jupyterhub.singleuser``. For a
JupyterHub version other than 6.1.x it changes nothing. ``python3 dev.py hub --full`` runs the
stock command instead.
"""

from __future__ import annotations

import importlib
import sys
import types

#: The JupyterHub versions whose import graph this was checked against (others: no change).
CHECKED = "6.1."


def deferred(name: str) -> types.ModuleType:
    """A placeholder for module ``name`` that imports the real one at its first attribute
    look-up (PEP 562 module ``__getattr__``) and answers from it from then on."""
    placeholder = types.ModuleType(name)

    def load(attr: str) -> object:
        """Import the real module in the placeholder's stead; return its attribute."""
        if sys.modules.get(name) is placeholder:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attr)

    placeholder.__getattr__ = load  # type: ignore[method-assign]
    sys.modules[name] = placeholder
    return placeholder


def install() -> bool:
    """Put the placeholders in place (before anything imports jupyterhub.log)."""
    from jupyterhub import __version__

    if not __version__.startswith(CHECKED) or "jupyterhub.handlers" in sys.modules:
        return False
    handlers = types.ModuleType("jupyterhub.handlers")
    handlers.__path__ = []  # a package, so that jupyterhub.handlers.pages resolves
    pages = types.ModuleType("jupyterhub.handlers.pages")

    class HealthCheckHandler:
        """Placeholder: no handler of a single-user server is an instance of it."""

    pages.HealthCheckHandler = HealthCheckHandler
    handlers.pages = pages
    sys.modules["jupyterhub.handlers"] = handlers
    sys.modules["jupyterhub.handlers.pages"] = pages
    deferred("jupyterhub.orm")
    return True


def main() -> None:
    """Install the placeholders, then run jupyterhub-singleuser with our arguments."""
    install()
    from jupyterhub.singleuser import main as singleuser

    sys.exit(singleuser())


if __name__ == "__main__":
    main()
