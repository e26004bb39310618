"""Where the shipped ontology, shapes and query library live.

They sit at the top of the repository (beside the package) so that they can be read and edited as
documents; ``KG_HOME`` points elsewhere for an installed copy.
"""

import os
from pathlib import Path

HOME = Path(os.environ.get("KG_HOME", Path(__file__).resolve().parent.parent.parent))
ONTOLOGY_DIR = HOME / "ontology"
SHAPES_DIR = HOME / "shapes"
QUERIES_DIR = HOME / "queries"
