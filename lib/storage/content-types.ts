/** The image types the playground stores, and their file extensions. */
export const IMAGE_EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/gif": "gif",
  "image/avif": "avif",
};

const CONTENT_TYPES = Object.fromEntries(Object.entries(IMAGE_EXTENSIONS).map(([type, extension]) => [extension, type]));

export const extensionFor = (contentType: string) => IMAGE_EXTENSIONS[contentType] ?? "bin";

/** The content type a key's extension stands for; stores that keep no metadata read it back this way. */
export const contentTypeFor = (key: string) => CONTENT_TYPES[key.slice(key.lastIndexOf(".") + 1)] ?? "application/octet-stream";
