/**
 * Tells the page cache that what some pages show has changed, by tag (`predictionTag`): their next view renders them again. Next's own cache does it in this process
 * today (`next-page-revalidator.ts`); several instances would fan it out to each other, or share a
 * cache handler, behind this same interface.
 */
export interface PageRevalidator {
  revalidate(tags: readonly string[]): void;
}

/** For tests and scripts that run the services without Next. */
export const noPageRevalidation: PageRevalidator = { revalidate: () => {} };
