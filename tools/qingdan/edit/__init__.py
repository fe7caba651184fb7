"""Commands that change an edition's files: fmt, rename-unit, renumber, import, new-edition."""
