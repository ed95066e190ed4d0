"use client";

import { type ComponentType, useEffect, useRef, useState } from "react";
import type { EditInputs as EditInputsType } from "@/components/edit/edit-inputs";
import { ChevronIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import type { EditState } from "@/lib/view/form-values";

// The picture inputs (upload with progress, URLs, drop and paste) are fetched once the form is in use, not with the page.
const loadEditInputs = () => import("@/components/edit/edit-inputs").then((module) => module.EditInputs);

/** An image dropped or pasted before the inputs had loaded: handed to them again once they listen. */
type Waiting = { kind: "drop" | "paste"; file: File };

const imageOf = (transfer: DataTransfer | null) =>
  Array.from(transfer?.files ?? []).find((file) => file.type.startsWith("image/"));

function replay({ kind, file }: Waiting, form: HTMLFormElement | null) {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  if (kind === "drop") form?.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  else document.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
}

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
  const [Inputs, setInputs] = useState<ComponentType<Parameters<typeof EditInputsType>[0]> | null>(null);
  const [waiting, setWaiting] = useState<Waiting | null>(null);
  const slot = useRef<HTMLDetailsElement>(null);
  const needed = editing || open || wanted || waiting !== null;

  useEffect(() => {
    if (needed && !Inputs) void loadEditInputs().then((loaded) => setInputs(() => loaded));
  }, [needed, Inputs]);

  // Until the inputs listen, a dropped or pasted image is kept for them.
  useEffect(() => {
    if (Inputs) return;
    const form = slot.current?.closest("form");
    const keep = (kind: Waiting["kind"]) => (event: DragEvent | ClipboardEvent) => {
      const file = imageOf("dataTransfer" in event ? event.dataTransfer : event.clipboardData);
      if (!file) return;
      event.preventDefault();
      setWaiting({ kind, file });
    };
    const onDrop = keep("drop");
    const onPaste = keep("paste");
    form?.addEventListener("drop", onDrop);
    document.addEventListener("paste", onPaste);
    return () => {
      form?.removeEventListener("drop", onDrop);
      document.removeEventListener("paste", onPaste);
    };
  }, [Inputs]);

  // The inputs' own listeners are set in their effect, which runs before this one.
  useEffect(() => {
    if (!Inputs || !waiting) return;
    replay(waiting, slot.current?.closest("form") ?? null);
    setWaiting(null);
  }, [Inputs, waiting]);

  return (
    <details
      ref={slot}
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
        <span className="hidden text-xs sm:inline">(edit it with an instruction)</span>
      </summary>
      <div className={editing ? "" : "pt-3"}>
        {Inputs ? (
          <Inputs edit={edit} error={error} onChange={onChange} />
        ) : editing || open ? (
          <Skeleton className="h-24 w-full" />
        ) : null}
      </div>
    </details>
  );
}
