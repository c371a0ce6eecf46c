"""One job's model, data and optimizer on one device, trained at exactly the rates the worker sends."""
import contextlib
import copy
import inspect
import os
import platform
import time

import numpy as np
import torch
import torch.nn.functional as F

import data
from models import WithFeatures, build_model

EVAL_BATCH = 1024


def pick_device(preference):
    if preference == "cpu":
        return torch.device("cpu")
    if preference == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("--device cuda was asked for, but this PyTorch sees no CUDA device")
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def uses_bf16(device, precision):
    """bf16 autocast wherever a CUDA device supports it, unless fp32 is asked for."""
    return device.type == "cuda" and precision != "fp32" and torch.cuda.is_bf16_supported()


def engine_info(preference, precision="auto"):
    device = pick_device(preference)
    versions = {"torch": torch.__version__, "python": platform.python_version(), "numpy": np.__version__}
    if device.type == "cuda":
        props = torch.cuda.get_device_properties(device)
        versions["cuda"] = torch.version.cuda or "unknown"
        versions["cudnn"] = str(torch.backends.cudnn.version())
        name = f"{props.name} ({props.total_memory / 2**30:.0f} GiB)"
    else:
        name = f"cpu: {cpu_name()} ({os.cpu_count()} cores, {torch.get_num_threads()} threads)"
    return {"engine": "torch", "backend": device.type, "device": name, "precision": "bf16" if uses_bf16(device, precision) else "fp32", "versions": versions}


