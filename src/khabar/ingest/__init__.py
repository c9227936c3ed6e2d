"""Readers that turn files, feeds and archives into article inputs."""
