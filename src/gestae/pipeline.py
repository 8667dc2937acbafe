"""The whole path on one article: text -> spaCy Doc -> candidate events -> grounded, deduplicated events."""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator
from functools import cached_property

from spacy.tokens import Doc

from gestae.config import PipelineConfig
from gestae.extract.lexicon import CrisisLexicon, Lexicon
from gestae.nlp.model import load_nlp
from gestae.records import Article, ArticleResult


class Pipeline:
    """Codes articles into events. Load once (spaCy model, gazetteer, actor KB), then call many times.

    Components load lazily on first use, so `gestae --help` and `gestae timex` stay fast.
    """

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()

    @cached_property
    def lexicon(self) -> Lexicon:
        return Lexicon.load()

    @cached_property
    def crisis_lexicon(self) -> CrisisLexicon:
        return CrisisLexicon.load()

    @cached_property
    def actors(self):
        from gestae.ground.actors import ActorKB, ActorResolver

        return ActorResolver(ActorKB.load())

    @cached_property
    def gazetteer(self):
        from gestae.ground.places import Gazetteer

        return Gazetteer(self.config.cache_dir)

    @cached_property
    def geoparser(self):
        from gestae.ground.places import Geoparser

        return Geoparser(self.gazetteer)

    @cached_property
    def timex(self):
        from gestae.ground.time import TimexTagger

        return TimexTagger()

    @cached_property
    def nlp(self):
        from gestae.ground.actors import entity_patterns as actor_patterns
        from gestae.ground.places import entity_patterns as place_patterns

        return load_nlp(self.config.spacy_model, [*place_patterns(), *actor_patterns()])

    def process(self, article: Article) -> ArticleResult:
        return self.code_doc(article, self.nlp(article.text))

    def pipe(self, articles: Iterable[Article], batch_size: int | None = None) -> Iterator[ArticleResult]:
        size = batch_size or self.config.batch_size
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=size):
            yield self.code_doc(article, doc)

    def code_doc(self, article: Article, doc: Doc) -> ArticleResult:
        from gestae.coder import ArticleCoder

        try:
            return ArticleCoder(self, article, doc).run()
        except Exception as error:  # noqa: BLE001 - one article's bug must not end a batch or lose the others
            where = traceback.extract_tb(error.__traceback__)[-1]
            note = (f"internal error while coding this article, please report it: {type(error).__name__}: {error} "
                    f"({where.filename.rsplit('/', 1)[-1]}:{where.lineno})")
            return ArticleResult(article=article, events=[], notes=[note])
