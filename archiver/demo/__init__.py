"""Blog site simulators (Blogger, WordPress, Substack, generic sites), a local HTTP server and sample sites."""
