"""Search stage: hybrid retrieval over the index and sentence-level reranking."""
