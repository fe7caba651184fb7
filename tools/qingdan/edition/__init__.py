"""An edition: naming and locating it, its schemas, building it from its files, its unit lineage."""
