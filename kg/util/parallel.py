"""Independent pieces of work (one per article) on forked worker processes.

Workers are forked, so they inherit what the parent has already prepared (parsed shapes, the
ontology, the linker and its cache handle, the work list itself) instead of receiving it pickled;
only each piece's small result travels back.

What exists before the work starts (the ontology, the shapes, pySHACL) lives as long as the work, so
it is frozen for the cycle collector (``gc.freeze``): its full collections then walk only what the
pieces make, and, after a fork, do not write to, and so copy, the pages workers share with the parent.
The collector's young generation is also collected less often while the work runs (``_YOUNG``).
"""

import gc
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

_WORK: list = []  # (function, argument) per piece, inherited by the forked workers
# the pieces make and drop rdflib terms and triples by the hundred thousand: a young collection every
# 10,000 new objects rather than Python's 700 (a cold build of 200 articles, runs taken in turn:
# 2-6% less CPU)
_YOUNG = 10_000


def _leave_interrupts_to_the_parent() -> None:
    """Ctrl-C reaches every process of the terminal's group: a worker ignores it, finishes its piece and
    is shut down by the parent, which alone says 'interrupted' (each worker printed a traceback)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(index: int):
    function, argument = _WORK[index]
    return function(argument)


def run(function: Callable, items: list, jobs: int = 0, progress=None, names: list[str] | None = None) -> list:
    """``[function(item) for item in items]``, on ``jobs`` processes (0: one per core; 1, or a system
    without fork: in this process). ``progress(done, total, name)`` is called as each piece finishes,
    in order."""
    names = names or [str(i) for i in range(len(items))]
    thresholds = gc.get_threshold()
    frozen = gc.get_freeze_count()  # a caller's freeze (a build's ledger) stays
    gc.freeze()
    gc.set_threshold(_YOUNG, *thresholds[1:])
    try:
        if not forks(jobs, len(items)):
            return _in_process(function, items, progress, names)
        return _on_workers(function, items, min(_processes(jobs), len(items)), progress, names)
    finally:
        gc.set_threshold(*thresholds)
        if not frozen:
            gc.unfreeze()


def forks(jobs: int, total: int) -> bool:
    """Whether ``run`` would fork workers for ``total`` pieces on ``jobs`` processes."""
    return _processes(jobs) > 1 and total > 1 and "fork" in multiprocessing.get_all_start_methods()


def _processes(jobs: int) -> int:
    return jobs or os.cpu_count() or 1


def _in_process(function: Callable, items: list, progress, names: list[str]) -> list:
    results = []
    for i, item in enumerate(items):
        results.append(function(item))
        if progress:
            progress(i + 1, len(items), names[i])
    return results


def _on_workers(function: Callable, items: list, jobs: int, progress, names: list[str]) -> list:
    results = []
    _WORK[:] = [(function, item) for item in items]
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_leave_interrupts_to_the_parent) as pool:
            try:
                for i, result in enumerate(pool.map(_run, range(len(items)))):
                    results.append(result)
                    if progress:
                        progress(i + 1, len(items), names[i])
            except KeyboardInterrupt:  # the user wants out now: pieces under way are not waited for
                for worker in multiprocessing.active_children():
                    worker.terminate()
                pool.shutdown(wait=True, cancel_futures=True)
                raise
            except BaseException:  # the first failure in order is the answer: cancel the pieces not yet begun
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    finally:
        _WORK.clear()
    return results
