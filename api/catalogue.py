"""The data catalogue: every dataset the site publishes, with a DCAT-AP description in JSON-LD."""
