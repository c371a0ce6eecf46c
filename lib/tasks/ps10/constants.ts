/** The fixed dimensions of PS10 (tasks.md, "ps10-noise"); options never change them. */

export const PS10_CLASSES = 10;
export const SIMPLE_PER_CLASS = 10;
export const COMPLEX_PER_CLASS = 100;
/** Channels 0-2 hold the simple pattern, 3-5 the complex one. */
export const PS10_CHANNELS = 6;
export const PATTERN_DIM = 3;

export const KIND_SIMPLE = 0;
export const KIND_COMPLEX = 1;

/** Part of every config: change it with any change to the generator's output. */
export const PS10_GENERATOR = "ps10/sfc32-polar/v1";

/** Sfc32 stream numbers: separate streams keep the test set and the centres independent of trainSize and noise. */
export const STREAM_CENTRES = 0;
export const STREAM_TRAIN = 1;
export const STREAM_TEST = 2;
export const STREAM_NOISE = 3;

/**
 * Every tier's data come from this seed, not the run's (tasks.md): all schedules and training seeds see
 * the same samples, so an interval over seeds measures training variance alone.
 */
export const PS10_DATA_SEED = 0;
