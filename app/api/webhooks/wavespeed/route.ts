import { NextResponse } from "next/server";
import { getServices } from "@/lib/composition-root";
import { getEnv } from "@/lib/env";
import { otherMethods } from "@/lib/http/methods";
import { readTextBody, withErrors } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** WaveSpeed posts a finished task here; unsigned or forged calls get 401. */
export const POST = withErrors(async (request) => {
  const rawBody = await readTextBody(request, Math.max(getEnv().MAX_BODY_BYTES, 1024 * 1024));
  await getServices().predictions.receiveWebhook(request.headers, rawBody);
  return NextResponse.json({ code: 200, message: "success", data: null });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
