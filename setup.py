"""The one packaging fact pyproject.toml cannot state: the ontology, the shapes and the query library.

They stay at the top of the checkout, where they are read and edited as documents, and are installed
inside the package as ``kg.resources.ontology``, ``kg.resources.shapes`` and ``kg.resources.queries``
(read with importlib.resources by kg/core/resources.py). A package-dir mapping says that, but
setuptools' automatic discovery in pyproject.toml cannot be combined with extra mapped packages, so
the packages are listed here: every package under kg/ plus the three mapped folders.
"""

from setuptools import find_packages, setup

RESOURCES = {f"kg.resources.{name}": name for name in ("ontology", "shapes", "queries")}

setup(packages=[*find_packages(include=["kg", "kg.*"]), *RESOURCES], package_dir=RESOURCES)
