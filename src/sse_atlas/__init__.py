"""SSE Atlas: an open knowledge base of the social and solidarity economy."""

__version__ = "0.1.0"
