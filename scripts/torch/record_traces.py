#!/usr/bin/env python3
"""Record PyTorch learning-rate traces for lib/schedules/fixtures/torch-traces.json.

Each case is an lrbench schedule definition (the JSON of /work/shared/spec/schedules.md). It is
mapped to the torch.optim.lr_scheduler class the spec names, driven the way the spec says (SGD
with the base rate, scheduler.step() once after every optimizer.step(), plateau fed one
observation per step), and the rate (and momentum, where scheduled) used at each step is kept.
The TypeScript engine's unit tests compare against this file, so they need no torch.

    /usr/bin/python3 scripts/torch/record_traces.py [OUT.json]
"""
import json
import math
import sys
import warnings
from pathlib import Path

import torch
from torch.optim import lr_scheduler as S

warnings.filterwarnings("ignore")  # the "step order" warnings do not apply to this bare loop

OUT = Path(__file__).resolve().parents[2] / "lib" / "schedules" / "fixtures" / "torch-traces.json"


def start_lr(d):
    """The rate the optimizer must carry before the class is built (its base_lrs)."""
    if d["kind"] == "cyclic":
        return d["baseLr"]
    if d["kind"] == "oneCycle":
        return d["maxLr"] / d.get("divFactor", 25.0)
    if d["kind"] == "sequence":
        return start_lr(d["schedules"][0])
    return d["lr"]


def build(opt, d):
    k = d["kind"]
    if k == "step":
        return S.StepLR(opt, step_size=d["stepSize"], gamma=d.get("gamma", 0.1))
    if k == "multiStep":
        return S.MultiStepLR(opt, milestones=d["milestones"], gamma=d.get("gamma", 0.1))
    if k == "exponential":
        return S.ExponentialLR(opt, gamma=d["gamma"])
    if k == "cosine":
        return S.CosineAnnealingLR(opt, T_max=d["tMax"], eta_min=d.get("etaMin", 0.0))
    if k == "warmRestarts":
        return S.CosineAnnealingWarmRestarts(opt, T_0=d["t0"], T_mult=d.get("tMult", 1), eta_min=d.get("etaMin", 0.0))
    if k == "linear":
        return S.LinearLR(opt, start_factor=d.get("startFactor", 1 / 3), end_factor=d.get("endFactor", 1.0),
                          total_iters=d.get("totalIters", 5))
    if k == "polynomial":
        return S.PolynomialLR(opt, total_iters=d.get("totalIters", 5), power=d.get("power", 1.0))
    if k == "cyclic":
        m = d.get("cycleMomentum")
        mode = {"triangular": "triangular", "triangular2": "triangular2", "expRange": "exp_range"}[d.get("mode", "triangular")]
        return S.CyclicLR(opt, base_lr=d["baseLr"], max_lr=d["maxLr"], step_size_up=d["stepSizeUp"],
                          step_size_down=d.get("stepSizeDown"), mode=mode, gamma=d.get("gamma", 1.0),
                          cycle_momentum=m is not None,
                          base_momentum=m["base"] if m else 0.8, max_momentum=m["max"] if m else 0.9)
    if k == "oneCycle":
        m = d.get("cycleMomentum")
        return S.OneCycleLR(opt, max_lr=d["maxLr"], total_steps=d["totalSteps"], pct_start=float(d.get("pctStart", 0.3)),
                            anneal_strategy=d.get("annealStrategy", "cos"), div_factor=d.get("divFactor", 25.0),
                            final_div_factor=d.get("finalDivFactor", 1e4), three_phase=d.get("threePhase", False),
                            cycle_momentum=m is not None,
                            base_momentum=m["base"] if m else 0.85, max_momentum=m["max"] if m else 0.95)
    if k == "sequence":
        children, milestones = flatten(d)
        # OneCycleLR reads the param group's "initial_lr" on every step, which later children
        # overwrite: only as the first child does it keep its own rates.
        assert all(c["kind"] != "oneCycle" for c in children[1:]), "oneCycle must be the first child"
        built = []
        for child in children:
            # SequentialLR children take their base rate from the optimizer's "initial_lr",
            # which only the first scheduler sets; give each child its own before building it.
            for g in opt.param_groups:
                g["initial_lr"] = g["lr"] = start_lr(child)
            built.append(build(opt, child))
        for g in opt.param_groups:
            g["initial_lr"] = g["lr"] = start_lr(children[0])
        return S.SequentialLR(opt, schedulers=built, milestones=milestones)
    if k == "plateau":
        return S.ReduceLROnPlateau(opt, mode=d.get("mode", "min"), factor=d.get("factor", 0.1),
                                   patience=d.get("patience", 10), threshold=d.get("threshold", 1e-4),
                                   threshold_mode=d.get("thresholdMode", "rel"), cooldown=d.get("cooldown", 0),
                                   min_lr=d.get("minLr", 0.0), eps=d.get("eps", 1e-8))
    raise ValueError(f"no PyTorch class for kind {k}")


