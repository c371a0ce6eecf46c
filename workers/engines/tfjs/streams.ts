/**
 * Sfc32 stream numbers of the engine's own randomness. generatePs10 uses streams 0-3 of the same seed;
 * these sit far from them so a new data stream there can never coincide with the weights or the order.
 */
export const STREAM_INIT = 1000;
export const STREAM_SHUFFLE = 1001;
export const STREAM_PROJECTION = 1002;
