"""Reports: figures and documents of evaluated designs (needs the ``plot`` extra)."""
