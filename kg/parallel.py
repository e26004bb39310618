"""Independent pieces of work (one per article) on forked worker processes.

Workers are forked, so they inherit what the parent has already prepared (parsed shapes, the
ontology, the linker and its cache handle, the work list itself) instead of receiving it pickled;
only each piece's small result travels back. The parent's objects are frozen for the collector
(``gc.freeze``) before the fork, so that the workers' collections do not write to, and so copy,
the pages they share with it.
"""

import gc
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

_WORK: list = []  # (function, argument) per piece, inherited by the forked workers


def _run(index: int):
    function, argument = _WORK[index]
    return function(argument)


def run(function: Callable, items: list, jobs: int = 0, progress=None, names: list[str] | None = None) -> list:
    """``[function(item) for item in items]``, on ``jobs`` processes (0: one per core; 1, or a system
    without fork: in this process). ``progress(done, total, name)`` is called as each piece finishes,
    in order."""
    total = len(items)
    names = names or [str(i) for i in range(total)]
    jobs = jobs or os.cpu_count() or 1
    results = []
    if jobs <= 1 or total < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for i, item in enumerate(items):
            results.append(function(item))
            if progress:
                progress(i + 1, total, names[i])
        return results
    _WORK[:] = [(function, item) for item in items]
    gc.freeze()
    try:
        with ProcessPoolExecutor(min(jobs, total), mp_context=multiprocessing.get_context("fork")) as pool:
            try:
                for i, result in enumerate(pool.map(_run, range(total))):
                    results.append(result)
                    if progress:
                        progress(i + 1, total, names[i])
            except BaseException:  # the first failure in order is the answer: cancel the pieces not yet begun
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    finally:
        _WORK.clear()
        gc.unfreeze()
    return results
