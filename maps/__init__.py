"""Maps: geometry, GIS import and export, the spatial index and map rendering."""
