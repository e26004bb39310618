"""Stage 1 — load: an article folder becomes an ``Article`` (text, validated mapping, sentences)."""

from kg.article.load import Article, Span, discover, load_article

__all__ = ["Article", "Span", "discover", "load_article"]
