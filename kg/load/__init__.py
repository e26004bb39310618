"""The load stage: an article folder becomes an ``Article`` (text, validated mapping, sentences)."""

from kg.load.load import DRAFT_FILE, Article, Span, articles_in, discover, load_article, mapping_file, unreviewed

__all__ = ["DRAFT_FILE", "Article", "Span", "articles_in", "discover", "load_article", "mapping_file", "unreviewed"]
