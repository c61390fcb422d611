"""Adapters that let other frameworks use the assistant's stages (optional extras)."""
