// The types of the shim Next loads by path (cache-handler.mjs): the handler of cache-handler.ts.
export { PageCacheHandler as default } from "./cache-handler";
