#!/usr/bin/env python3
"""Training throughput of the torch engine against a plain PyTorch loop on the same model, same run.

The engine side is the real trainer process (workers/engines/torch/python/trainer.py), driven over
its JSON-lines protocol with the very messages the TypeScript engine sends: a setup, then one
train_epoch per epoch carrying every iteration's rate. The plain side is the loop anyone would write:
data already on the device, the same model class, SGD, bf16 autocast and channels-last on a GPU, no
augmentation and no per-iteration rate. Prints figures; asserts nothing. Used by `npm run bench:replay`
and on GPU hosts that have PyTorch but no Node.js:

    python3 scripts/bench/torch_vs_plain.py [--cases cifar10-wrn:short,...] [--train N] [--epochs E]

Inputs are synthetic (random pixels, random labels) of the tier's shapes: throughput does not depend
on what the pixels show, and nothing is downloaded. Plans mirror workers/engines/torch/plan.ts.
"""
import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parents[2]
TRAINER_DIR = ROOT / "workers" / "engines" / "torch" / "python"
sys.path.insert(0, str(TRAINER_DIR))
from models import build_model  # noqa: E402

PLANS = {
    "ps10-noise:smoke": {"model": {"name": "fourier-mlp", "frequencies": 128, "sigma": 3, "hidden": [256, 256], "classes": 10}, "data": "ps10-vector", "batchSize": 32},
    "ps10-noise:short": {"model": {"name": "wrn", "depth": 16, "widen": 4, "classes": 10, "inChannels": 6}, "data": "ps10-image", "batchSize": 128},
    "cifar10-wrn:smoke": {"model": {"name": "wrn", "depth": 10, "widen": 1, "classes": 10}, "data": "cifar10", "batchSize": 128},
    "cifar10-wrn:short": {"model": {"name": "wrn", "depth": 16, "widen": 4, "classes": 10}, "data": "cifar10", "batchSize": 128},
    "cifar10-wrn:full": {"model": {"name": "wrn", "depth": 28, "widen": 10, "classes": 10}, "data": "cifar10", "batchSize": 128},
}


def write_data(kind, train, test, folder, rng):
    if kind.startswith("ps10"):
        files = {}
        for split, n in (("train", train), ("test", test)):
            files[f"{split}X"] = str(folder / f"{split}_x.f32")
            files[f"{split}Y"] = str(folder / f"{split}_y.i32")
            rng.random((n, 6), dtype=np.float32).astype("<f4").tofile(files[f"{split}X"])
            rng.integers(0, 10, n, dtype=np.int32).astype("<i4").tofile(files[f"{split}Y"])
        return {"kind": "ps10", "form": "vector" if kind == "ps10-vector" else "image", "height": 32, "width": 32, "files": files}
    per_file = -(-train // 5)
    for name, n in [(f"data_batch_{i}.bin", per_file) for i in range(1, 6)] + [("test_batch.bin", test)]:
        records = rng.integers(0, 256, (n, 3073), dtype=np.uint8)
        records[:, 0] %= 10
        records.tofile(folder / name)
    return {"kind": "cifar10", "dir": str(folder), "trainSize": train, "testSize": test}


class Trainer:
    def __init__(self, python):
        self.proc = subprocess.Popen([python, "-u", str(TRAINER_DIR / "trainer.py")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.next_id = 1

    def request(self, op, **body):
        rid = self.next_id
        self.next_id += 1
        self.proc.stdin.write(json.dumps({"id": rid, "op": op, **body}) + "\n")
        self.proc.stdin.flush()
        answer = json.loads(self.proc.stdout.readline())
        if not answer.get("ok"):
            raise RuntimeError(answer.get("error"))
        return answer["result"]

    def close(self):
        self.request("close")
        self.proc.wait(timeout=30)


def engine_throughput(case, data, epochs, device):
    trainer = Trainer(sys.executable)
    try:
        info = trainer.request("info", device=device)
        plan = PLANS[case]
        summary = trainer.request("setup", seed=0, device=device, plan={"model": plan["model"], "data": data, "batchSize": plan["batchSize"], "weightDecay": 5e-4, "momentum": 0.9})
        rates = [0.1] * summary["itersPerEpoch"]
        trainer.request("train_epoch", lrs=rates)  # warm-up: cuDNN autotuning, allocator
        started = time.perf_counter()
        samples = 0
        for _ in range(epochs):
            samples += trainer.request("train_epoch", lrs=rates)["samples"]
        return samples / (time.perf_counter() - started), info, summary
    finally:
        trainer.close()


def plain_throughput(case, train, epochs, device):
    plan = PLANS[case]
    dev = torch.device(device)
    cuda = dev.type == "cuda"
    torch.manual_seed(0)
    model = build_model(plan["model"]).to(dev)
    image = plan["data"] != "ps10-vector"
    shape = (6,) if not image else ((6, 32, 32) if plan["data"] == "ps10-image" else (3, 32, 32))
    x = torch.randn((train, *shape), device=dev)
    y = torch.randint(0, 10, (train,), device=dev)
    if cuda and image:
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
    batch = plan["batchSize"]

    def epoch():
        model.train()
        for index in torch.randperm(train, device=dev).split(batch):
            with torch.autocast("cuda", dtype=torch.bfloat16) if cuda else contextlib.nullcontext():
                loss = F.cross_entropy(model(x[index]), y[index])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
        if cuda:
            torch.cuda.synchronize()

    epoch()
    started = time.perf_counter()
    for _ in range(epochs):
        epoch()
    return train * epochs / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default=None, help="comma-separated task:tier pairs (default: by device)")
    parser.add_argument("--train", type=int, default=None, help="training samples per epoch (default: 50,000 on a GPU, 2,000 on a CPU)")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--json", action="store_true", help="one JSON object per case instead of text")
    args = parser.parse_args()
    gpu = args.device == "cuda"
    cases = args.cases.split(",") if args.cases else (["ps10-noise:short", "cifar10-wrn:short", "cifar10-wrn:full"] if gpu else ["ps10-noise:smoke", "cifar10-wrn:smoke"])
    train = args.train or (50_000 if gpu else 2_000)
    rng = np.random.default_rng(0)
    for case in cases:
        with tempfile.TemporaryDirectory(prefix="lrbench-bench-") as tmp:
            data = write_data(PLANS[case]["data"], train, 1_000, Path(tmp), rng)
            engine, info, summary = engine_throughput(case, data, args.epochs, args.device)
        plain = plain_throughput(case, train, args.epochs, args.device)
        row = {"case": case, "device": info["device"], "torch": info["versions"]["torch"], "precision": summary["precision"], "channelsLast": summary["channelsLast"], "train": train, "epochs": args.epochs, "engine": round(engine), "plain": round(plain), "plainOverEngine": round(plain / engine, 3)}
        if args.json:
            print(json.dumps(row), flush=True)
        else:
            print(f"{case} on {row['device']} ({row['precision']}{', channels-last' if row['channelsLast'] else ''}): engine {row['engine']:,} samples/s, plain PyTorch loop {row['plain']:,} samples/s, plain/engine {row['plainOverEngine']:.2f}x", flush=True)


if __name__ == "__main__":
    main()
