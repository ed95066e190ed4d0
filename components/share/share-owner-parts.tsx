"use client";

import type { ComponentProps } from "react";
import { NoteEditor } from "@/components/annotations/note-editor";
import { BeforeAfter } from "@/components/edit/before-after";
import { LiveGallery } from "@/components/gallery/live-gallery";
import { QueryProvider } from "@/components/layout/query-provider";
import { ShareActions } from "./share-actions";

/**
 * The owner's parts of a share page, each with the query cache it reads, in one module: fetched
 * together, they share one copy of TanStack Query and the prediction client instead of one each.
 */
export function OwnerActionsPart(props: ComponentProps<typeof ShareActions>) {
  return (
    <QueryProvider>
      <ShareActions {...props} />
    </QueryProvider>
  );
}

export function LiveGalleryPart(props: ComponentProps<typeof LiveGallery>) {
  return (
    <QueryProvider>
      <LiveGallery {...props} />
    </QueryProvider>
  );
}

export function NoteEditorPart(props: ComponentProps<typeof NoteEditor>) {
  return (
    <QueryProvider>
      <NoteEditor {...props} />
    </QueryProvider>
  );
}

/** An edit's before/after with the owner's controls on its result (star, select, Edit). */
export function BeforeAfterPart(props: ComponentProps<typeof BeforeAfter>) {
  return (
    <QueryProvider>
      <BeforeAfter {...props} />
    </QueryProvider>
  );
}
