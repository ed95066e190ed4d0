import { NextResponse } from "next/server";
import { getServices } from "@/lib/composition-root";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { withErrors } from "@/lib/http/respond";
import { requireSameOrigin } from "@/lib/http/same-origin";
import { saveUpload } from "@/lib/http/upload";

export const dynamic = "force-dynamic";

const ZIP_TYPES = ["application/zip", "application/x-zip-compressed", "application/octet-stream"];

/** Imports an export zip sent as the raw body: all or nothing, runs already here skipped. */
export const POST = withErrors(async (request) => {
  requireSameOrigin(request);
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!ZIP_TYPES.includes(type))
    throw new AppError("unsupported_media_type", "Send the export as the request body with Content-Type: application/zip.");
  const upload = await saveUpload(request, getEnv().MAX_IMPORT_BYTES);
  try {
    return NextResponse.json(await getServices().archive.import(upload.file));
  } finally {
    await upload.remove();
  }
});
