import { siteUrl } from "@/lib/http/base-url";
import { sharePage } from "./share-page";

/**
 * A finished run's share page: rendered on its first view, then served from Next's cache to every
 * viewer (incremental static regeneration; lib/pages/cache-handler.ts keeps it, shared by every
 * instance). Its links name the site's own address. The proxy sends every other view here (a run
 * in progress, an id that is not there, another address) to `live/`, rendered per request.
 */
export const revalidate = 60;
export const dynamicParams = true;
// Never rendered per request: the page would then go out without the policy stored with it.
export const dynamic = "error";
// None at build time: each page is rendered on its first view, by the server holding the runs.
export const generateStaticParams = () => [];

const page = sharePage(async () => siteUrl());
export const generateMetadata = page.generateMetadata;
export default page.SharePage;
