import { safeParse } from "zod/mini";
import { errorEnvelopeSchema, uploadedEnvelopeSchema } from "@/lib/contract";
import { AppError } from "@/lib/errors";

/**
 * Sends one picture to `POST /api/v3/media/upload/binary` and answers its path on this server.
 * XMLHttpRequest, not fetch: only it reports the upload's progress. A refusal comes back as the
 * server's AppError (its message names what is wrong with the file).
 */
export function uploadImage(file: File, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/v3/media/upload/binary");
    request.responseType = "json";
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onerror = () => reject(new AppError("upstream_unavailable", "The upload did not reach the server; try again."));
    request.onload = () => {
      const body: unknown = request.response;
      if (request.status >= 200 && request.status < 300) {
        const parsed = safeParse(uploadedEnvelopeSchema, body);
        if (parsed.success) return resolve(new URL(parsed.data.data.download_url).pathname);
      }
      const envelope = safeParse(errorEnvelopeSchema, body);
      reject(
        envelope.success
          ? AppError.fromEnvelope(envelope.data)
          : new AppError("internal", `The upload failed (HTTP ${request.status}).`),
      );
    };
    const form = new FormData();
    form.append("file", file, file.name || "pasted.png");
    request.send(form);
  });
}
