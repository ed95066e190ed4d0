"use client";

import { useRouter } from "next/navigation";
import { OwnerOnly } from "@/components/access/owner-only";
import type { RunHandlers } from "@/components/prediction/run-handlers";
import { Button, buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DiceIcon, DownloadIcon, ExternalIcon, LinkIcon, SlidersIcon } from "@/components/ui/icons";
import { NavLink } from "@/components/ui/nav-link";
import { useSubmitPrediction } from "@/hooks/use-submit-prediction";
import type { OutputView, PredictionView } from "@/lib/playground-api";
import { downloadUrl } from "@/lib/playground-names";
import { playgroundHref, requestFromInput, valuesFromInput } from "@/lib/view/form-values";
import { ImageActions } from "./image-actions";

type Props = {
  view: PredictionView;
  output: OutputView;
  position: number;
  /** The playground's own handlers when opened from it; links and plain requests otherwise. */
  handlers: RunHandlers | null;
  /** Closes the lightbox: after an action that leads elsewhere. */
  onDone: () => void;
};

const sharePath = (id: string) => `/p/${encodeURIComponent(id)}`;

/**
 * What a person can do from the lightbox. Each action is one element of this list, so another
 * (such as editing the image) is added by mounting one more.
 */
export function LightboxActions({ view, output, position, handlers, onDone }: Props) {
  const router = useRouter();
  const submission = useSubmitPrediction();
  const settings = { id: view.id, kind: "settings" as const };
  const varySeed = () => {
    const request = requestFromInput(view.input, null);
    const parent = { id: view.id, kind: "vary_seed" as const };
    if (handlers) {
      handlers.submit(request, parent);
      onDone();
      return;
    }
    submission.mutate({ request, parent }, { onSuccess: (next) => router.push(sharePath(next.id)) });
  };

  return (
    <div className="flex flex-col gap-2" data-testid="lightbox-actions">
      <div className="-ml-2 flex items-center gap-1">
        <ImageActions view={view} output={output} position={position} look="plain" />
      </div>
      <OwnerOnly>
        <div className="grid grid-cols-2 gap-2">
          {handlers ? (
            <Button
              title="Fill the form with these settings"
              onClick={() => {
                handlers.applySettings(view.input, view.id);
                onDone();
              }}
            >
              <SlidersIcon />
              Use settings
            </Button>
          ) : (
            <NavLink href={playgroundHref(valuesFromInput(view.input), settings)} className={buttonClass()}>
              <SlidersIcon />
              Use settings
            </NavLink>
          )}
          <Button title="Run again with a new random seed" onClick={varySeed} disabled={submission.isPending}>
            <DiceIcon />
            Vary seed
          </Button>
        </div>
      </OwnerOnly>
      <div className="grid grid-cols-2 gap-2">
        <NavLink href={sharePath(view.id)} onClick={onDone} className={buttonClass()}>
          <ExternalIcon />
          Share page
        </NavLink>
        <a href={downloadUrl(output)} download className={buttonClass()}>
          <DownloadIcon />
          Download
        </a>
      </div>
      <div className="-ml-2">
        <CopyButton text={view.shareUrl} label="Copy link" icon={<LinkIcon />} />
      </div>
      {submission.error && (
        <p role="alert" className="text-sm text-danger">
          {submission.error.message}
        </p>
      )}
    </div>
  );
}
