import { NextResponse } from "next/server";
import { getServices } from "@/lib/composition-root";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** The secret this server signs its webhooks with, at the path WaveSpeed serves its own. */
export const GET = withErrors(async () =>
  NextResponse.json(
    { code: 200, message: "success", data: { secret: getServices().served.webhookSecret() } },
    { headers: { "Cache-Control": "no-store" } },
  ),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
