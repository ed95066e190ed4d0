"use client";

import type { ComponentType } from "react";
import { NoteEditor } from "@/components/annotations/note-editor";
import { BeforeAfter } from "@/components/edit/before-after";
import { LiveGallery } from "@/components/gallery/live-gallery";
import { QueryProvider } from "@/components/layout/query-provider";
import { ShareActions } from "./share-actions";

/** A part with the query cache it reads around it. */
function withQueries<P extends object>(Part: ComponentType<P>) {
  return function WithQueries(props: P) {
    return (
      <QueryProvider>
        <Part {...props} />
      </QueryProvider>
    );
  };
}

/*
 * The owner's parts of a share page, in one module: fetched together, they share one copy of
 * TanStack Query and the prediction client instead of one each. An edit's before/after is here
 * because its result carries the owner's image actions (star, select, Edit).
 */
export const OwnerActionsPart = withQueries(ShareActions);
export const LiveGalleryPart = withQueries(LiveGallery);
export const NoteEditorPart = withQueries(NoteEditor);
export const BeforeAfterPart = withQueries(BeforeAfter);
