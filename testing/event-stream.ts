/**
 * Reads `url`'s event stream (/api/events) while `trigger` runs, until `until` holds for what
 * arrived or 30 s have passed, then hangs up and returns the text.
 */
export async function sampleEvents(
  url: string,
  trigger: () => Promise<unknown>,
  until: (text: string) => boolean,
): Promise<string> {
  const abort = new AbortController();
  const response = await fetch(`${url}/api/events`, { signal: abort.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const reading = (async () => {
    while (!until(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  })();
  await trigger();
  let deadline: NodeJS.Timeout | undefined;
  await Promise.race([reading, new Promise((resolve) => (deadline = setTimeout(resolve, 30_000)))]);
  clearTimeout(deadline);
  abort.abort();
  return text;
}

/**
 * Whether the stream's text announced run `id` completed: its id and then the status on one line.
 * Other runs on the same server complete on the same stream, so any completion is not enough.
 */
export const completionHeard = (text: string, id: string) => new RegExp(`"id":"${id}"[^\\n]*"status":"completed"`).test(text);
