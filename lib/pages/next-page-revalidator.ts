import "server-only";
import { revalidateTag } from "next/cache";
import { log } from "../log";
import { heldPages } from "./held-pages";
import type { PageRevalidator } from "./page-revalidator";

/**
 * Revalidates through Next's cache (`revalidateTag`), expiring at once: the next view of a
 * changed page is rendered again rather than served stale, so a deleted run is never shown
 * after its delete returned. Next takes tags only while it handles a request (a route handler);
 * a change made outside one (a background task) is left to the pages' time-based revalidation.
 * The proxy's held copies (lib/pages/held-pages.ts) are dropped either way.
 */
export const nextPageRevalidator: PageRevalidator = {
  revalidate(tags) {
    heldPages().forget(tags);
    for (const tag of tags) {
      try {
        revalidateTag(tag, { expire: 0 });
      } catch (error) {
        log.debug("a page tag could not be revalidated outside a request", { tag, error: String(error) });
      }
    }
  },
};
