"""Query: resolve a query (library name, file or inline), run it, and write its results."""

from kg.query.library import LibraryQuery, list_queries, resolve
from kg.query.results import WRITERS, Result
from kg.query.run import load_files, parse_param, run_local

__all__ = ["LibraryQuery", "Result", "WRITERS", "list_queries", "load_files", "parse_param", "resolve", "run_local"]
