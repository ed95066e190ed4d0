"use client";

import { type DragEvent, useEffect, useRef, useState } from "react";
import { CloseIcon } from "@/components/ui/icons";
import { uploadImage } from "@/lib/browser/upload-image";
import { MAX_MULTI_IMAGES } from "@/lib/domain";
import { isAppError } from "@/lib/errors";
import type { EditState } from "@/lib/view/form-values";
import { InputThumb } from "./input-thumb";
import { UrlInput } from "./url-input";

type Props = { edit: EditState; error?: string; onChange: (edit: EditState) => void };

const imageFileOf = (files: FileList | null | undefined) =>
  Array.from(files ?? []).find((file) => file.type.startsWith("image/"));

/**
 * The pictures an edit starts from: thumbnails that can be removed, and ways to add one (drop it on
 * the form, paste it, pick a file, or give a URL). A file is uploaded at once, with its progress; a
 * refused file shows the server's message. "Multi" takes 2 to 4 pictures under one instruction.
 */
export function EditInputs({ edit, error, onChange }: Props) {
  const zone = useRef<HTMLDivElement>(null);
  const latest = useRef(edit);
  latest.current = edit;
  const [progress, setProgress] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const room = edit.multi ? MAX_MULTI_IMAGES : 1;

  const add = (ref: string) => {
    const current = latest.current;
    // Without Multi a new picture takes the place of the one there.
    const images = current.multi ? [...current.images, ref].slice(0, MAX_MULTI_IMAGES) : [ref];
    onChange({ ...current, images });
  };
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setRefusal(null);
    setProgress(0);
    try {
      add(await uploadImage(file, setProgress));
    } catch (caught) {
      setRefusal(isAppError(caught) ? caught.message : "The upload failed.");
    } finally {
      setProgress(null);
    }
  };
  const uploadRef = useRef(upload);
  uploadRef.current = upload;

  // Drop anywhere on the form, and paste anywhere on the page, count as adding a picture.
  useEffect(() => {
    const form = zone.current?.closest("form");
    const onDragOver = (event: Event) => event.preventDefault();
    const onDrop = (event: globalThis.DragEvent) => {
      const file = imageFileOf(event.dataTransfer?.files) ?? event.dataTransfer?.files[0];
      if (!file) return;
      event.preventDefault();
      void uploadRef.current(file);
    };
    const onPaste = (event: ClipboardEvent) => {
      const file = imageFileOf(event.clipboardData?.files);
      if (!file) return;
      event.preventDefault();
      void uploadRef.current(file);
    };
    form?.addEventListener("dragover", onDragOver);
    form?.addEventListener("drop", onDrop);
    document.addEventListener("paste", onPaste);
    return () => {
      form?.removeEventListener("dragover", onDragOver);
      form?.removeEventListener("drop", onDrop);
      document.removeEventListener("paste", onPaste);
    };
  }, []);

  const remove = (index: number) => onChange({ ...edit, images: edit.images.filter((_, at) => at !== index) });
  const message = refusal ?? error;

  return (
    <fieldset className="flex flex-col gap-2" data-testid="edit-inputs">
      <legend className="mb-1 text-sm font-medium">Input picture{edit.multi ? "s" : ""}</legend>
      {edit.images.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label="Input pictures">
          {edit.images.map((ref, index) => (
            // The same picture may be given twice (multi); its place in the list is part of what it is.
            // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity here
            <li key={`${index}:${ref}`} className="relative">
              <InputThumb src={ref} />
              <button
                type="button"
                onClick={() => remove(index)}
                aria-label={`Remove input picture ${index + 1}`}
                className="absolute -top-2 -right-2 grid size-6 place-items-center rounded-full bg-surface shadow hover:bg-muted"
              >
                <CloseIcon className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse; the file input inside serves the keyboard */}
      <div
        ref={zone}
        onDragOver={(event: DragEvent) => event.preventDefault()}
        className="flex flex-col gap-2 rounded-xl border border-dashed border-border px-3 py-2 text-sm"
      >
        <label className="cursor-pointer font-medium text-accent has-focus-visible:outline-2 has-focus-visible:outline-accent">
          {edit.images.length >= room ? "Replace the picture" : "Start from your own image"}
          <span className="font-normal text-fg-muted"> : pick, drop or paste a JPEG, PNG, WebP or GIF</span>
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif"
            className="sr-only"
            data-testid="edit-file"
            onChange={(event) => {
              void upload(event.target.files?.[0]);
              event.target.value = "";
            }}
          />
        </label>
        <UrlInput onUrl={add} />
        {progress !== null && (
          <progress value={progress} max={1} aria-label="Upload progress" className="h-1.5 w-full accent-(--accent)">
            {Math.round(progress * 100)}%
          </progress>
        )}
      </div>
      {message && (
        <p role="alert" className="text-xs text-danger" data-testid="edit-inputs-error">
          {message}
        </p>
      )}
      {edit.images.length > 0 && (
        <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={edit.multi}
              onChange={(event) =>
                onChange({
                  ...edit,
                  multi: event.target.checked,
                  images: event.target.checked ? edit.images : edit.images.slice(0, 1),
                })
              }
              className="size-4 accent-(--accent)"
            />
            Multi: combine 2 to 4 pictures
          </label>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={edit.matchInput}
              onChange={(event) => onChange({ ...edit, matchInput: event.target.checked })}
              className="size-4 accent-(--accent)"
            />
            Aspect ratio: match input
          </label>
        </div>
      )}
    </fieldset>
  );
}
