import { NextResponse } from "next/server";
import { callerFrom } from "@/lib/access/caller";
import { getServices } from "@/lib/composition-root";
import { maxSubmitBodyBytes, type RequestKind, submitQuerySchema } from "@/lib/contract";
import { MAX_MULTI_IMAGES } from "@/lib/domain";
import { getEnv } from "@/lib/env";
import { requestBaseUrl } from "@/lib/http/base-url";
import { otherMethods } from "@/lib/http/methods";
import { parseQuery, readJsonBody, withErrors } from "@/lib/http/respond";

const IMAGES: Record<RequestKind, number> = { text: 0, edit: 1, multi: MAX_MULTI_IMAGES };

/**
 * The submit of one model as WaveSpeed serves it, with `enable_sync_mode`, `enable_base64_output` and
 * `?webhook=`. The body may carry base64 images, so its cap grows by one image's worth per image the
 * model takes. With ACCESS_TOKEN set, the proxy has checked the Bearer header.
 */
export function servedSubmitRoute(kind: RequestKind) {
  const POST = withErrors(async (request) => {
    const { webhook } = parseQuery(submitQuerySchema, request);
    const body = await readJsonBody(request, maxSubmitBodyBytes(getEnv().MAX_BODY_BYTES, IMAGES[kind]));
    const { status, envelope } = await getServices().served.submit({
      kind,
      body,
      webhook,
      baseUrl: requestBaseUrl(request.headers),
      signal: request.signal,
      caller: callerFrom(request.headers),
      idempotencyKey: request.headers.get("idempotency-key"),
    });
    return NextResponse.json(envelope, { status });
  });
  return { POST, ...otherMethods({ POST }) };
}
