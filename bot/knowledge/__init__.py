"""Knowledge: frozen dataclasses, validation, loading, and the shipped briefs as package data."""
