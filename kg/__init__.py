"""ceasefire-kg: a knowledge graph of ceasefire timelines."""
