/** One input picture, small: a file here is shown; an outside URL is named (this page loads nothing from elsewhere). */
export function InputThumb({ src, size = "size-16" }: { src: string; size?: string }) {
  if (!src.startsWith("/"))
    return (
      <span
        className={`${size} grid place-items-center overflow-hidden rounded-lg border border-border p-1 text-[10px] break-all text-fg-muted`}
      >
        {new URL(src).hostname}
      </span>
    );
  return (
    <img src={src} alt="Input" className={`${size} rounded-lg border border-border object-cover`} data-testid="input-thumb" />
  );
}
