import { getServices } from "@/lib/composition-root";
import { otherMethods } from "@/lib/http/methods";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics of this instance (prom-client's text format): the owner's, or a scraper's with
 * METRICS_TOKEN (the gate decides). With several instances each serves its own; docs/OPERATIONS.md
 * says which to sum.
 */
export async function GET() {
  const { body, contentType } = await getServices().metrics.scrape();
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
