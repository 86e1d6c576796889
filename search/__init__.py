"""Search: a library that knows no app. Apps register their documents (``search.registry``); a pluggable
backend (embedded by default, Elasticsearch at scale) stores them; signals keep it in step; the search pages."""
