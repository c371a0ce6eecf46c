/**
 * The checks an uploaded ONNX model passes before it is kept, read from its protobuf structure alone:
 * the web server never loads a model (onnxruntime allocates and folds whatever tensors a model
 * declares, and a 188-byte file can declare a gigabyte). Running it is the verifying worker's job.
 */
import { fields, packedVarints, ProtobufError, readString, WireType, type Field } from "./protobuf";

/** Nodes in all graphs, subgraphs and functions: a large exported network has a few thousand. */
export const MAX_ONNX_NODES = 100_000;
/** If/Loop/Scan bodies nested in each other. */
export const MAX_SUBGRAPH_DEPTH = 8;
const MAX_RANK = 32;
/**
 * Tensors a model declares (initializers, Constant values, sparse tensors made dense, ConstantOfShape
 * and Expand results from constant shapes) may exceed the file's size only this much: stored tensor
 * data is in the file, and int64 varints are at most 8 times smaller than what they declare.
 */
const DECLARED_BYTES_PER_FILE_BYTE = 8n;
const DECLARED_SLACK_BYTES = 1n << 20n;

/** TensorProto.DataType: name and bytes per element (strings as onnxruntime holds them, 4-bit types rounded up). */
const ELEMENT_TYPES: Record<number, [string, number]> = {
  1: ["float", 4], 2: ["uint8", 1], 3: ["int8", 1], 4: ["uint16", 2], 5: ["int16", 2], 6: ["int32", 4],
  7: ["int64", 8], 8: ["string", 32], 9: ["bool", 1], 10: ["float16", 2], 11: ["double", 8], 12: ["uint32", 4],
  13: ["uint64", 8], 14: ["complex64", 8], 15: ["complex128", 16], 16: ["bfloat16", 2], 17: ["float8e4m3fn", 1],
  18: ["float8e4m3fnuz", 1], 19: ["float8e5m2", 1], 20: ["float8e5m2fnuz", 1], 21: ["uint4", 1], 22: ["int4", 1],
  23: ["float4e2m1", 1], 24: ["float8e8m0", 1], 25: ["uint2", 1], 26: ["int2", 1],
};
const INT64 = 7;
const FLOAT = 1;

export interface OnnxModelShape {
  inputs: string[];
  outputs: string[];
}

class Refused extends Error {}

interface Tensor {
  name: string;
  dataType: number;
  /** The values of a small int64 tensor, which may be a shape that ConstantOfShape or Expand builds. */
  int64Values: bigint[] | null;
}

const signed = (field: Field) => BigInt.asIntN(64, field.varint ?? 0n);
const varints = (field: Field) => (field.wireType === WireType.Bytes ? packedVarints(field.bytes!) : [field.varint ?? 0n]).map((v) => BigInt.asIntN(64, v));

class ModelWalk {
  private declared = 0n;
  private nodes = 0;
  private readonly shapes = new Map<string, bigint[]>();
  private readonly shapeUses: { input: string; elementSize: number; where: string }[] = [];

  constructor(private readonly maxDeclared: bigint, private readonly fileBytes: number) {}

  private charge(bytes: bigint, where: string, what: string) {
    this.declared += bytes;
    if (this.declared > this.maxDeclared) {
      throw new Refused(
        `${where} declares ${what} (${bytes.toLocaleString("en")} bytes): a model of ${this.fileBytes.toLocaleString("en")} bytes may declare at most ${this.maxDeclared.toLocaleString("en")} bytes of tensors in all`,
      );
    }
  }

  private elements(dims: bigint[], where: string): bigint {
    if (dims.length > MAX_RANK) throw new Refused(`${where} has ${dims.length} dimensions; at most ${MAX_RANK} are accepted`);
    let count = 1n;
    for (const dim of dims) {
      if (dim < 0n) throw new Refused(`${where} has a negative dimension (${dim})`);
      count *= dim;
    }
    return count;
  }

