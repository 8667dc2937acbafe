"""Coding many articles fast: worker processes on one machine, or a Dask cluster.

    from gestae.config import PipelineConfig
    from gestae.parallel import open_engine

    with open_engine(PipelineConfig(), workers=4) as engine:
        for result in engine.map(articles):   # ArticleResult, in input order
            ...

Every engine loads the pipeline once per worker, streams articles to the workers in chunks,
and yields results in input order with a bounded number of chunks in flight, so memory stays
flat however long the input is. `docs/scale.md` tells how to run on a laptop, SLURM or Kubernetes.
"""

from gestae.parallel.engines import ENGINES, Engine, check_model, default_workers, open_engine
from gestae.parallel.errors import WorkerError
from gestae.parallel.inprocess import InProcessEngine
from gestae.parallel.pool import ProcessPoolEngine
from gestae.parallel.progress import count_articles, track

__all__ = [
    "ENGINES", "Engine", "InProcessEngine", "ProcessPoolEngine", "WorkerError", "check_model",
    "count_articles", "default_workers", "open_engine", "track",
]
