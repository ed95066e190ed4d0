import { NextResponse } from "next/server";
import { callerFrom } from "@/lib/access/caller";
import { getServices } from "@/lib/composition-root";
import { submitQuerySchema } from "@/lib/contract";
import { getEnv } from "@/lib/env";
import { requestBaseUrl } from "@/lib/http/base-url";
import { otherMethods } from "@/lib/http/methods";
import { parseQuery, readJsonBody, withErrors } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/**
 * Submit, as WaveSpeed serves it, with `enable_sync_mode`, `enable_base64_output` and `?webhook=`.
 * With ACCESS_TOKEN set, the proxy has checked the Bearer header.
 */
export const POST = withErrors(async (request) => {
  const { webhook } = parseQuery(submitQuerySchema, request);
  const body = await readJsonBody(request, getEnv().MAX_BODY_BYTES);
  const { status, envelope } = await getServices().served.submit({
    body,
    webhook,
    baseUrl: requestBaseUrl(request.headers),
    signal: request.signal,
    caller: callerFrom(request.headers),
    idempotencyKey: request.headers.get("idempotency-key"),
  });
  return NextResponse.json(envelope, { status });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
