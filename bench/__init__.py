"""Benchmarks of the build and the service against peer SPARQL servers (``make bench``)."""
