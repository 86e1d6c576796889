"""OGC API - Features (Part 1 Core, Part 2 CRS by reference) at /ogc/."""
