"""Authoring tools: draft a brief from an article, coverage reports, gaps from the traffic log."""
