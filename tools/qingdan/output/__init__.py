"""What is shown and exported: validate's renderers, exports, task sheets, changelogs, the site."""
