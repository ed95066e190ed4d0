"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { ChevronIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import type { EditState } from "@/lib/view/form-values";

// The picture inputs (upload with progress, URLs, drop and paste) are fetched once the form is in use, not with the page.
export const loadEditInputs = () => import("@/components/edit/edit-inputs");
const EditInputs = dynamic(() => loadEditInputs().then((module) => module.EditInputs), {
  ssr: false,
  loading: () => <Skeleton className="h-24 w-full" />,
});

type Props = {
  edit: EditState;
  error?: string;
  onChange: (edit: EditState) => void;
  /** The form is in use (focus, pointer, a file dragged over it): its pictures' controls are wanted. */
  wanted: boolean;
};

/**
 * The pictures an edit starts from, under the prompt. Without one it is a single closed line ("Start
 * from a picture"), though dropping or pasting an image anywhere still starts an edit; with one it
 * stays open.
 */
export function PictureSlot({ edit, error, onChange, wanted }: Props) {
  const editing = edit.images.length > 0;
  const [open, setOpen] = useState(false);
  return (
    <details
      open={editing || open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      className="group"
      data-testid="picture-slot"
    >
      <summary
        className={`flex cursor-pointer list-none items-center gap-2 rounded-lg text-sm text-fg-muted hover:text-fg [&::-webkit-details-marker]:hidden ${editing ? "sr-only" : ""}`}
      >
        <ChevronIcon direction="right" className="shrink-0 transition-transform group-open:rotate-90" />
        Start from a picture
        <span className="text-xs">(edit it with an instruction)</span>
      </summary>
      <div className={editing ? "" : "pt-3"}>
        {editing || open || wanted ? <EditInputs edit={edit} error={error} onChange={onChange} /> : null}
      </div>
    </details>
  );
}
