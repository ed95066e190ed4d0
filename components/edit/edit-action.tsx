"use client";

import { PencilIcon } from "@/components/ui/icons";
import { NavLink } from "@/components/ui/nav-link";
import { editHref } from "@/lib/view/form-values";

type Props = {
  runId: string;
  imageUrl: string;
  /** Position in the run, as people count (1-based), for the accessible name. */
  position: number;
  /** `overlay`: on an image; `plain`: in a row of controls; `button`: a labelled button ("Continue from here"). */
  look?: "overlay" | "plain" | "button";
  label?: string;
};

/** "Edit": opens the playground's form in edit mode with this image as its input, recorded as an edit of its run. */
export function EditAction({ runId, imageUrl, position, look = "overlay", label }: Props) {
  const style =
    look === "overlay"
      ? "size-8 rounded-full bg-surface/85 shadow backdrop-blur hover:bg-surface"
      : look === "plain"
        ? "h-8 rounded-lg px-2 hover:bg-muted"
        : "h-8 rounded-lg border border-border px-3 font-medium hover:bg-muted";
  return (
    <NavLink
      href={editHref(runId, imageUrl)}
      aria-label={label ?? `Edit image ${position}`}
      title="Edit this image with an instruction"
      data-testid="edit-action"
      onClick={(event) => event.stopPropagation()}
      className={`inline-flex items-center justify-center gap-1 text-xs text-fg-muted hover:text-fg ${style}`}
    >
      <PencilIcon />
      {look === "button" && <span>{label ?? "Edit"}</span>}
    </NavLink>
  );
}
