import { describe, expect, it } from "vitest";
import { MAX_ONNX_NODES, MAX_SUBGRAPH_DEPTH, onnxModelProblem } from "./onnx-model";
import { bytesField, text, varintField } from "./protobuf-writer";

// ONNX messages written field by field (onnx.proto numbers), enough to build the models under test.
const FLOAT = 1;
const INT64 = 7;
const LIMIT = 512 * 1024 * 1024;

function tensor(spec: { name?: string; dims: (number | bigint)[]; dataType: number; raw?: number[]; extra?: number[] }): number[] {
  return [
    ...spec.dims.flatMap((d) => varintField(1, d)),
    ...varintField(2, spec.dataType),
    ...(spec.name ? bytesField(8, text(spec.name)) : []),
    ...(spec.raw ? bytesField(9, spec.raw) : []),
    ...(spec.extra ?? []),
  ];
}
const tensorAttribute = (name: string, value: number[]) => [...bytesField(1, text(name)), ...bytesField(5, value), ...varintField(20, 4)];
const graphAttribute = (name: string, graph: number[]) => [...bytesField(1, text(name)), ...bytesField(6, graph), ...varintField(20, 5)];
function node(op: string, inputs: string[], outputs: string[], attributes: number[][] = []): number[] {
  return [
    ...inputs.flatMap((i) => bytesField(1, text(i))),
    ...outputs.flatMap((o) => bytesField(2, text(o))),
    ...bytesField(4, text(op)),
    ...attributes.flatMap((a) => bytesField(5, a)),
  ];
}
function graph(spec: { nodes: number[][]; initializers?: number[][]; inputs?: string[]; outputs?: string[] }): number[] {
  return [
    ...spec.nodes.flatMap((n) => bytesField(1, n)),
    ...(spec.initializers ?? []).flatMap((t) => bytesField(5, t)),
    ...(spec.inputs ?? ["x"]).flatMap((name) => bytesField(11, bytesField(1, text(name)))),
    ...(spec.outputs ?? ["y"]).flatMap((name) => bytesField(12, bytesField(1, text(name)))),
  ];
}
const model = (g: number[]) => Uint8Array.from([...varintField(1, 8), ...bytesField(7, g), ...bytesField(8, varintField(2, 13))]);
const int64Raw = (values: number[]) => Array.from(new Uint8Array(new BigInt64Array(values.map(BigInt)).buffer));

/** x @ W + b: a linear layer as exporters write it, weights in raw_data. */
const linear = () =>
  graph({
    nodes: [node("MatMul", ["x", "W"], ["h"]), node("Add", ["h", "b"], ["y"])],
    initializers: [tensor({ name: "W", dims: [6, 10], dataType: FLOAT, raw: new Array(240).fill(0) }), tensor({ name: "b", dims: [10], dataType: FLOAT, raw: new Array(40).fill(0) })],
  });

