export * from "./definition";
export * from "./catalog";
export * from "./scheduler";
export * from "./sample";
export * from "./export";
export type { ScheduleEvent } from "./events";
export { flattenSequence } from "./flatten";
export { canonicalJson } from "./canonical";
export * from "./resolve";
