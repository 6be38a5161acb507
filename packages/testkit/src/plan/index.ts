export * from "./model";
export * from "./render-text";
export * from "./render-diagram";
export * from "./stack-files";
export * from "./run-program";
export * from "./cost";
