"""evalsite: publish evaluation reports, management responses and follow-up actions as a
trilingual static site. Content (YAML + Markdown) → model → pages per language → MkDocs."""
