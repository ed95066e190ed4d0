import { NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { requestBaseUrl } from "@/lib/http/base-url";
import { readJsonBody, withErrors } from "@/lib/http/respond";
import { getPredictions } from "@/lib/predictions";
import { toEnvelope } from "@/lib/predictions/views";

export const dynamic = "force-dynamic";

/** Submit, as WaveSpeed serves it. A Bearer header is accepted and not checked. */
export const POST = withErrors(async (request) => {
  const body = await readJsonBody(request, getEnv().MAX_BODY_BYTES);
  const record = getPredictions().submit(body);
  return NextResponse.json(toEnvelope(record, requestBaseUrl(request.headers)));
});
