"use client";

import { useRouter } from "next/navigation";
import type { ComponentProps, MouseEvent } from "react";

/**
 * A link to another page of the playground, followed without a full load (the router's `push`, so
 * the query cache and the page's scripts stay). Next's `Link` does the same and prefetches links as
 * they scroll into view, which costs every page 2.6 KB of script (gzip); the pages here are rendered
 * per request, so a prefetch would fetch little ahead. A click with a modifier, another button, a
 * target or a download stays the browser's.
 */
export function NavLink({ href, onClick, ...props }: ComponentProps<"a"> & { href: string }) {
  const router = useRouter();
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0;
    const elsewhere = (props.target !== undefined && props.target !== "_self") || props.download !== undefined;
    if (event.defaultPrevented || modified || elsewhere) return;
    event.preventDefault();
    router.push(href);
  };
  return <a href={href} onClick={follow} {...props} />;
}
