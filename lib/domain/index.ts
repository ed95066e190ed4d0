/** The domain, defined once: the models, parameters, the prediction and its moves, engines, lineage, sweeps, webhook deliveries, the seed and cost rules. */
export * from "./annotations";
export * from "./cost";
export * from "./edit";
export * from "./engines";
export * from "./input-image";
export * from "./lineage";
export * from "./model-inputs";
export * from "./models";
export * from "./parameters";
export * from "./prediction";
export * from "./prompt";
export * from "./seed";
export * from "./source";
export * from "./sweep";
export * from "./sweep-progress";
export * from "./webhook-delivery";
