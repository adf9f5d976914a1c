"""Serve any simulated site by hand: ``python -m blogsim.serve --platform wordpress`` (from the repository root).

``python -m archiver.demo.server`` serves only the demo's sample blog; this also serves a generated Blogger
blog of any size and the WordPress, Substack and generic samples the tests crawl.
"""

from __future__ import annotations

import argparse

from archiver.demo.sample import sample_site
from archiver.demo.server import BlogServer, Site, serve_until_interrupted
from blogsim.blogger import generate_site
from blogsim.platform_samples import sample_generic, sample_substack, sample_wordpress


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m blogsim.serve",
        description="Serve a simulated blog on 127.0.0.1.",
        epilog="Example: python -m blogsim.serve --platform blogger --generate 2000 --template theme",
    )
    parser.add_argument("--platform", choices=("blogger", "wordpress", "substack", "generic"), default="blogger",
                        help="which sample site to serve (default: the Blogger blog)")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: a free one)")
    parser.add_argument("--template", choices=("classic", "layout", "theme"), default="layout",
                        help="template generation of a Blogger blog")
    parser.add_argument("--generate", type=int, metavar="N", help="serve a generated Blogger blog of N posts instead")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated blog")
    parser.add_argument("--variant", choices=("sitemap", "links", "feed"), default="links",
                        help="discovery variant of the generic site")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    site: Site
    if args.platform == "blogger":
        blog = generate_site(args.generate, args.seed, args.template) if args.generate else sample_site(args.template)
        site, what = blog, f"{blog.title!r} ({len(blog.posts)} posts, {blog.template} template)"
    else:
        site = {"wordpress": sample_wordpress, "substack": sample_substack,
                "generic": lambda: sample_generic(args.variant)}[args.platform]()
        what = f"the sample {args.platform} site"
    serve_until_interrupted(BlogServer(site, port=args.port, quiet=not args.verbose), what)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
