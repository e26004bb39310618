"""``python -m kg`` and the ``kg`` command. A plain ``kg query`` runs without importing typer
(``kg.query.fastpath``: typer and the pydantic it builds its parameters with took longer than the query);
everything else, and every ``kg query`` the fast path is not sure to read as typer does, goes to the
typer app in ``kg.cli``."""

import sys
from pathlib import Path


def main() -> None:
    if sys.argv[1:2] == ["query"]:
        from kg.query import fastpath

        options = fastpath.parse(sys.argv[2:])
        if options is not None:
            sys.exit(fastpath.run(options, _ensure_build))
    from kg.cli import main as cli_main

    cli_main()


def _ensure_build(out: Path, articles: Path) -> Path:
    """The built TriG, after the CLI's offline rebuild when it is older than its inputs (a rebuild needs
    the build stages, so importing the CLI then costs nothing that matters)."""
    from kg.build.current import ensure

    def rebuild() -> None:
        from kg.cli import rebuild_offline

        rebuild_offline(out, articles)

    return ensure(out, articles, rebuild)


if __name__ == "__main__":
    main()
