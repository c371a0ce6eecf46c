/** Running an ONNX model over many inputs with onnxruntime-node: `fix` transfer's features, verification's logits. */
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

/**
 * One output of the model (by name; the first when not named) for every row of `inputs` (n x shape),
 * as one n x dim array. `expand` turns a batch of stored rows into model input where they differ
 * (PS10's image form is its vector form repeated over 32 x 32, built batch by batch).
 */
export async function onnxOutputs(
  model: string | Uint8Array,
  inputs: Float32Array,
  n: number,
  shape: number[],
  options: { output?: string; expand?: (batch: Float32Array) => Float32Array; inputShape?: number[] } = {},
): Promise<{ values: Float32Array; dim: number }> {
  const ort = await import("onnxruntime-node");
  // create() has one overload for a path and one for bytes, none for their union.
  const session = typeof model === "string" ? await ort.InferenceSession.create(model) : await ort.InferenceSession.create(model);
  try {
    const per = shape.reduce((a, b) => a * b, 1);
    if (inputs.length !== n * per) throw new RangeError(`expected ${n} x ${shape.join(" x ")} inputs, got ${inputs.length} values`);
    const output = options.output ?? session.outputNames[0];
    const chunks: Float32Array[] = [];
    let dim = 0;
    for (let start = 0; start < n; start += BATCH) {
      const count = Math.min(BATCH, n - start);
      const rows = inputs.subarray(start * per, (start + count) * per);
      const input = new ort.Tensor("float32", options.expand ? options.expand(rows) : rows, [count, ...(options.inputShape ?? shape)]);
      const result = (await session.run({ [session.inputNames[0]]: input }))[output];
      if (!result) throw new Error(`the model has no output named ${output}`);
      dim = Number(result.dims[1] ?? 1);
      chunks.push(Float32Array.from(result.data as Float32Array));
    }
    const values = new Float32Array(n * dim);
    let offset = 0;
    for (const chunk of chunks) {
      values.set(chunk, offset);
      offset += chunk.length;
    }
    return { values, dim };
  } finally {
    await session.release();
  }
}

/** `fix` transfer's frozen feature extractor: the `features` output of a stage's ONNX snapshot. */
export async function onnxFeatures(onnxFile: string, inputs: Float32Array, n: number, shape: number[]): Promise<{ features: Float32Array; dim: number }> {
  const { values, dim } = await onnxOutputs(onnxFile, inputs, n, shape, { output: "features" });
  return { features: values, dim };
}
