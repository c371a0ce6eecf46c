#!/usr/bin/env python3
"""Capacity exploration for the ps10-noise smoke tier (lib/tasks/ps10/SMOKE.md records the results).

Trains the torch engine's own model code (workers/engines/torch/python/models.py) on the data the
TypeScript generator writes (scripts/ps10/write-data.ts, data seed 0), the way the engine's session
does (SGD, momentum 0.9, a fresh permutation per epoch, per-epoch rates), under StepDecay (x0.1 at
50% and 83% of the budget) and constant rates, and prints one JSON line per replay with the subset
accuracies after every epoch.

  nice /usr/bin/python3 scripts/ps10/explore.py --data /tmp/ps10data/5000 --sigma 10 --hidden 512,512 \
      --frequencies 128 --batch 32 --epochs 30 --wd 5e-4 --schedules step,0.1,0.01,0.001
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "workers", "engines", "torch", "python"))
from models import build_model  # noqa: E402


def load(folder, split):
    x = torch.from_numpy(np.fromfile(os.path.join(folder, f"{split}_x.f32"), dtype="<f4").reshape(-1, 6).copy())
    y = torch.from_numpy(np.fromfile(os.path.join(folder, f"{split}_y.i32"), dtype="<i4").astype(np.int64))
    kind = torch.from_numpy(np.fromfile(os.path.join(folder, f"{split}_kind.u8"), dtype=np.uint8).astype(bool))
    noisy = torch.from_numpy(np.fromfile(os.path.join(folder, f"{split}_noisy.u8"), dtype=np.uint8).astype(bool))
    return x, y, kind, noisy


def rates(schedule, epochs):
    if schedule == "step":
        milestones = [round(epochs * 0.5), round(epochs * 5 / 6)]
        return [0.1 * 0.1 ** sum(e >= m for m in milestones) for e in range(epochs)], milestones
    return [float(schedule)] * epochs, []


@torch.no_grad()
def subset_accuracy(model, x, y, kind, noisy):
    model.eval()
    hit = torch.cat([model(x[i : i + 2048]).argmax(1) for i in range(0, len(x), 2048)]) == y
    out = {"simple": hit[~kind & ~noisy].float().mean().item(), "complex": hit[kind & ~noisy].float().mean().item()}
    if noisy.any():
        out["noise"] = hit[noisy].float().mean().item()
    return out


def replay(args, schedule, train, test):
    lrs, milestones = rates(schedule, args.epochs)
    torch.manual_seed(args.seed)
    hidden = [int(h) for h in args.hidden.split(",") if h]
    if args.frequencies:
        model = build_model({"name": "fourier-mlp", "frequencies": args.frequencies, "sigma": args.sigma, "hidden": hidden, "classes": 10})
    else:
        model = build_model({"name": "mlp", "layers": [6, *hidden, 10]})
    optimizer = torch.optim.SGD(model.parameters(), lr=0.0, momentum=0.9, weight_decay=args.wd)
    order = torch.Generator().manual_seed(args.seed * 3 + 1)
    x, y = train[0], train[1]
    curve = []
    started = time.perf_counter()
    for epoch, lr in enumerate(lrs):
        model.train()
        for group in optimizer.param_groups:
            group["lr"] = lr
        for index in torch.randperm(len(x), generator=order).split(args.batch):
            loss = F.cross_entropy(model(x[index]), y[index])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
        tr = subset_accuracy(model, *train)
        te = subset_accuracy(model, *test)
        curve.append({"epoch": epoch + 1, "lr": lr, "train": tr, "test": te})
    seconds = time.perf_counter() - started
    return {"schedule": schedule, "milestones": milestones, "seconds": round(seconds, 1), "curve": curve}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--frequencies", type=int, default=128, help="0: a plain MLP on the 6 inputs")
    parser.add_argument("--sigma", type=float, default=10.0)
    parser.add_argument("--hidden", default="512,512")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--wd", type=float, default=5e-4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--schedules", default="step,0.1,0.01,0.001")
    args = parser.parse_args()
    torch.set_num_threads(1)
    train, test = load(args.data, "train"), load(args.data, "test")
    config = {k: v for k, v in vars(args).items() if k != "schedules"}
    config["trainSamples"] = len(train[0])
    for schedule in args.schedules.split(","):
        result = replay(args, schedule, train, test)
        print(json.dumps({"config": config, **result}), flush=True)


if __name__ == "__main__":
    main()
