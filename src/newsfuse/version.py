"""The version of newsfuse (the package exports it as ``newsfuse.__version__``)."""

__version__ = "0.1.0"
