// Next's cache handler (next.config.ts `cacheHandler`). Next loads it by path, outside its bundle,
// at build and at run time, so it is plain JavaScript; tsx compiles the handler's TypeScript once.
import { tsImport } from "tsx/esm/api";

const { PageCacheHandler } = await tsImport("./cache-handler.ts", import.meta.url);

export default PageCacheHandler;