def flatten(d):
    """A nested sequence starting at m is the same as its children placed at m + their milestones."""
    children, milestones = [], []
    starts = [0] + list(d["milestones"])
    ends = list(d["milestones"]) + [math.inf]
    for child, start, end in zip(d["schedules"], starts, ends):
        if child["kind"] == "sequence":
            sub, sub_ms = flatten(child)
            sub_starts = [start] + [start + m for m in sub_ms]
            for c, s in zip(sub, sub_starts):
                if s < end:
                    children.append(c)
                    milestones.append(s)
        else:
            children.append(child)
            milestones.append(start)
    return children, milestones[1:]


def record(d, steps, observations=None):
    model = torch.nn.Linear(1, 1)
    opt = torch.optim.SGD(model.parameters(), lr=start_lr(d), momentum=0.9 if d.get("cycleMomentum") else 0.0)
    sched = build(opt, d)
    lrs, moms = [], []
    for t in range(steps):
        g = opt.param_groups[0]
        lrs.append(float(g["lr"]))
        moms.append(float(g["momentum"]))
        opt.step()
        if t == steps - 1:
            break  # the rate after the last step is not part of the trace (OneCycleLR would raise)
        if d["kind"] == "plateau":
            sched.step(observations[t])
        else:
            sched.step()
    case = {"definition": d, "steps": steps}
    if observations is not None:
        case["observations"] = observations
    case["lr"] = lrs
    if d.get("cycleMomentum"):
        case["momentum"] = moms
    return case


def losses(n, seed, floor=0.3, noise=0.02):
    """A reproducible loss curve: fast decay, then noisy plateaus with occasional drops."""
    x = seed
    out = []
    level = 2.0
    for t in range(n):
        x = (1103515245 * x + 12345) % 2**31
        u = x / 2**31 - 0.5
        if t % 17 == 0 and t > 0:
            level *= 0.8
        out.append(round(floor + level * math.exp(-t / 15) + level * 0.1 + noise * u, 6))
    return out


