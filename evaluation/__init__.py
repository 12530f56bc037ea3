"""NLU evaluation: the held-out gates, the reports on the development, blind and safety sets, and the
comparisons that chose the pipeline and the language identifier."""
