export { createTfjsEngine, DEFAULT_MOMENTUM, WEIGHT_DECAY, type TfjsEngineOptions } from "./engine";
