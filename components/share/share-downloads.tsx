import { buttonClass } from "@/components/ui/button";
import { DownloadIcon } from "@/components/ui/icons";
import { downloadUrl, type OutputView } from "@/lib/playground-api";
import { aspectLabel } from "@/lib/view/format";

const fileType = (contentType: string) => (contentType.split("/")[1] ?? contentType).toUpperCase();

/** One link per original image; plain anchors, so they work before (and without) JavaScript. */
export function ShareDownloads({ outputs }: { outputs: OutputView[] }) {
  if (outputs.length === 0) return null;
  const several = outputs.length > 1;
  return (
    <div className={several ? "grid grid-cols-2 gap-2" : "grid"}>
      {outputs.map((output, position) => (
        <a
          key={output.index}
          href={downloadUrl(output)}
          download
          title={`${aspectLabel(output.width, output.height)} ${fileType(output.contentType)}${output.nsfw ? ", flagged as possibly sensitive" : ""}`}
          className={buttonClass({ size: several ? "sm" : "md" })}
        >
          <DownloadIcon />
          {several ? `Download image ${position + 1}` : "Download"}
        </a>
      ))}
    </div>
  );
}
