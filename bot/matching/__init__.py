"""Matching: text folding, the analyzer, scorers and the decision policy. Pure and synchronous."""
