import "server-only";
import type { Engine, EngineState, WebhookInbox } from "../engines/types";
import type { UpstreamWatch } from "./upstream-watch";

/**
 * The engine, its upstream requests timed and counted by `watch`; everything else passes through.
 * Optional methods stay optional: the tracker and the key gate ask whether an engine has them.
 */
export function observedEngine(engine: Engine, watch: UpstreamWatch): Engine {
  const noteCompletion = (upstreamId: string, state: EngineState) => {
    if (state.status === "completed") watch.reportedComplete(upstreamId);
    return state;
  };
  const { knownImage, checkKey } = engine;
  return {
    name: engine.name,
    model: engine.model,
    modelFor: (input) => engine.modelFor(input),
    submit: (input, options) => watch.call("submit", options.predictionId, () => engine.submit(input, options)),
    getState: (upstreamId, input, images) =>
      watch
        .call("get_state", upstreamId, () => engine.getState(upstreamId, input, images))
        .then((state) => noteCompletion(upstreamId, state)),
    ...(knownImage && { knownImage: (sha256: string, url: string) => knownImage.call(engine, sha256, url) }),
    ...(checkKey && { checkKey: () => watch.call("check_key", undefined, () => checkKey.call(engine)) }),
  };
}

/** Pushed results (webhooks) say when a task completed, often before the next poll would. */
export function observedInbox(inbox: WebhookInbox, watch: UpstreamWatch): WebhookInbox {
  return {
    read: async (headers, rawBody) => {
      const pushed = await inbox.read(headers, rawBody);
      if (pushed.state.status === "completed") watch.reportedComplete(pushed.upstreamId);
      return pushed;
    },
  };
}
