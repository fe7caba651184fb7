"""Reading and writing files: YAML loading and its hints, canonical writing, atomic and journalled writes, locks."""
