import { NextResponse } from "next/server";
import { callerFrom } from "@/lib/access/caller";
import { getServices } from "@/lib/composition-root";
import { getEnv } from "@/lib/env";
import { requestBaseUrl } from "@/lib/http/base-url";
import { parseQuery, readJsonBody, withErrors } from "@/lib/http/respond";
import { historyQuerySchema } from "@/lib/playground-api";
import { toHistoryPage, toView } from "@/lib/predictions/views";

export const dynamic = "force-dynamic";

export const POST = withErrors(async (request) => {
  const body = await readJsonBody(request, getEnv().MAX_BODY_BYTES);
  const record = await getServices().predictions.submit(body, { caller: callerFrom(request.headers) });
  return NextResponse.json(toView(record, requestBaseUrl(request.headers)), { status: 201 });
});

/** History, newest first, with a cursor for the next page. */
export const GET = withErrors(async (request) => {
  const { q, ...query } = parseQuery(historyQuerySchema, request);
  const history = await getServices().predictions.history({ ...query, search: q || undefined });
  return NextResponse.json(toHistoryPage(history, requestBaseUrl(request.headers)), { headers: { "Cache-Control": "no-store" } });
});
