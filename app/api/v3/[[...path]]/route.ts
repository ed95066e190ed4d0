import { withErrors } from "@/lib/http/respond";
import { notServed } from "@/lib/predictions/served/served-api";

export const dynamic = "force-dynamic";

/** Every other path under /api/v3 (and /api/v3 itself): a JSON 404 that names it, and for another Kontext model the one served. */
const answer = withErrors<{ params: Promise<{ path?: string[] }> }>(async (request, { params }) => {
  throw notServed(request.method, (await params).path ?? []);
});

export { answer as DELETE, answer as GET, answer as PATCH, answer as POST, answer as PUT };
