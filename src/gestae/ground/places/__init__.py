"""Places: a gazetteer built from packaged data, toponym resolution and geoparsing.

    gazetteer = Gazetteer()                      # builds ~/.cache/gestae/places-*.sqlite once
    geoparser = Geoparser(gazetteer)
    places = geoparser.geoparse(nlp(text))       # list[gestae.records.Place]
"""

from gestae.ground.places.entry import Candidate, GazetteerPlace
from gestae.ground.places.gazetteer import Gazetteer, default_cache_dir
from gestae.ground.places.geoparser import Geoparser, default_geoparser, geoparse_text, is_metonymic_actor
from gestae.ground.places.normalize import normalize_name
from gestae.ground.places.patterns import entity_patterns
from gestae.ground.places.resolver import Resolution, Resolver, Toponym

__all__ = [
    "Candidate",
    "Gazetteer",
    "GazetteerPlace",
    "Geoparser",
    "Resolution",
    "Resolver",
    "Toponym",
    "default_cache_dir",
    "default_geoparser",
    "entity_patterns",
    "geoparse_text",
    "is_metonymic_actor",
    "normalize_name",
]
