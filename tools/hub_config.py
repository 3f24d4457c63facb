"""JupyterHub's configuration file for the workshop hub (``jupyterhub -f tools/hub_config.py``).

Everything is in :func:`tools.hub.configure`; this file only hands it JupyterHub's config object
and the settings that ``python3 dev.py hub`` put in the environment (``CTE_HUB_SETTINGS``, and
the password in ``CTE_HUB_PASSWORD``).
"""

from tools.hub import configure, settings_from_env

configure(get_config(), settings_from_env())  # noqa: F821 - JupyterHub provides get_config
