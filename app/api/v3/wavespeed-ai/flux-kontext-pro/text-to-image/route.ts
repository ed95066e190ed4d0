import { NextResponse } from "next/server";
import { callerFrom } from "@/lib/access/caller";
import { getServices } from "@/lib/composition-root";
import { getEnv } from "@/lib/env";
import { requestBaseUrl } from "@/lib/http/base-url";
import { otherMethods } from "@/lib/http/methods";
import { readJsonBody, withErrors } from "@/lib/http/respond";
import { toEnvelope } from "@/lib/predictions/views";

export const dynamic = "force-dynamic";

/** Submit, as WaveSpeed serves it. With ACCESS_TOKEN set, the proxy has checked the Bearer header. */
export const POST = withErrors(async (request) => {
  const body = await readJsonBody(request, getEnv().MAX_BODY_BYTES);
  const record = await getServices().predictions.submit(body, {
    caller: callerFrom(request.headers),
    idempotencyKey: request.headers.get("idempotency-key"),
  });
  return NextResponse.json(toEnvelope(record, requestBaseUrl(request.headers)));
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
