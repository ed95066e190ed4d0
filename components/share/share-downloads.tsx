import { buttonClass } from "@/components/ui/button";
import { DownloadIcon } from "@/components/ui/icons";
import { downloadUrl, type OutputView } from "@/lib/playground-api";
import { aspectLabel } from "@/lib/view/format";

const fileType = (contentType: string) => (contentType.split("/")[1] ?? contentType).toUpperCase();

/**
 * One link per original image; plain anchors, so they work before (and without) JavaScript.
 * Several wrap two to a row, each as wide as its label needs, so a phone never squeezes them.
 */
export function ShareDownloads({ outputs }: { outputs: OutputView[] }) {
  if (outputs.length === 0) return null;
  const several = outputs.length > 1;
  return (
    <div className={several ? "grid grid-cols-[repeat(auto-fit,minmax(10rem,1fr))] gap-2" : "grid"}>
      {outputs.map((output, position) => (
        <a
          key={output.index}
          href={downloadUrl(output)}
          download
          title={`${aspectLabel(output.width, output.height)} ${fileType(output.contentType)}${output.nsfw ? ", flagged as possibly sensitive" : ""}`}
          className={buttonClass({ variant: several ? "secondary" : "primary", size: several ? "sm" : "md" })}
          data-testid="share-download"
        >
          <DownloadIcon className="shrink-0" />
          {several ? `Download image ${position + 1}` : "Download"}
        </a>
      ))}
    </div>
  );
}
