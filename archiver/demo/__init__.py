"""The sample Blogger blog that `archiver demo` archives, and the local HTTP server that serves it.

The tests' and benchmarks' other simulated sites are in the repository's ``blogsim`` package, not installed.
"""
