import { getServices } from "@/lib/composition-root";
import { AppError } from "@/lib/errors";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** An uploaded file at its download URL, for 7 days; edits that used it keep their own copy. */
export const GET = withErrors<{ params: Promise<{ id: string }> }>(async (_request, { params }) => {
  const { id } = await params;
  const found = await getServices().uploads.open(id);
  if (!found) throw new AppError("not_found", "No such upload: it never was, or its 7 days are over.", "id");
  return new Response(found.blob.body, {
    headers: {
      "Content-Type": found.contentType,
      "Content-Length": String(found.blob.size),
      "Cache-Control": "private, max-age=3600",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
