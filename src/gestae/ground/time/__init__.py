"""Time expressions: find them in text and normalise them to TimeML values against the publication date.

    >>> import datetime as dt
    >>> from gestae.ground.time import TimexTagger
    >>> [(t.text, t.value) for t in TimexTagger().tag("Talks resumed on Friday.", dt.date(2019, 3, 13))]
    [('Friday', '2019-03-08')]
"""

from gestae.ground.time.tagger import TimexTagger
from gestae.ground.time.values import resolve_value

__all__ = ["TimexTagger", "resolve_value"]
