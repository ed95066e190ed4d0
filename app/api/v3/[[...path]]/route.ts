import { servedPath } from "../served-submit";

export const dynamic = "force-dynamic";

/**
 * Every other path under /api/v3 (and /api/v3 itself): the model paths of the registry take a
 * submit; anything else is a JSON 404 that names it, and for an unknown Kontext model the ones served.
 */
export {
  servedPath as DELETE,
  servedPath as GET,
  servedPath as OPTIONS,
  servedPath as PATCH,
  servedPath as POST,
  servedPath as PUT,
};
