/**
 * Test support: ONNX models written field by field (onnx.proto's numbers), enough to build the
 * well-formed and the malicious models the upload checks are tested with. Not used by the checks.
 */
import { bytesField, text, varintField } from "./protobuf-writer";

export const FLOAT = 1;
export const INT64 = 7;

export function tensor(spec: { name?: string; dims: (number | bigint)[]; dataType: number; raw?: number[]; extra?: number[] }): number[] {
  return [
    ...spec.dims.flatMap((d) => varintField(1, d)),
    ...varintField(2, spec.dataType),
    ...(spec.name ? bytesField(8, text(spec.name)) : []),
    ...(spec.raw ? bytesField(9, spec.raw) : []),
    ...(spec.extra ?? []),
  ];
}
export const tensorAttribute = (name: string, value: number[]) => [...bytesField(1, text(name)), ...bytesField(5, value), ...varintField(20, 4)];
export const graphAttribute = (name: string, graph: number[]) => [...bytesField(1, text(name)), ...bytesField(6, graph), ...varintField(20, 5)];
export function node(op: string, inputs: string[], outputs: string[], attributes: number[][] = []): number[] {
  return [
    ...inputs.flatMap((i) => bytesField(1, text(i))),
    ...outputs.flatMap((o) => bytesField(2, text(o))),
    ...bytesField(4, text(op)),
    ...attributes.flatMap((a) => bytesField(5, a)),
  ];
}
/** A ValueInfoProto: a float tensor of unknown shape. */
const floatValue = (name: string) => [...bytesField(1, text(name)), ...bytesField(2, bytesField(1, varintField(1, FLOAT)))];

export function graph(spec: { nodes: number[][]; initializers?: number[][]; inputs?: string[]; outputs?: string[] }): number[] {
  return [
    ...spec.nodes.flatMap((n) => bytesField(1, n)),
    ...(spec.initializers ?? []).flatMap((t) => bytesField(5, t)),
    ...(spec.inputs ?? ["x"]).flatMap((name) => bytesField(11, floatValue(name))),
    ...(spec.outputs ?? ["y"]).flatMap((name) => bytesField(12, floatValue(name))),
  ];
}
/** A ModelProto: IR version 8, opset 13, the graph. */
export const model = (g: number[]) => Uint8Array.from([...varintField(1, 8), ...bytesField(7, g), ...bytesField(8, varintField(2, 13))]);
export const int64Raw = (values: number[]) => Array.from(new Uint8Array(new BigInt64Array(values.map(BigInt)).buffer));

export const BIG_CONSTANT_ELEMENTS = (1020 * 1024 * 1024) / 4;

/**
 * The attack: 126 bytes whose ConstantOfShape, given a constant shape, makes a 1,020 MiB float tensor.
 * onnxruntime folds it when the session is created: loading it grew a Node process by 1,096 MB.
 */
export function declaredGigabyteModel(): Uint8Array {
  const shape = tensorAttribute("value", tensor({ dims: [1], dataType: INT64, raw: int64Raw([BIG_CONSTANT_ELEMENTS]) }));
  return model(graph({ nodes: [node("Constant", [], ["shape"], [shape]), node("ConstantOfShape", ["shape"], ["big"]), node("Add", ["x", "big"], ["y"])] }));
}