def cases():
    yield "step", {"kind": "step", "lr": 0.1, "stepSize": 7, "gamma": 0.5}, 40
    yield "step stepSize 1", {"kind": "step", "lr": 1.0, "stepSize": 1, "gamma": 0.9}, 30
    yield "multiStep one milestone", {"kind": "multiStep", "lr": 0.1, "milestones": [10]}, 25
    yield "multiStep", {"kind": "multiStep", "lr": 0.05, "milestones": [3, 10, 11, 30], "gamma": 0.3}, 40
    yield "multiStep milestone 0", {"kind": "multiStep", "lr": 0.2, "milestones": [0, 5], "gamma": 0.5}, 10
    yield "exponential", {"kind": "exponential", "lr": 0.1, "gamma": 0.95}, 60
    yield "exponential growth", {"kind": "exponential", "lr": 1e-5, "gamma": 1.1}, 40
    yield "cosine past tMax", {"kind": "cosine", "lr": 0.1, "tMax": 10}, 45
    yield "cosine etaMin", {"kind": "cosine", "lr": 0.5, "tMax": 25, "etaMin": 0.01}, 80
    yield "cosine tMax 1", {"kind": "cosine", "lr": 0.1, "tMax": 1, "etaMin": 0.001}, 8
    yield "warmRestarts", {"kind": "warmRestarts", "lr": 0.1, "t0": 5}, 30
    yield "warmRestarts tMult 2", {"kind": "warmRestarts", "lr": 0.1, "t0": 3, "tMult": 2, "etaMin": 0.001}, 60
    yield "warmRestarts t0 1 tMult 3", {"kind": "warmRestarts", "lr": 0.2, "t0": 1, "tMult": 3}, 45
    yield "linear warmup", {"kind": "linear", "lr": 0.1}, 12
    yield "linear decay", {"kind": "linear", "lr": 0.3, "startFactor": 1.0, "endFactor": 0.05, "totalIters": 20}, 30
    yield "linear endFactor 0", {"kind": "linear", "lr": 0.3, "startFactor": 0.5, "endFactor": 0.0, "totalIters": 9}, 14
    yield "polynomial", {"kind": "polynomial", "lr": 0.1}, 10
    yield "polynomial power 2", {"kind": "polynomial", "lr": 0.1, "totalIters": 30, "power": 2.0}, 40
    yield "polynomial power 0.5", {"kind": "polynomial", "lr": 0.1, "totalIters": 17, "power": 0.5}, 25
    yield "cyclic triangular", {"kind": "cyclic", "baseLr": 0.001, "maxLr": 0.1, "stepSizeUp": 4}, 30
    yield "cyclic triangular asymmetric momentum", {"kind": "cyclic", "baseLr": 0.01, "maxLr": 0.1, "stepSizeUp": 3,
                                                   "stepSizeDown": 7, "cycleMomentum": {"base": 0.8, "max": 0.95}}, 45
    yield "cyclic triangular2 momentum", {"kind": "cyclic", "baseLr": 0.001, "maxLr": 0.1, "stepSizeUp": 5,
                                         "mode": "triangular2", "cycleMomentum": {"base": 0.85, "max": 0.9}}, 50
    yield "cyclic expRange", {"kind": "cyclic", "baseLr": 0.001, "maxLr": 0.1, "stepSizeUp": 6, "stepSizeDown": 2,
                              "mode": "expRange", "gamma": 0.97}, 50
    yield "cyclic expRange momentum", {"kind": "cyclic", "baseLr": 0.02, "maxLr": 0.2, "stepSizeUp": 5,
                                       "mode": "expRange", "gamma": 0.99, "cycleMomentum": {"base": 0.8, "max": 0.9}}, 40
    yield "oneCycle", {"kind": "oneCycle", "maxLr": 0.1, "totalSteps": 50}, 51
    yield "oneCycle momentum", {"kind": "oneCycle", "maxLr": 0.4, "totalSteps": 40, "pctStart": 0.25,
                                "cycleMomentum": {"base": 0.85, "max": 0.95}}, 41
    yield "oneCycle linear", {"kind": "oneCycle", "maxLr": 1.0, "totalSteps": 30, "annealStrategy": "linear",
                              "divFactor": 10.0, "finalDivFactor": 100.0}, 31
    yield "oneCycle threePhase momentum", {"kind": "oneCycle", "maxLr": 0.2, "totalSteps": 45, "threePhase": True,
                                           "cycleMomentum": {"base": 0.8, "max": 0.9}}, 46
    yield "oneCycle threePhase linear", {"kind": "oneCycle", "maxLr": 0.2, "totalSteps": 33, "threePhase": True,
                                         "annealStrategy": "linear", "pctStart": 0.4}, 34
    yield "oneCycle pctStart 0", {"kind": "oneCycle", "maxLr": 0.1, "totalSteps": 20, "pctStart": 0.0,
                                  "cycleMomentum": {"base": 0.85, "max": 0.95}}, 21
    yield "oneCycle pctStart 1", {"kind": "oneCycle", "maxLr": 0.1, "totalSteps": 20, "pctStart": 1.0}, 20
    yield "oneCycle totalSteps 1", {"kind": "oneCycle", "maxLr": 0.1, "totalSteps": 1, "pctStart": 0.0}, 2
    yield "sequence warmup cosine", {"kind": "sequence", "milestones": [5], "schedules": [
        {"kind": "linear", "lr": 0.1, "startFactor": 0.1, "totalIters": 5},
        {"kind": "cosine", "lr": 0.1, "tMax": 20}]}, 30
    yield "sequence 3 children own rates", {"kind": "sequence", "milestones": [4, 15], "schedules": [
        {"kind": "linear", "lr": 0.05, "startFactor": 0.2, "totalIters": 4},
        {"kind": "step", "lr": 0.2, "stepSize": 3, "gamma": 0.5},
        {"kind": "exponential", "lr": 0.01, "gamma": 0.9}]}, 30
    yield "sequence onecycle cyclic warmRestarts", {"kind": "sequence", "milestones": [6, 20], "schedules": [
        {"kind": "oneCycle", "maxLr": 0.3, "totalSteps": 7},
        {"kind": "cyclic", "baseLr": 0.01, "maxLr": 0.05, "stepSizeUp": 2},
        {"kind": "warmRestarts", "lr": 0.02, "t0": 3, "tMult": 2}]}, 35
    yield "sequence nested", {"kind": "sequence", "milestones": [3, 12], "schedules": [
        {"kind": "polynomial", "lr": 0.1, "totalIters": 3},
        {"kind": "sequence", "milestones": [4, 20], "schedules": [
            {"kind": "multiStep", "lr": 0.08, "milestones": [1, 2]},
            {"kind": "cosine", "lr": 0.06, "tMax": 4},
            {"kind": "step", "lr": 1.0, "stepSize": 1}]},
        {"kind": "cosine", "lr": 0.05, "tMax": 6, "etaMin": 0.001}]}, 25

    obs = losses(120, 7)
    yield "plateau", {"kind": "plateau", "lr": 0.1, "patience": 3}, 120, obs
    yield "plateau default patience", {"kind": "plateau", "lr": 0.1}, 120, obs
    yield "plateau cooldown", {"kind": "plateau", "lr": 0.1, "patience": 1, "cooldown": 3, "factor": 0.5}, 120, obs
    yield "plateau abs threshold", {"kind": "plateau", "lr": 0.1, "patience": 2, "threshold": 0.01,
                                    "thresholdMode": "abs", "factor": 0.3}, 120, obs
    yield "plateau minLr eps", {"kind": "plateau", "lr": 0.1, "patience": 0, "factor": 0.5, "minLr": 0.01,
                                "eps": 1e-3}, 120, obs
    rising = [round(1.0 - v, 6) for v in losses(100, 11)]
    yield "plateau max rel", {"kind": "plateau", "lr": 0.05, "mode": "max", "patience": 2, "threshold": 0.001}, 100, rising
    yield "plateau max abs cooldown", {"kind": "plateau", "lr": 0.05, "mode": "max", "patience": 1, "cooldown": 1,
                                       "threshold": 0.002, "thresholdMode": "abs", "factor": 0.7}, 100, rising


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    recorded = []
    for name, d, steps, *obs in cases():
        observations = obs[0][: steps - 1] if obs else None
        case = record(d, steps, observations)
        recorded.append({"name": name, **case})
    data = {
        "about": "Learning rates recorded from torch.optim.lr_scheduler by scripts/torch/record_traces.py; "
                 "lr[t] (and momentum[t]) is the value used at step t.",
        "torch": torch.__version__,
        "cases": recorded,
    }
    out.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"wrote {len(recorded)} cases to {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
