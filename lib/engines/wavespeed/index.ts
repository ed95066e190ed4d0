export { createWavespeedEngine, type WavespeedConfig } from "./engine";
export { redact } from "./redact";
export { createWavespeedWebhookInbox } from "./webhook-inbox";
