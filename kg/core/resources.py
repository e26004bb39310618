"""Where the shipped ontology, shapes and query library are read from.

They are documents a person reads and edits, so in a checkout they sit at its top (``ontology/``,
``shapes/``, ``queries/``), and an editable install reads them there. A wheel carries them as package
data under ``kg/resources/`` (setup.py maps the top-level folders there), found through
importlib.resources: an installed kg never looks outside its own package.
"""

from importlib.resources import files
from pathlib import Path


def _folder(name: str) -> Path:
    package = files("kg")
    if not isinstance(package, Path):  # a zip import: kg reads these folders with glob and open
        raise ImportError(f"kg must be installed as files, not imported from {package}")
    packaged = package / "resources" / name
    return packaged if packaged.is_dir() else package.parent / name


ONTOLOGY_DIR = _folder("ontology")
SHAPES_DIR = _folder("shapes")
QUERIES_DIR = _folder("queries")