  tensor(bytes: Uint8Array, where: string): Tensor {
    const dims: bigint[] = [];
    let name = "";
    let dataType = 0;
    let raw: Uint8Array | null = null;
    let int64Data: bigint[] = [];
    let outside: string | null = null;
    for (const field of fields(bytes)) {
      if (field.number === 1) dims.push(...varints(field));
      else if (field.number === 2) dataType = Number(signed(field));
      else if (field.number === 8) name = readString(field) ?? "";
      else if (field.number === 9) raw = field.bytes ?? null;
      else if (field.number === 7) int64Data = int64Data.concat(varints(field));
      else if (field.number === 3) outside = "is a segmented tensor, which is not accepted";
      else if (field.number === 13 || (field.number === 14 && signed(field) !== 0n)) {
        outside = "keeps its data outside the file (data_location EXTERNAL); embed the weights in the .onnx file";
      }
    }
    const named = name ? `${where} '${name}'` : where;
    if (outside) throw new Refused(`${named} ${outside}`);
    const type = ELEMENT_TYPES[dataType];
    if (!type) throw new Refused(`${named} has data_type ${dataType}, which is not a tensor element type`);
    const count = this.elements(dims, named);
    this.charge(count * BigInt(type[1]), named, `a tensor of shape [${dims.join(", ")}] ${type[0]}`);
    let int64Values: bigint[] | null = null;
    if (dataType === INT64 && dims.length <= 1 && count <= BigInt(MAX_RANK)) {
      int64Values = raw
        ? Array.from({ length: Math.floor(raw.length / 8) }, (_, i) => new DataView(raw!.buffer, raw!.byteOffset + i * 8, 8).getBigInt64(0, true))
        : int64Data;
    }
    return { name, dataType, int64Values };
  }

  /** A sparse tensor: onnxruntime makes sparse initializers dense, so its dense shape is what it costs. */
  private sparseTensor(bytes: Uint8Array, where: string) {
    const dims: bigint[] = [];
    let elementSize = 0;
    for (const field of fields(bytes)) {
      if (field.number === 1 && field.bytes) elementSize = ELEMENT_TYPES[this.tensor(field.bytes, `${where} values`).dataType][1];
      else if (field.number === 2 && field.bytes) this.tensor(field.bytes, `${where} indices`);
      else if (field.number === 3) dims.push(...varints(field));
    }
    this.charge(this.elements(dims, where) * BigInt(elementSize), where, `a dense shape of [${dims.join(", ")}]`);
  }

  private attribute(bytes: Uint8Array, node: { where: string; opType: string; outputs: string[] }, depth: number) {
    let name = "";
    const ints: bigint[] = [];
    let valueElementSize: number | null = null;
    const where = () => `${node.where} attribute '${name}'`;
    for (const field of fields(bytes)) {
      if (field.number === 1) name = readString(field) ?? "";
      else if ((field.number === 5 || field.number === 10) && field.bytes) {
        const tensor = this.tensor(field.bytes, where());
        valueElementSize = ELEMENT_TYPES[tensor.dataType][1];
        if (node.opType === "Constant" && tensor.int64Values) this.shapes.set(node.outputs[0], tensor.int64Values);
      } else if ((field.number === 6 || field.number === 11) && field.bytes) this.graph(field.bytes, depth + 1);
      else if ((field.number === 22 || field.number === 23) && field.bytes) this.sparseTensor(field.bytes, where());
      else if (field.number === 8) ints.push(...varints(field));
    }
    if (node.opType === "Constant" && name === "value_ints" && ints.length <= MAX_RANK) this.shapes.set(node.outputs[0], ints);
    return { name, valueElementSize };
  }

  private node(bytes: Uint8Array, depth: number) {
    if (++this.nodes > MAX_ONNX_NODES) throw new Refused(`the model has more than ${MAX_ONNX_NODES.toLocaleString("en")} nodes`);
    const inputs: string[] = [];
    const outputs: string[] = [];
    const attributes: Uint8Array[] = [];
    let name = "";
    let opType = "";
    for (const field of fields(bytes)) {
      if (field.number === 1) inputs.push(readString(field) ?? "");
      else if (field.number === 2) outputs.push(readString(field) ?? "");
      else if (field.number === 3) name = readString(field) ?? "";
      else if (field.number === 4) opType = readString(field) ?? "";
      else if (field.number === 5 && field.bytes) attributes.push(field.bytes);
    }
    const node = { where: `node '${name || opType}' (${opType})`, opType, outputs };
    let valueElementSize = ELEMENT_TYPES[FLOAT][1];
    for (const bytes of attributes) {
      const attribute = this.attribute(bytes, node, depth);
      if (attribute.name === "value" && attribute.valueElementSize) valueElementSize = attribute.valueElementSize;
    }
    // Both build a tensor of a shape given as an input: when that shape is a constant, its size is declared too.
    if (opType === "ConstantOfShape" && inputs[0]) this.shapeUses.push({ input: inputs[0], elementSize: valueElementSize, where: node.where });
    if (opType === "Expand" && inputs[1]) this.shapeUses.push({ input: inputs[1], elementSize: ELEMENT_TYPES[FLOAT][1], where: node.where });
  }

