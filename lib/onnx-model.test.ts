import { describe, expect, it } from "vitest";
import { MAX_ONNX_NODES, MAX_SUBGRAPH_DEPTH, onnxModelProblem } from "./onnx-model";
import { BIG_CONSTANT_ELEMENTS, declaredGigabyteModel, FLOAT, graph, graphAttribute, int64Raw, INT64, model, node, tensor, tensorAttribute } from "./onnx-writer";
import { bytesField, text, varintField } from "./protobuf-writer";

const LIMIT = 512 * 1024 * 1024;

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

  it("refuses the 126-byte model whose ConstantOfShape onnxruntime folds into 1,020 MiB", () => {
    const bomb = declaredGigabyteModel();
    expect(bomb.byteLength).toBeLessThan(200);
    expect(onnxModelProblem(bomb, LIMIT)).toBe(
      `node 'ConstantOfShape' (ConstantOfShape) declares a tensor of shape [${BIG_CONSTANT_ELEMENTS}] (1,069,547,520 bytes): a model of ${bomb.byteLength} bytes may declare at most ${(bomb.byteLength * 8 + 1048576).toLocaleString("en")} bytes of tensors in all`,
    );
  });

  it("counts tensors a model declares without holding them, and shapes Expand builds", () => {
    const absent = model(
      graph({
        nodes: [
          node("Constant", [], ["big"], [tensorAttribute("value", tensor({ dims: [BIG_CONSTANT_ELEMENTS], dataType: FLOAT }))]),
          node("Add", ["x", "big"], ["y"]),
        ],
      }),
    );
    expect(onnxModelProblem(absent, LIMIT)).toMatch(/^node 'Constant' \(Constant\) attribute 'value' declares a tensor of shape \[267386880\] float \(1,069,547,520 bytes\)/);
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
