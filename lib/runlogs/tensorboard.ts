import { RunLogParseError } from "./errors";
import { fields, littleEndianFloats, ProtobufError, readDouble, readInt64, readRepeated, readFloat, readString, WireType } from "../protobuf";
import { SeriesCollector } from "./series";
import { TfRecordError, tfRecords } from "./tfrecord";
import type { ParsedRunLog } from "./types";

const DT_FLOAT = 1;
const DT_DOUBLE = 2;

/**
 * TensorBoard event files (events.out.tfevents.*): TFRecords each holding an Event protobuf. Scalars are
 * read both as Summary.Value.simple_value (TF1, tensorboardX, PyTorch's SummaryWriter) and as one-element
 * float/double tensors (TF2's tf.summary.scalar); other summaries (images, histograms, text) are skipped.
 * x is the step; wall_time is seconds since the first record's wall_time.
 */
export function parseTensorboard(bytes: Uint8Array): ParsedRunLog {
  const collector = new SeriesCollector("tensorboard");
  let firstWallTime: number | undefined;
  let record = 0;
  try {
    for (const { index, data } of tfRecords(bytes)) {
      record = index;
      const event = readEvent(data);
      if (firstWallTime === undefined && event.wallTime !== undefined) firstWallTime = event.wallTime;
      if (event.scalars.length === 0) continue;
      for (const { tag, value } of event.scalars) collector.add(tag, event.step, value, { record: index, column: tag });
      if (event.wallTime !== undefined && firstWallTime !== undefined) {
        collector.add("wall_time", event.step, event.wallTime - firstWallTime, { record: index }, { name: "wall_time" });
      }
    }
  } catch (error) {
    if (error instanceof TfRecordError) throw new RunLogParseError("tensorboard", error.message, { record: error.record });
    if (error instanceof ProtobufError) throw new RunLogParseError("tensorboard", `not a valid Event: ${error.message}`, { record });
    throw error;
  }
  if (record === 0) throw new RunLogParseError("tensorboard", "the file holds no records");
  return collector.finish("step");
}

interface Event {
  wallTime?: number;
  step: number;
  scalars: { tag: string; value: number }[];
}

function readEvent(data: Uint8Array): Event {
  const event: Event = { step: 0, scalars: [] };
  for (const field of fields(data)) {
    if (field.number === 1) event.wallTime = readDouble(field);
    else if (field.number === 2) event.step = readInt64(field) ?? 0;
    else if (field.number === 5 && field.wireType === WireType.Bytes && field.bytes) {
      for (const value of fields(field.bytes)) {
        if (value.number === 1 && value.wireType === WireType.Bytes && value.bytes) {
          const scalar = readValue(value.bytes);
          if (scalar) event.scalars.push(scalar);
        }
      }
    }
  }
  return event;
}

// Summary.Value: tag (1), simple_value (2), tensor (8); the rest are non-scalar summaries.
function readValue(data: Uint8Array): { tag: string; value: number } | undefined {
  let tag: string | undefined;
  let value: number | undefined;
  for (const field of fields(data)) {
    if (field.number === 1) tag = readString(field);
    else if (field.number === 2) value = readFloat(field);
    else if (field.number === 8 && field.wireType === WireType.Bytes && field.bytes) value = readScalarTensor(field.bytes);
  }
  return tag !== undefined && value !== undefined ? { tag, value } : undefined;
}

// TensorProto: dtype (1), tensor_shape (2), tensor_content (4), float_val (5), double_val (6).
function readScalarTensor(data: Uint8Array): number | undefined {
  let dtype = 0;
  let elements = 1;
  let content: Uint8Array | undefined;
  const floats: number[] = [];
  const doubles: number[] = [];
  for (const field of fields(data)) {
    if (field.number === 1 && field.varint !== undefined) dtype = Number(field.varint);
    else if (field.number === 2 && field.bytes) elements = shapeElements(field.bytes);
    else if (field.number === 4 && field.bytes) content = field.bytes;
    // A loop, not push(...values): a huge packed field would overflow the argument list.
    else if (field.number === 5) for (const v of readRepeated(field, 4)) floats.push(v);
    else if (field.number === 6) for (const v of readRepeated(field, 8)) doubles.push(v);
  }
  if (elements !== 1) return undefined;
  const width = dtype === DT_FLOAT ? 4 : dtype === DT_DOUBLE ? 8 : 0;
  if (width === 0) return undefined;
  if (content && content.length === width) return littleEndianFloats(content, width)[0];
  const values = width === 4 ? floats : doubles;
  return values.length === 1 ? values[0] : undefined;
}

// TensorShapeProto: dim (2) { size (1) }; no dims is a scalar.
function shapeElements(data: Uint8Array): number {
  let elements = 1;
  for (const field of fields(data)) {
    if (field.number !== 2 || !field.bytes) continue;
    for (const dim of fields(field.bytes)) {
      if (dim.number === 1) elements *= readInt64(dim) ?? 0;
    }
  }
  return elements;
}
