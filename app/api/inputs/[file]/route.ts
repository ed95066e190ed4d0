import { getServices } from "@/lib/composition-root";
import { AppError } from "@/lib/errors";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

const IMMUTABLE = "public, max-age=31536000, immutable";

/** An input picture of an edit, by its hash (`<sha256>.<ext>`), or its thumbnail (`<sha256>.thumb.webp`): content never changes. */
export const GET = withErrors<{ params: Promise<{ file: string }> }>(async (_request, { params }) => {
  const { file } = await params;
  const match = /^([0-9a-f]{64})\.(thumb\.webp|jpg|png|webp)$/.exec(file);
  if (!match) throw new AppError("not_found", `No input image "${file}".`, "file");
  const { predictions } = getServices();
  if (match[2] === "thumb.webp") {
    const bytes = await predictions.files.readInputThumbnail(match[1]);
    return new Response(new Uint8Array(bytes), {
      headers: { "Content-Type": "image/webp", "Content-Length": String(bytes.length), "Cache-Control": IMMUTABLE },
    });
  }
  const { image, blob } = await predictions.files.openInput(match[1]);
  return new Response(blob.body, {
    headers: { "Content-Type": image.contentType, "Content-Length": String(blob.size), "Cache-Control": IMMUTABLE },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
