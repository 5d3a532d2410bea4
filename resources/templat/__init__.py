"""Letter templates shipped with the program (built by tools/make_templates.py)."""
