#!/usr/bin/env python3
"""Checks a host's PyTorch for the torch engine without Node.js: drives the real trainer process through
every operation the worker uses (setup, train_epoch at given rates and in lockstep, evaluate, snapshot to
ONNX, probe, finetune) on tiny generated data, on the GPU when there is one.

    python3 scripts/torch/check_engine.py [--device cuda|cpu]
"""
import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from torch_vs_plain import Trainer, write_data  # noqa: E402


def image_folders(root, classes=4, per_class=10):
    from PIL import Image

    rng = np.random.default_rng(0)
    for split in ("train", "val"):
        for c in range(classes):
            folder = root / split / f"class_{c}"
            folder.mkdir(parents=True)
            for i in range(per_class):
                pixels = np.clip(rng.normal(60 * c, 20, (40, 48, 3)), 0, 255).astype(np.uint8)
                Image.fromarray(pixels).save(folder / f"{i}.jpg")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lrbench-check-") as tmp:
        tmp = Path(tmp)
        trainer = Trainer(sys.executable)
        print(json.dumps(trainer.request("info", device=args.device)))
        cifar = write_data("cifar10", 256, 64, tmp, np.random.default_rng(0))
        summary = trainer.request("setup", seed=0, device=args.device, plan={"model": {"name": "wrn", "depth": 10, "widen": 1, "classes": 10}, "data": cifar, "batchSize": 64, "weightDecay": 5e-4})
        print("cifar10 setup", summary)
        epoch = trainer.request("train_epoch", lrs=[0.1] * summary["itersPerEpoch"], momenta=None)
        print("cifar10 epoch", {k: v for k, v in epoch.items() if k != "losses"}, "losses", [round(x, 3) for x in epoch["losses"]])
        print("cifar10 evaluate", trainer.request("evaluate"))

        image_folders(tmp / "source")
        image_folders(tmp / "target", classes=3)
        summary = trainer.request("setup", seed=1, device=args.device, plan={"model": {"name": "resnet", "depth": 18, "inChannels": 3, "width": 8, "smallInput": False}, "data": {"kind": "images", "root": str(tmp / "source"), "size": 64, "trainSize": None, "testSize": None}, "batchSize": 16, "weightDecay": 1e-4})
        print("images setup", summary)
        # Lockstep: the trainer reports each loss and waits for the next rate.
        trainer.proc.stdin.write(json.dumps({"id": 99, "op": "train_epoch", "lockstep": True, "lr": 0.05, "momentum": None}) + "\n")
        trainer.proc.stdin.flush()
        while True:
            message = json.loads(trainer.proc.stdout.readline())
            if "step" not in message:
                break
            trainer.proc.stdin.write(json.dumps({"lr": 0.05, "momentum": None}) + "\n")
            trainer.proc.stdin.flush()
        assert message["ok"], message
        print("images lockstep epoch", len(message["result"]["losses"]), "iterations")
        print("images evaluate", trainer.request("evaluate"))
        snap = trainer.request("snapshot", path=str(tmp / "s.pt"), onnx=str(tmp / "s.onnx"))
        print("snapshot", snap)
        try:
            import onnxruntime
        except ImportError:
            print("onnxruntime not installed here: the ONNX export is not loaded back (the worker loads it with onnxruntime-node)")
        else:
            # From bytes alone: an export that kept its weights in a side file would fail here.
            session = onnxruntime.InferenceSession(Path(snap["onnx"]).read_bytes(), providers=["CPUExecutionProvider"])
            outputs = session.run(None, {"input": np.zeros((2, 3, 64, 64), dtype=np.float32)})
            print("onnxruntime loads the export:", [o.name for o in session.get_outputs()], [list(o.shape) for o in outputs])
        print("probe", trainer.request("probe", snapshot=snap["path"], root=str(tmp / "target"), trainSize=None, testSize=None, l2=1e-3, maxIterations=100))
        print("finetune", trainer.request("finetune", snapshot=snap["path"], root=str(tmp / "target"), lrs=[0.01, 0.005], trainSize=None, testSize=None))
        trainer.close()
    print("ok: the torch engine's trainer works on", args.device)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