  graph(bytes: Uint8Array, depth: number): OnnxModelShape {
    if (depth > MAX_SUBGRAPH_DEPTH) throw new Refused(`subgraphs are nested more than ${MAX_SUBGRAPH_DEPTH} deep`);
    const declaredInputs: string[] = [];
    const outputs: string[] = [];
    const initializers = new Set<string>();
    const valueName = (field: Field) => {
      for (const inner of fields(field.bytes ?? new Uint8Array())) if (inner.number === 1) return readString(inner) ?? "";
      return "";
    };
    for (const field of fields(bytes)) {
      if (field.number === 1 && field.bytes) this.node(field.bytes, depth);
      else if (field.number === 5 && field.bytes) {
        const tensor = this.tensor(field.bytes, "initializer");
        initializers.add(tensor.name);
        if (tensor.int64Values) this.shapes.set(tensor.name, tensor.int64Values);
      } else if (field.number === 15 && field.bytes) this.sparseTensor(field.bytes, "sparse initializer");
      else if (field.number === 11) declaredInputs.push(valueName(field));
      else if (field.number === 12) outputs.push(valueName(field));
    }
    // Older exporters list initializers among the inputs too; they are not inputs the caller feeds.
    return { inputs: declaredInputs.filter((name) => !initializers.has(name)), outputs };
  }

  function(bytes: Uint8Array) {
    for (const field of fields(bytes)) if (field.number === 7 && field.bytes) this.node(field.bytes, 1);
  }

  /** ConstantOfShape and Expand whose shape is a constant: their results count as declared tensors. */
  settleShapes() {
    for (const use of this.shapeUses) {
      const shape = this.shapes.get(use.input);
      if (shape) this.charge(this.elements(shape, use.where) * BigInt(use.elementSize), use.where, `a tensor of shape [${shape.join(", ")}]`);
    }
  }
}

function shapeProblem(shape: OnnxModelShape): string | null {
  if (shape.inputs.length !== 1) return `the model must take exactly one input (the task's test inputs); it takes ${shape.inputs.length}`;
  if (shape.outputs.length < 1) return "the model has no outputs; its first output must be the class logits";
  return null;
}

/**
 * What is wrong with an uploaded model, or null: it must be an ONNX ModelProto with one graph taking one
 * input, declare no more tensor bytes than `maxTensorBytes` nor far more than the file holds, keep
 * nothing outside the file, and stay within the node and nesting limits.
 */
export function onnxModelProblem(bytes: Uint8Array, maxTensorBytes: number): string | null {
  const budget = BigInt(bytes.byteLength) * DECLARED_BYTES_PER_FILE_BYTE + DECLARED_SLACK_BYTES;
  const walk = new ModelWalk(budget < BigInt(maxTensorBytes) ? budget : BigInt(maxTensorBytes), bytes.byteLength);
  try {
    let shape: OnnxModelShape | null = null;
    for (const field of fields(bytes)) {
      if (field.number === 7 && field.bytes) {
        if (shape) throw new Refused("the model has more than one graph");
        shape = walk.graph(field.bytes, 0);
      } else if (field.number === 25 && field.bytes) walk.function(field.bytes);
      else if (field.number === 20) throw new Refused("training_info is not accepted; export an inference model");
    }
    if (!shape) return "the file has no graph (is it an ONNX model?)";
    walk.settleShapes();
    return shapeProblem(shape);
  } catch (error) {
    if (error instanceof Refused) return error.message;
    if (error instanceof ProtobufError) return `the file is not a valid ONNX protobuf: ${error.message}`;
    throw error;
  }
}
