"""HTTP API over the ceasefire knowledge graph."""
