"""Checking an edition: the consistency rules and validation."""
