/**
 * The image form: every channel value repeated over height x width, channels first. Exposed on its own
 * so a trainer can keep the compact vector form in memory and expand batch by batch (the full tier's
 * 50,000 images of 6 x 32 x 32 take 1.2 GB as float32).
 */
import { PS10_CHANNELS } from "./constants";

export function vectorToImage(vectors: Float32Array, height: number, width: number): Float32Array {
  if (vectors.length % PS10_CHANNELS !== 0) throw new RangeError(`vector inputs must hold a multiple of ${PS10_CHANNELS} values, got ${vectors.length}`);
  const plane = height * width;
  const image = new Float32Array(vectors.length * plane);
  for (let v = 0; v < vectors.length; v++) image.fill(vectors[v], v * plane, (v + 1) * plane);
  return image;
}
