/** `fix` transfer's frozen feature extractor: a stage's ONNX snapshot run with onnxruntime-node. */
import { readFile } from "node:fs/promises";

const BATCH = 64;

export async function readFloat32(file: string): Promise<Float32Array> {
  const bytes = await readFile(file);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export async function readInt32(file: string): Promise<Int32Array> {
  const bytes = await readFile(file);
  return new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** The `features` output of the model for every row of `inputs` (n x shape), as one n x dim array. */
export async function onnxFeatures(onnxFile: string, inputs: Float32Array, n: number, shape: number[]): Promise<{ features: Float32Array; dim: number }> {
  const ort = await import("onnxruntime-node");
  const session = await ort.InferenceSession.create(onnxFile);
  try {
    const per = shape.reduce((a, b) => a * b, 1);
    if (inputs.length !== n * per) throw new RangeError(`expected ${n} x ${shape.join(" x ")} inputs, got ${inputs.length} values`);
    const chunks: Float32Array[] = [];
    let dim = 0;
    for (let start = 0; start < n; start += BATCH) {
      const count = Math.min(BATCH, n - start);
      const input = new ort.Tensor("float32", inputs.subarray(start * per, (start + count) * per), [count, ...shape]);
      const output = (await session.run({ input })).features;
      dim = Number(output.dims[1]);
      chunks.push(Float32Array.from(output.data as Float32Array));
    }
    const features = new Float32Array(n * dim);
    let offset = 0;
    for (const chunk of chunks) {
      features.set(chunk, offset);
      offset += chunk.length;
    }
    return { features, dim };
  } finally {
    await session.release();
  }
}
