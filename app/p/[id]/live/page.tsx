import { headers } from "next/headers";
import { requestBaseUrl } from "@/lib/http/base-url";
import { sharePage } from "../share-page";

/**
 * A share page rendered per request, with a nonce: a run still in progress (it changes by itself),
 * an id that is not there, or a view under an address other than the site's own, whose links name
 * that address. The proxy rewrites `/p/{id}` here; a finished run's page is cached (`../page.tsx`).
 */
const page = sharePage(async () => requestBaseUrl(await headers()));
export const generateMetadata = page.generateMetadata;
export default page.SharePage;
