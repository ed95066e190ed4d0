import { NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { readTextBody, withErrors } from "@/lib/http/respond";
import { receiveWebhook } from "@/lib/predictions/webhooks";

export const dynamic = "force-dynamic";

/** WaveSpeed posts a finished task here; unsigned or forged calls get 401. */
export const POST = withErrors(async (request) => {
  const rawBody = await readTextBody(request, Math.max(getEnv().MAX_BODY_BYTES, 1024 * 1024));
  await receiveWebhook(request.headers, rawBody);
  return NextResponse.json({ code: 200, message: "success", data: null });
});
