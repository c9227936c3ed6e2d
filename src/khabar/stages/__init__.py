"""Built-in stages: one short adapter per layer over its engine, named in ``khabar/builtins.toml``."""
