"""The types every layer shares: the edition model, results, errors, messages and the vocabulary."""

__version__ = "0.1.0"  # the package's version (qingdan.__version__), here so that every layer can read it