describe("onnxModelProblem: what the web server checks instead of loading the model", () => {
  it("accepts a linear layer, also with its initializers listed as inputs as older exporters do", () => {
    expect(onnxModelProblem(model(linear()), LIMIT)).toBeNull();
    const legacy = graph({
      nodes: [node("MatMul", ["x", "W"], ["y"])],
      initializers: [tensor({ name: "W", dims: [6, 10], dataType: FLOAT, raw: new Array(240).fill(0) })],
      inputs: ["x", "W"],
    });
    expect(onnxModelProblem(model(legacy), LIMIT)).toBeNull();
  });

  it("refuses a tiny file whose Constant declares a 1,020 MiB tensor it does not hold", () => {
    const elements = (1020 * 1024 * 1024) / 4;
    const bomb = model(
      graph({
        nodes: [
          node("Constant", [], ["big"], [tensorAttribute("value", tensor({ dims: [elements], dataType: FLOAT }))]),
          node("Add", ["x", "big"], ["y"]),
        ],
      }),
    );
    expect(bomb.byteLength).toBeLessThan(200);
    expect(onnxModelProblem(bomb, LIMIT)).toBe(
      `node 'Constant' (Constant) attribute 'value' declares a tensor of shape [${elements}] float (1,069,547,520 bytes): a model of ${bomb.byteLength} bytes may declare at most ${(bomb.byteLength * 8 + 1048576).toLocaleString("en")} bytes of tensors in all`,
    );
  });

  it("counts what ConstantOfShape builds from a constant shape", () => {
    const shape = tensorAttribute("value", tensor({ dims: [1], dataType: INT64, raw: int64Raw([267_386_880]) }));
    const bomb = model(graph({ nodes: [node("Constant", [], ["shape"], [shape]), node("ConstantOfShape", ["shape"], ["big"]), node("Add", ["x", "big"], ["y"])] }));
    expect(onnxModelProblem(bomb, LIMIT)).toMatch(/^node 'ConstantOfShape' \(ConstantOfShape\) declares a tensor of shape \[267386880\] \(1,069,547,520 bytes\)/);
    const fromInitializer = model(
      graph({
        nodes: [node("Expand", ["x", "shape"], ["y"])],
        initializers: [tensor({ name: "shape", dims: [2], dataType: INT64, raw: int64Raw([65536, 65536]) })],
      }),
    );
    expect(onnxModelProblem(fromInitializer, LIMIT)).toMatch(/^node 'Expand' \(Expand\) declares a tensor of shape \[65536, 65536\]/);
  });

  it("bounds declared tensors by the artifact limit too", () => {
    const weights = model(graph({ nodes: [node("MatMul", ["x", "W"], ["y"])], initializers: [tensor({ name: "W", dims: [256, 1024], dataType: FLOAT, raw: new Array(1 << 20).fill(0) })] }));
    expect(onnxModelProblem(weights, LIMIT)).toBeNull();
    expect(onnxModelProblem(weights, 1000)).toMatch(/^initializer 'W' declares a tensor of shape \[256, 1024\] float \(1,048,576 bytes\)/);
  });

  it("refuses weights kept outside the file, negative and absurd dimensions, and unknown element types", () => {
    const withInitializer = (t: number[]) => model(graph({ nodes: [node("MatMul", ["x", "W"], ["y"])], initializers: [t] }));
    const location = [...bytesField(13, [...bytesField(1, text("location")), ...bytesField(2, text("/etc/passwd"))]), ...varintField(14, 1)];
    expect(onnxModelProblem(withInitializer(tensor({ name: "W", dims: [6, 10], dataType: FLOAT, extra: location })), LIMIT)).toBe(
      "initializer 'W' keeps its data outside the file (data_location EXTERNAL); embed the weights in the .onnx file",
    );
    expect(onnxModelProblem(withInitializer(tensor({ name: "W", dims: [6, -1], dataType: FLOAT })), LIMIT)).toBe("initializer 'W' has a negative dimension (-1)");
    expect(onnxModelProblem(withInitializer(tensor({ name: "W", dims: [1n << 40n, 1n << 40n, 1n << 40n], dataType: FLOAT })), LIMIT)).toMatch(/^initializer 'W' declares a tensor of shape/);
    expect(onnxModelProblem(withInitializer(tensor({ name: "W", dims: [6], dataType: 99 })), LIMIT)).toBe("initializer 'W' has data_type 99, which is not a tensor element type");
  });

  it("bounds the number of nodes and how deep subgraphs nest", () => {
    const identity = bytesField(1, node("Identity", ["x"], ["y"]));
    const many: number[] = [];
    for (let i = 0; i <= MAX_ONNX_NODES; i++) for (const byte of identity) many.push(byte);
    expect(onnxModelProblem(model([...many, ...bytesField(11, bytesField(1, text("x"))), ...bytesField(12, bytesField(1, text("y")))]), LIMIT)).toBe(
      `the model has more than ${MAX_ONNX_NODES.toLocaleString("en")} nodes`,
    );

    let nested = graph({ nodes: [node("Identity", ["x"], ["y"])] });
    for (let depth = 0; depth <= MAX_SUBGRAPH_DEPTH; depth++) nested = graph({ nodes: [node("If", ["c"], ["y"], [graphAttribute("then_branch", nested)])] });
    expect(onnxModelProblem(model(nested), LIMIT)).toBe(`subgraphs are nested more than ${MAX_SUBGRAPH_DEPTH} deep`);
  });

  it("says what is wrong with a file that is not a usable model", () => {
    expect(onnxModelProblem(new TextEncoder().encode("epoch,loss\n0,1\n"), LIMIT)).toMatch(/^the file (is not a valid ONNX protobuf|has no graph)/);
    expect(onnxModelProblem(Uint8Array.from([0x3a, 0x05, 0x01]), LIMIT)).toBe("the file is not a valid ONNX protobuf: message ends inside a field");
    expect(onnxModelProblem(model(graph({ nodes: [node("Add", ["a", "b"], ["y"])], inputs: ["a", "b"] })), LIMIT)).toBe(
      "the model must take exactly one input (the task's test inputs); it takes 2",
    );
  });
});
