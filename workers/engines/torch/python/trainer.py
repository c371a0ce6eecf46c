#!/usr/bin/env python3
"""lrbench's PyTorch engine: a trainer process driven by the TypeScript worker over JSON lines.

stdin carries one request per line, {"id": n, "op": "...", ...}; stdout carries one answer per line,
{"id": n, "ok": true, "result": {...}} or {"id": n, "ok": false, "error": "..."}. stdout is the
protocol's alone: anything printed goes to stderr, which the worker shows in its log.

The trainer never computes a learning rate. `train_epoch` gets the rate (and momentum) of every
iteration from the worker's lib/schedules, all at once for schedules that do not depend on the
losses, or one iteration at a time ("lockstep") for adaptive schedules stepped per iteration.
"""
import json
import math
import os
import sys
import traceback

PROTOCOL_OUT = sys.stdout
sys.stdout = sys.stderr  # a stray print() must not corrupt the protocol

import torch  # noqa: E402

from session import Session, engine_info  # noqa: E402


def send(message):
    PROTOCOL_OUT.write(json.dumps(json_safe(message), allow_nan=False) + "\n")
    PROTOCOL_OUT.flush()


def json_safe(value):
    """JSON has no NaN or Infinity: a diverged loss travels as the string "NaN", "Infinity" or "-Infinity"."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


def receive():
    line = sys.stdin.readline()
    if not line:
        return None
    return json.loads(line)


def main():
    session = None
    while True:
        request = receive()
        if request is None:
            return
        rid = request.get("id")
        op = request.get("op")
        try:
            if op == "info":
                result = engine_info(request.get("device", "auto"), request.get("precision", "auto"))
            elif op == "setup":
                session = Session(request)
                result = session.summary()
            elif op == "train_epoch":
                if session is None:
                    raise RuntimeError("train_epoch before setup")
                if request.get("lockstep"):
                    result = session.train_epoch_lockstep(request, lambda i, loss: lockstep_exchange(rid, i, loss))
                else:
                    result = session.train_epoch(request["lrs"], request.get("momenta"))
            elif op == "evaluate":
                result = session.evaluate()
            elif op == "snapshot":
                result = session.snapshot(request["path"], request.get("onnx"))
            elif op == "finetune":
                result = session.finetune(request)
            elif op == "probe":
                result = session.probe(request)
            elif op == "interpolate":
                result = session.interpolate(request)
            elif op == "close":
                send({"id": rid, "ok": True, "result": {}})
                return
            else:
                raise ValueError(f"unknown op {op!r}")
            send({"id": rid, "ok": True, "result": result})
        except Exception as error:  # every failure is answered; the worker decides what it means
            traceback.print_exc(file=sys.stderr)
            send({"id": rid, "ok": False, "error": f"{type(error).__name__}: {error}"})


def lockstep_exchange(rid, i, loss):
    """Reports iteration i's loss and waits for the next iteration's rate."""
    send({"id": rid, "step": i, "loss": loss})
    reply = receive()
    if reply is None:
        raise EOFError("the worker closed the pipe mid-epoch")
    if reply.get("stop"):
        raise InterruptedError("stopped by the worker")
    return reply["lr"], reply.get("momentum")


if __name__ == "__main__":
    threads = int(os.environ.get("LRBENCH_TORCH_THREADS", "0"))
    if threads > 0:
        torch.set_num_threads(threads)
    main()
