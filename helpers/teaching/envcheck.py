"""The environment self-check of ``00-start-here.ipynb``: is every package new enough?"""

from __future__ import annotations

import importlib.metadata as md

from packaging.version import Version

from helpers.i18n import _

#: Packages the notebooks need, with the oldest version known to work.
REQUIRED = {"pandas": "2.2", "plotly": "6.1", "ipywidgets": "8.1", "frictionless": "5.18",
            "pycountry": "24.6", "babel": "2.14"}


def environment_status(required: dict[str, str] | None = None) -> list[tuple[bool, str]]:
    """(fine?, line) per package: new enough, too old, or missing."""
    out = []
    for name, minimum in (required or REQUIRED).items():
        try:
            found = md.version(name)
        except md.PackageNotFoundError:
            out.append((False, _("MISSING  {name} (need {minimum} or newer): run python3 "
                                 "dev.py lab from the project folder to install it").format(
                name=name, minimum=minimum)))
            continue
        ok = Version(found) >= Version(minimum)
        text = (_("ok       {name} {found}") if ok else
                _("TOO OLD  {name} {found} (need {minimum} or newer)"))
        out.append((ok, text.format(name=name, found=found, minimum=minimum)))
    return out


def environment_report(required: dict[str, str] | None = None) -> str:
    """The status lines and a closing verdict, as one block of text."""
    status = environment_status(required)
    bad = sum(1 for ok, _line in status if not ok)
    verdict = (_("All required packages are present.") if not bad else
               _("{n} package(s) need attention (see above).").format(n=bad))
    return "\n".join([*(line for _ok, line in status), verdict])
