"""Search: a pluggable backend (embedded by default, Elasticsearch at scale) and the search pages."""
