/** What an uploaded ONNX model must look like to be verified: loadable, one image-or-vector input, logits first. */
export interface OnnxModelShape {
  inputs: string[];
  outputs: string[];
}

export function describeModelProblem(shape: OnnxModelShape): string | null {
  if (shape.inputs.length !== 1) return `the model must take exactly one input (the task's test inputs); it takes ${shape.inputs.length}`;
  if (shape.outputs.length < 1) return "the model has no outputs; its first output must be the class logits";
  return null;
}
