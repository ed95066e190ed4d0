import { NextResponse } from "next/server";
import { callerFrom } from "@/lib/access/caller";
import { getServices } from "@/lib/composition-root";
import { maxSubmitBodyBytes } from "@/lib/contract";
import { MAX_MULTI_IMAGES } from "@/lib/domain";
import { getEnv } from "@/lib/env";
import { requestBaseUrl } from "@/lib/http/base-url";
import { otherMethods } from "@/lib/http/methods";
import { parseBody, parseQuery, readJsonBody, withErrors } from "@/lib/http/respond";
import { historyQuerySchema, submitRequestSchema, toHistoryQuery } from "@/lib/playground-api";
import { toHistoryPage, toView } from "@/lib/predictions/wire/views";

export const dynamic = "force-dynamic";

/**
 * The served contract's body (text-to-image, or an edit: `image`, or `images` for multi), plus `parent`
 * for a run made from another: one schema, parsed here, and the service takes the typed run.
 */
export const POST = withErrors(async (request) => {
  const body = await readJsonBody(request, maxSubmitBodyBytes(getEnv().MAX_BODY_BYTES, MAX_MULTI_IMAGES));
  const { parent, ...run } = parseBody(submitRequestSchema, body);
  const baseUrl = requestBaseUrl(request.headers);
  const record = await getServices().predictions.submit(run, {
    caller: callerFrom(request.headers),
    idempotencyKey: request.headers.get("idempotency-key"),
    parent,
    baseUrl,
  });
  return NextResponse.json(toView(record, baseUrl), { status: 201 });
});

/** History, newest first, with a cursor for the next page. */
export const GET = withErrors(async (request) => {
  const { limit, cursor, ...filters } = parseQuery(historyQuerySchema, request);
  const history = await getServices().predictions.history({ limit, cursor, ...toHistoryQuery(filters) });
  return NextResponse.json(toHistoryPage(history, requestBaseUrl(request.headers)), { headers: { "Cache-Control": "no-store" } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
