export { createTorchEngine, type TorchEngineOptions } from "./engine";
export { DATA_LAYOUT, runnableTasks, unavailableTasks } from "./plan";
export { findPython, NoTorchError } from "./python-runtime";
