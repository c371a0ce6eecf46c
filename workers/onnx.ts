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

export interface OutputOptions {
  /** The output to read; the model's first when not named. */
  output?: string;
  /** Turns a batch of stored rows into model input where they differ (PS10's image form is its vector form repeated over 32 x 32, built batch by batch). */
  expand?: (batch: Float32Array) => Float32Array;
  /** The model's input shape per row, where `expand` changes it. */
  inputShape?: number[];
}

export interface OnnxModel {
  /** One output of the model for every row of `inputs` (n x shape), as one n x dim array. */
  outputs(inputs: Float32Array, n: number, shape: number[], options?: OutputOptions): Promise<{ values: Float32Array; dim: number }>;
  release(): Promise<void>;
}

/** Loads a model once for any number of `outputs` calls; release() frees it. */
export async function openOnnx(model: string | Uint8Array): Promise<OnnxModel> {
  const ort = await import("onnxruntime-node");
  // create() has one overload for a path and one for bytes, none for their union.
  const session = typeof model === "string" ? await ort.InferenceSession.create(model) : await ort.InferenceSession.create(model);
  return {
    async outputs(inputs, n, shape, options = {}) {
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
    },
    release: () => session.release(),
  };
}
