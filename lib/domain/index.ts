/** The domain, defined once: parameters, the prediction and its moves, engines, the seed and cost rules, webhook deliveries. */
export * from "./cost";
export * from "./engines";
export * from "./parameters";
export * from "./prediction";
export * from "./seed";
export * from "./webhook-delivery";
