/**
 * What an edit's input is made of: its kind and its pictures. Apart from edit.ts, so the run's
 * parameters (parameters.ts) can name an edit without importing the rules about one.
 */
export const EDIT_KINDS = ["edit", "multi"] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

/** What an input may be stored as; a GIF is accepted and becomes a PNG of its first frame. */
export const INPUT_CONTENT_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type InputContentType = (typeof INPUT_CONTENT_TYPES)[number];

/** One input image of an edit, kept by its content: the same picture is stored once. */
export type InputImage = {
  sha256: string;
  contentType: InputContentType;
  width: number;
  height: number;
  bytes: number;
};

/**
 * What makes a run an edit. `matchInput`: the client gave no aspect ratio, so the output keeps the
 * input's shape; the run's `aspect_ratio` then holds the nearest of the nine, for layout.
 */
export type EditSpec = { kind: EditKind; images: InputImage[]; matchInput: boolean };
