"""Where the shipped ontology, shapes and query library are read from.

They are documents a person reads and edits, so in a checkout they sit at its top (``ontology/``,
``shapes/``, ``queries/``), and an editable install reads them there. A wheel carries them as package
data under ``kg/resources/`` (setup.py maps the top-level folders there), found from the
package's own folder: an installed kg never looks outside its own package.

``importlib.resources.files("kg")`` names the same folder for a package installed as files (the only
way kg runs: it reads these folders with glob and open) and cost 14 ms of every ``kg query``'s start
(it imports tempfile, inspect and the resource readers); the folder of this module is read instead.
"""

from pathlib import Path

_PACKAGE = Path(__file__).parent.parent  # kg/


def _folder(name: str) -> Path:
    if not _PACKAGE.is_dir():  # a zip import: kg reads these folders with glob and open
        raise ImportError(f"kg must be installed as files, not imported from {_PACKAGE}")
    packaged = _PACKAGE / "resources" / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


ONTOLOGY_DIR = _folder("ontology")
SHAPES_DIR = _folder("shapes")
QUERIES_DIR = _folder("queries")
