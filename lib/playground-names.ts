/**
 * Names and numbers of the playground's own API that pages need without its schemas (zod stays out
 * of a page's first load): event names, page sizes, link shapes. lib/playground-api.ts re-exports them.
 */

/** How many earlier runs the playground shows before "Load earlier runs". */
export const EARLIER_PAGE_SIZE = 12;

/** Server-sent event names on `/api/events`. */
export const PREDICTION_EVENT = "prediction";
export const DELETED_EVENT = "deleted";
/** Changes may have been missed (the server's event bus reconnected): read everything shown afresh. */
export const RESYNC_EVENT = "resync";

/** `?download` makes the server send the original as an attachment named from the prompt and seed. */
export const downloadUrl = (output: { url: string }) => `${output.url}${output.url.includes("?") ? "&" : "?"}download`;

/** How densely the playground lists its runs. */
export const DENSITIES = ["comfortable", "compact"] as const;
export type Density = (typeof DENSITIES)[number];
/**
 * The cookie that remembers a browser's density: a cookie rather than localStorage, so the server
 * renders the list as it will stay, and no image starts loading at the size of the other layout.
 */
export const DENSITY_COOKIE = "kontext.density";
export const densityOf = (value: string | undefined): Density => (value === "compact" ? "compact" : "comfortable");
