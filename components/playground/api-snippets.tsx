"use client";

import { useId, useState } from "react";
import { ChevronIcon } from "@/components/ui/icons";
import { lazyPart } from "@/components/ui/lazy-part";
import { Skeleton } from "@/components/ui/skeleton";
import type { EditState, FormValues } from "@/lib/view/form-values";

// Few people open it: the panel (and the snippet builder) load on first open, not with the page.
const loadPanel = () => import("./api-snippets-panel");
const ApiSnippetsPanel = lazyPart(
  () => loadPanel().then((module) => module.ApiSnippetsPanel),
  <Skeleton className="h-72 w-full" />,
);

/** "</> API": a disclosure under the form with curl / JavaScript / Python for the current values. */
export function ApiSnippets({ values, edit }: { values: FormValues; edit?: EditState }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();

  return (
    <div className="mt-3 flex flex-col gap-2">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((current) => !current)}
        // Warm the chunk while the pointer travels, so the panel opens without a flash.
        onPointerEnter={loadPanel}
        onFocus={loadPanel}
        className="inline-flex items-center gap-1.5 self-start rounded-lg px-2 py-1 text-sm font-medium text-fg-muted transition-colors hover:bg-muted hover:text-fg"
      >
        <span aria-hidden="true" className="font-mono text-xs">
          {"</>"}
        </span>
        API snippets
        <ChevronIcon direction="right" className={`transition-transform ${open ? "rotate-90" : ""}`} />
      </button>
      {/* biome-ignore lint/a11y/useSemanticElements: the panel the disclosure button controls, exposed as a named region landmark */}
      <div id={panelId} role="region" aria-label="API snippets" hidden={!open}>
        {open && <ApiSnippetsPanel values={values} edit={edit} />}
      </div>
    </div>
  );
}
