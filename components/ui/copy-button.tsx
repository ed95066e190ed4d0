"use client";

import { type ReactNode, useEffect, useState } from "react";
import { useHydrated } from "@/hooks/use-hydrated";
import { copyText } from "@/lib/browser/clipboard";
import { Button } from "./button";
import { CopyIcon } from "./icons";

/** A button that copies `text` and says so for a moment, also to screen readers. */
export function CopyButton({ text, label, icon = <CopyIcon /> }: { text: string; label: string; icon?: ReactNode }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const ready = useHydrated();

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 1800);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        data-ready={ready}
        onClick={async () => setState((await copyText(text)) ? "copied" : "failed")}
      >
        {icon}
        {label}
        {state !== "idle" && (
          <span aria-hidden="true" className={state === "copied" ? "text-success" : "text-danger"}>
            {state === "copied" ? "✓" : "✕"}
          </span>
        )}
      </Button>
      <span role="status" className="sr-only">
        {state === "copied" ? `${label}: copied` : state === "failed" ? `${label}: copy failed` : ""}
      </span>
    </>
  );
}
