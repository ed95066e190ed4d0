"use client";

import { Button, buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DiceIcon, ExternalIcon, LinkIcon, RefreshIcon, SlidersIcon } from "@/components/ui/icons";
import { NavLink } from "@/components/ui/nav-link";
import type { PredictionView } from "@/lib/playground-api";
import { requestFromInput } from "@/lib/view/form-values";
import { DeleteRunButton } from "./delete-run-button";
import type { RunHandlers } from "./run-handlers";

export type { RunHandlers };

/** What a person can do with a finished run. */
export function RunActions({ view, handlers }: { view: PredictionView; handlers: RunHandlers }) {
  const { input } = view;
  return (
    <footer className="-mx-1 flex flex-wrap items-center gap-0.5 border-t border-border pt-2">
      <NavLink href={`/p/${encodeURIComponent(view.id)}`} className={buttonClass({ variant: "ghost", size: "sm" })}>
        <ExternalIcon />
        Share page
      </NavLink>
      <Button
        variant="ghost"
        size="sm"
        title={`Run again with seed ${input.seed}`}
        onClick={() => handlers.submit(requestFromInput(input, input.seed), { id: view.id, kind: "rerun" })}
      >
        <RefreshIcon />
        Re-run
      </Button>
      <Button
        variant="ghost"
        size="sm"
        title="Run again with a new random seed"
        onClick={() => handlers.submit(requestFromInput(input, null), { id: view.id, kind: "vary_seed" })}
      >
        <DiceIcon />
        Vary seed
      </Button>
      <Button
        variant="ghost"
        size="sm"
        title="Fill the form with these settings"
        onClick={() => handlers.applySettings(input, view.id)}
      >
        <SlidersIcon />
        Use settings
      </Button>
      <CopyButton text={String(input.seed)} label="Copy seed" />
      <CopyButton text={view.shareUrl} label="Copy share link" icon={<LinkIcon />} />
      <DeleteRunButton onDelete={() => handlers.remove(view.id)} />
    </footer>
  );
}