class Session:
    def __init__(self, request):
        plan = request["plan"]
        self.seed = int(request["seed"])
        self.device = pick_device(request.get("device", "auto"))
        self.plan = plan
        cuda = self.device.type == "cuda"
        if cuda:
            torch.backends.cudnn.benchmark = True
        self.channels_last = cuda and plan["model"]["name"] not in ("mlp", "fourier-mlp", "linear")
        self.bf16 = uses_bf16(self.device, request.get("precision", "auto"))
        self.train, self.test, self.classes, self.stats = self._load(plan["data"])
        model_spec = dict(plan["model"])
        if self.classes is not None:
            model_spec["classes"] = len(self.classes)
        # Separate streams: the model's initial weights, the shuffles and the augmentation each follow the seed alone.
        torch.manual_seed(self.seed)
        self.model = build_model(model_spec).to(self.device)
        if self.channels_last:
            self.model = self.model.to(memory_format=torch.channels_last)
        self.order = torch.Generator().manual_seed(self.seed * 3 + 1)
        self.augment = torch.Generator().manual_seed(self.seed * 3 + 2)
        self.batch_size = int(plan["batchSize"])
        self.momentum = float(plan.get("momentum", 0.9))
        self.weight_decay = float(plan["weightDecay"])
        self.nesterov = bool(plan.get("nesterov", False))
        self.optimizer = self._sgd(self.model.parameters())
        self._targets = {}

    def _sgd(self, params):
        return torch.optim.SGD(params, lr=0.0, momentum=self.momentum, weight_decay=self.weight_decay, nesterov=self.nesterov)

    def _load(self, spec):
        kind = spec["kind"]
        if kind == "ps10":
            train, test = data.ps10(spec["files"], spec["form"], spec.get("height", 32), spec.get("width", 32), self.device, self.channels_last)
            return train, test, None, None
        if kind == "cifar10":
            train, test = data.cifar10(spec["dir"], spec["trainSize"], spec["testSize"], self.device, self.channels_last, spec.get("normalisation"), spec.get("padMode", "reflect"))
            return train, test, None, None
        if kind == "fashion-mnist":
            train, test = data.fashion_mnist(spec["dir"], spec.get("trainSize"), spec.get("testSize"), self.device, self.channels_last, spec["normalisation"], spec.get("augment", "none"))
            return train, test, None, None
        if kind == "images":
            train, test, classes, stats = data.image_folders(
                spec["root"], spec["size"], spec.get("trainSize"), spec.get("testSize"), self.device, self.channels_last,
                augment=spec.get("augment", "randomResizedCrop"), normalisation=spec.get("normalisation"),
            )
            return train, test, classes, stats
        raise ValueError(f"unknown data kind {kind!r}")

    def summary(self):
        return {
            "trainSamples": self.train.n,
            "testSamples": self.test.n,
            "itersPerEpoch": -(-self.train.n // self.batch_size),
            "parameters": sum(p.numel() for p in self.model.parameters()),
            "classes": self.classes,
            "precision": "bf16" if self.bf16 else "fp32",
            "channelsLast": self.channels_last,
        }

    def _autocast(self):
        if self.bf16:
            return torch.autocast(device_type="cuda", dtype=torch.bfloat16)
        return contextlib.nullcontext()

    def _iterations(self):
        order = torch.randperm(self.train.n, generator=self.order).to(self.device)
        # The last, partial batch is kept, as DataLoader's drop_last=False does (and the tfjs engine).
        return [order[i : i + self.batch_size] for i in range(0, self.train.n, self.batch_size)]

    def _step(self, index, lr, momentum):
        for group in self.optimizer.param_groups:
            group["lr"] = lr
            if momentum is not None:
                group["momentum"] = momentum
        x, y = self.train.batch(index, True, self.augment)
        with self._autocast():
            logits = self.model(x)
            loss = F.cross_entropy(logits, y)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        return loss.detach(), (logits.argmax(1) == y).sum()

    def train_epoch(self, lrs, momenta):
        self.model.train()
        batches = self._iterations()
        if len(lrs) != len(batches):
            raise ValueError(f"got {len(lrs)} rates for an epoch of {len(batches)} iterations")
        started = time.perf_counter()
        losses, correct = [], []
        for i, index in enumerate(batches):
            loss, hits = self._step(index, float(lrs[i]), None if momenta is None else momenta[i])
            losses.append(loss)
            correct.append(hits)
        # One device sync per epoch: the losses stay on the device until here.
        values = torch.stack(losses).float().cpu().tolist()
        hits = int(torch.stack(correct).sum())
        return self._epoch_result(values, hits, started)

    def train_epoch_lockstep(self, request, exchange):
        self.model.train()
        lr, momentum = float(request["lr"]), request.get("momentum")
        started = time.perf_counter()
        values, hits = [], 0
        batches = self._iterations()
        for i, index in enumerate(batches):
            loss, correct = self._step(index, lr, momentum)
            values.append(float(loss))
            hits += int(correct)
            if i + 1 < len(batches):
                lr, momentum = exchange(i, values[-1])
                lr = float(lr)
        return self._epoch_result(values, hits, started)

    def _epoch_result(self, losses, hits, started):
        if self.device.type == "cuda":
            torch.cuda.synchronize()
        return {
            "losses": losses,
            "samples": self.train.n,
            "seconds": time.perf_counter() - started,
            "trainAcc": hits / max(1, self.train.n),
        }

    @torch.no_grad()
    def _predict(self, split):
        self.model.eval()
        predictions, loss_sum = [], 0.0
        for start in range(0, split.n, EVAL_BATCH):
            index = torch.arange(start, min(split.n, start + EVAL_BATCH), device=self.device)
            x, y = split.batch(index, False)
            with self._autocast():
                logits = self.model(x)
            loss_sum += float(F.cross_entropy(logits.float(), y, reduction="sum"))
            predictions.append(logits.argmax(1))
        predicted = torch.cat(predictions) if predictions else torch.zeros(0, dtype=torch.long, device=self.device)
        return predicted, loss_sum / max(1, split.n)

    def evaluate(self):
        """Loss and accuracy per split; PS10 also returns predictions, so its subset metrics are computed once, in TypeScript."""
        ps10 = self.plan["data"]["kind"] == "ps10"
        splits = {"test": self.test, **({"train": self.train} if ps10 else {})}
        result = {}
        for name, split in splits.items():
            predicted, loss = self._predict(split)
            entry = {"loss": loss, "acc": float((predicted == split.labels).float().mean()) if split.n else None}
            if ps10:
                entry["predictions"] = predicted.cpu().tolist()
            result[name] = entry
        return result

    def snapshot(self, path, onnx_path=None):
        """The weights (state dict) and, when asked, an ONNX export with two outputs: logits and features."""
        torch.save(self.model.state_dict(), path)
        result = {"path": path, "bytes": os.path.getsize(path)}
        if onnx_path:
            export_onnx(self.model, self.train, onnx_path)
            result["onnx"] = onnx_path
            result["onnxBytes"] = os.path.getsize(onnx_path)
        return result

    @torch.no_grad()
    def _score(self, model, split, index):
        """Mean cross-entropy and accuracy of `model` on the samples `index` of `split` (no augmentation)."""
        model.eval()
        loss_sum, hits = 0.0, 0
        for chunk in index.split(EVAL_BATCH):
            x, y = split.batch(chunk, False)
            with self._autocast():
                logits = model(x).float()
            loss_sum += float(F.cross_entropy(logits, y, reduction="sum"))
            hits += int((logits.argmax(1) == y).sum())
        n = max(1, int(index.numel()))
        return loss_sum / n, hits / n

    @torch.no_grad()
    def _recompute_norm_statistics(self, model, norms, index):
        """BatchNorm's running statistics of an interpolated network are not the interpolation of the two
        networks' statistics: they are measured again, as a cumulative average over the training subset."""
        saved = [m.momentum for m in norms]
        for m in norms:
            m.reset_running_stats()
            m.momentum = None
        model.train()
        for chunk in index.split(EVAL_BATCH):
            x, _ = self.train.batch(chunk, False)
            with self._autocast():
                model(x)
        for m, momentum in zip(norms, saved):
            m.momentum = momentum

    def interpolate(self, request):
        """Smith and Topin's "same or different minimum" test: the network at alpha * w_a + (1 - alpha) * w_b for
        each alpha (alpha 1 is snapshot a, 0 is b), scored on the test set and a fixed training subset. Every
        floating-point parameter and buffer is interpolated; BatchNorm's running statistics are then recomputed
        on the training subset for each alpha."""
        a = torch.load(request["a"], map_location=self.device)
        b = torch.load(request["b"], map_location=self.device)
        if a.keys() != b.keys():
            raise ValueError("the two snapshots are of different networks")
        subset_size = min(self.train.n, int(request.get("trainSubset") or self.train.n))
        subset = torch.randperm(self.train.n, generator=torch.Generator().manual_seed(self.seed * 3 + 3))[:subset_size].to(self.device)
        test_index = torch.arange(self.test.n, device=self.device)
        model = copy.deepcopy(self.model)
        norms = [m for m in model.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
        points = []
        for alpha in request["alphas"]:
            alpha = float(alpha)
            state = {k: (alpha * a[k].float() + (1 - alpha) * b[k].float()).to(a[k].dtype) if a[k].is_floating_point() else a[k] for k in a}
            model.load_state_dict(state)
            if norms:
                self._recompute_norm_statistics(model, norms, subset)
            test_loss, test_acc = self._score(model, self.test, test_index)
            train_loss, train_acc = self._score(model, self.train, subset)
            points.append({"alpha": alpha, "test_loss": test_loss, "test_acc": test_acc, "train_loss": train_loss, "train_acc": train_acc})
        return {"points": points, "trainSubset": subset_size, "testSamples": self.test.n, "batchNormRecomputed": len(norms) > 0}

    def _target(self, request):
        # Every snapshot is judged on the same target: decode it once.
        key = (request["root"], request.get("trainSize"), request.get("testSize"))
        if key not in self._targets:
            self._targets[key] = data.image_folders(key[0], self.plan["data"]["size"], key[1], key[2], self.device, self.channels_last, self.stats)
        return self._targets[key]

    def _snapshot_model(self, path):
        model = copy.deepcopy(self.model)
        model.load_state_dict(torch.load(path, map_location=self.device))
        return model

    @torch.no_grad()
    def _features(self, model, split):
        model.eval()
        chunks = []
        for index in torch.arange(split.n, device=self.device).split(EVAL_BATCH):
            x, _ = split.batch(index, False)
            with self._autocast():
                chunks.append(model.features(x).float())
        return torch.cat(chunks)

    def probe(self, request):
        """`fix` transfer on the training device: the snapshot's features frozen, and a multinomial logistic
        regression (L2 penalty `l2` on the weights) trained on them full-batch by L-BFGS until its gradient
        or its change vanishes, or `maxIterations` (the tier's bound on the cost) is reached."""
        train, test, classes, _ = self._target(request)
        model = self._snapshot_model(request["snapshot"])
        train_x, test_x = self._features(model, train), self._features(model, test)
        mean, std = train_x.mean(0), train_x.std(0).clamp_min(1e-6)
        train_x, test_x = (train_x - mean) / std, (test_x - mean) / std
        weights = torch.zeros(train_x.shape[1], len(classes), device=self.device, requires_grad=True)
        bias = torch.zeros(len(classes), device=self.device, requires_grad=True)
        l2 = float(request["l2"])
        optimizer = torch.optim.LBFGS(
            [weights, bias], lr=1.0, max_iter=int(request["maxIterations"]), history_size=20,
            tolerance_grad=1e-6, tolerance_change=1e-9, line_search_fn="strong_wolfe",
        )

        def objective():
            optimizer.zero_grad()
            loss = F.cross_entropy(train_x @ weights + bias, train.labels) + 0.5 * l2 * (weights * weights).sum()
            loss.backward()
            return loss

        loss = float(optimizer.step(objective))
        iterations = int(optimizer.state[optimizer._params[0]].get("n_iter", 0))
        with torch.no_grad():
            hits = int(((test_x @ weights + bias).argmax(1) == test.labels).sum())
        return {
            "acc": hits / max(1, test.n), "loss": loss, "iterations": iterations,
            "converged": iterations < int(request["maxIterations"]), "trainSamples": train.n, "testSamples": test.n,
        }

    def finetune(self, request):
        """`finetune` transfer: the whole snapshot trained on the target, the new head at 10x the rate of the rest."""
        train, test, classes, _ = self._target(request)
        model = self._snapshot_model(request["snapshot"])
        # The same new head for every snapshot, so stages differ only by what their weights learned.
        torch.manual_seed(self.seed)
        model.head = torch.nn.Linear(model.head.in_features, len(classes)).to(self.device)
        head = list(model.head.parameters())
        body = [p for n, p in model.named_parameters() if not n.startswith("head.")]
        optimizer = self._sgd([{"params": body}, {"params": head}])
        order = torch.Generator().manual_seed(self.seed * 3 + 1)
        augment = torch.Generator().manual_seed(self.seed * 3 + 2)
        for lr in request["lrs"]:  # one rate per epoch, computed by the worker's lib/schedules
            model.train()
            optimizer.param_groups[0]["lr"] = float(lr)
            optimizer.param_groups[1]["lr"] = 10 * float(lr)
            for index in torch.randperm(train.n, generator=order).to(self.device).split(self.batch_size):
                x, y = train.batch(index, True, augment)
                with self._autocast():
                    loss = F.cross_entropy(model(x), y)
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
        model.eval()
        hits = 0
        with torch.no_grad():
            for index in torch.arange(test.n, device=self.device).split(EVAL_BATCH):
                x, y = test.batch(index, False)
                with self._autocast():
                    hits += int((model(x).argmax(1) == y).sum())
        return {"acc": hits / max(1, test.n), "trainSamples": train.n, "testSamples": test.n}


def _single_file_export():
    """PyTorch 2.9+ exports with dynamo by default and may put weights in a side file; an artifact must be one file."""
    return {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}


def export_onnx(model, split, path):
    exported = WithFeatures(copy.deepcopy(model).float().to("cpu").to(memory_format=torch.contiguous_format)).eval()
    sample, _ = split.batch(torch.arange(min(2, split.n), device=split.labels.device), False)
    sample = sample.float().cpu().contiguous()
    torch.onnx.export(
        exported, (sample,), path,
        input_names=["input"], output_names=["logits", "features"],
        dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}, "features": {0: "batch"}},
        opset_version=13,
        **_single_file_export(),
    )
