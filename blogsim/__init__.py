"""Simulated blogs for tests and benchmarks (not installed with archiver).

The WordPress, Substack and generic site simulators, their sample sites, generated Blogger blogs and a
command to serve any of them (``python -m blogsim.serve``). The Blogger model, pages and server are
``archiver.demo``'s, which ``archiver demo`` needs: blogsim imports them, never the other way round.
"""
