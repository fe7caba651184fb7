"""The types every layer shares: the edition model, results, errors, messages and the vocabulary."""
