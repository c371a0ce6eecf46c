"""The standard tasks' models (../shared/spec/tasks.md), written out so no torchvision is needed.

Every model returns logits from forward() and penultimate features from features(), so one
snapshot serves both evaluation and `fix` transfer (a frozen feature extractor).
"""
import torch
from torch import nn
import torch.nn.functional as F


class Mlp(nn.Module):
    """A plain MLP on the vector form (ps10-noise smoke before task version 2)."""

    def __init__(self, layers=(6, 128, 128, 10)):
        super().__init__()
        self.hidden = nn.Sequential()
        for fan_in, fan_out in zip(layers[:-2], layers[1:-1]):
            self.hidden.append(nn.Linear(fan_in, fan_out))
            self.hidden.append(nn.ReLU())
        self.head = nn.Linear(layers[-2], layers[-1])

    def features(self, x):
        return self.hidden(x)

    def forward(self, x):
        return self.head(self.features(x))


class SoftmaxRegression(nn.Module):
    """fashion-mnist smoke: one linear layer on the flattened pixels (the article's one-layer network).
    The loss is F.cross_entropy on its logits, which is computed stably (log-sum-exp)."""

    def __init__(self, inputs=784, classes=10):
        super().__init__()
        self.head = nn.Linear(inputs, classes)

    def features(self, x):
        return torch.flatten(x, 1)

    def forward(self, x):
        return self.head(self.features(x))


class SmallCnn(nn.Module):
    """fashion-mnist short: two 5x5 conv + 2x2 max-pool layers (32, 64 channels) and a 1,024-unit dense layer,
    the TensorFlow tutorial's network that the Fashion-MNIST README lists (benchmark/convnet.py)."""

    def __init__(self, in_channels=1, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 32, 5, padding=2)
        self.conv2 = nn.Conv2d(32, 64, 5, padding=2)
        self.dense = nn.Linear(64 * 7 * 7, 1024)
        self.head = nn.Linear(1024, classes)

    def features(self, x):
        out = F.max_pool2d(F.relu(self.conv1(x)), 2)
        out = F.max_pool2d(F.relu(self.conv2(out)), 2)
        return F.relu(self.dense(torch.flatten(out, 1)))

    def forward(self, x):
        return self.head(self.features(x))


class FourierMlp(nn.Module):
    """ps10-noise smoke (lib/tasks/ps10/smoke-model.ts): random Fourier features of the 6 inputs, then an MLP.

    A plain MLP on the raw coordinates fits none of the 1000 complex centres within a CPU budget
    (lib/tasks/ps10/SMOKE.md); [cos 2 pi B x, sin 2 pi B x] with B ~ N(0, sigma^2) gives it the
    resolution to. B is drawn from the seed with the weights and kept as a buffer, so snapshots and
    ONNX exports carry it.
    """

    def __init__(self, frequencies=128, sigma=10.0, hidden=(512, 512), classes=10, in_features=6):
        super().__init__()
        self.register_buffer("projection", torch.randn(in_features, frequencies) * sigma)
        self.hidden = nn.Sequential()
        fan_in = 2 * frequencies
        for width in hidden:
            self.hidden.append(nn.Linear(fan_in, width))
            self.hidden.append(nn.ReLU())
            fan_in = width
        self.head = nn.Linear(fan_in, classes)

    def features(self, x):
        angles = 2 * torch.pi * (x @ self.projection)
        return self.hidden(torch.cat([torch.cos(angles), torch.sin(angles)], dim=1))

    def forward(self, x):
        return self.head(self.features(x))


class WideBasic(nn.Module):
    """Pre-activation block of Zagoruyko and Komodakis: BN-ReLU-conv3x3-BN-ReLU-conv3x3."""

    def __init__(self, in_planes, planes, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=1, padding=1, bias=False)
        self.shortcut = None
        if stride != 1 or in_planes != planes:
            self.shortcut = nn.Conv2d(in_planes, planes, 1, stride=stride, bias=False)

    def forward(self, x):
        out = F.relu(self.bn1(x))
        # The projection sees the activated input, as in the reference implementation.
        shortcut = x if self.shortcut is None else self.shortcut(out)
        out = self.conv1(out)
        out = self.conv2(F.relu(self.bn2(out)))
        return out + shortcut


class WideResNet(nn.Module):
    """WRN-d-k: (d - 4) / 6 blocks per group, widths 16k, 32k, 64k."""

    def __init__(self, depth, widen, classes=10, in_channels=3):
        super().__init__()
        if (depth - 4) % 6 != 0:
            raise ValueError(f"WRN depth must be 6n + 4, got {depth}")
        n = (depth - 4) // 6
        widths = [16, 16 * widen, 32 * widen, 64 * widen]
        self.conv1 = nn.Conv2d(in_channels, widths[0], 3, padding=1, bias=False)
        blocks = []
        in_planes = widths[0]
        for group, stride in zip(range(3), (1, 2, 2)):
            for b in range(n):
                blocks.append(WideBasic(in_planes, widths[group + 1], stride if b == 0 else 1))
                in_planes = widths[group + 1]
        self.blocks = nn.Sequential(*blocks)
        self.bn = nn.BatchNorm2d(in_planes)
        self.head = nn.Linear(in_planes, classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)

    def features(self, x):
        out = F.relu(self.bn(self.blocks(self.conv1(x))))
        return torch.flatten(F.adaptive_avg_pool2d(out, 1), 1)

    def forward(self, x):
        return self.head(self.features(x))


class BasicBlock(nn.Module):
    def __init__(self, in_planes, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != planes:
            self.shortcut = nn.Sequential(nn.Conv2d(in_planes, planes, 1, stride=stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(out)) + self.shortcut(x))


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, in_planes, planes, stride):
        super().__init__()
        out_planes = planes * self.expansion
        self.conv1 = nn.Conv2d(in_planes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, out_planes, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(out_planes)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != out_planes:
            self.shortcut = nn.Sequential(nn.Conv2d(in_planes, out_planes, 1, stride=stride, bias=False), nn.BatchNorm2d(out_planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        return F.relu(self.bn3(self.conv3(out)) + self.shortcut(x))


class ResNet(nn.Module):
    """ResNet-18/50. `small_input` uses the CIFAR stem (3x3 conv, no max-pool) for 32 x 32 images."""

    def __init__(self, depth, classes, in_channels=3, width=64, small_input=False):
        super().__init__()
        block, counts = {18: (BasicBlock, (2, 2, 2, 2)), 50: (Bottleneck, (3, 4, 6, 3))}[depth]
        expansion = getattr(block, "expansion", 1)
        if small_input:
            self.stem = nn.Sequential(nn.Conv2d(in_channels, width, 3, padding=1, bias=False), nn.BatchNorm2d(width), nn.ReLU())
        else:
            self.stem = nn.Sequential(
                nn.Conv2d(in_channels, width, 7, stride=2, padding=3, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
                nn.MaxPool2d(3, stride=2, padding=1),
            )
        layers = []
        in_planes = width
        for i, count in enumerate(counts):
            planes = width * 2 ** i
            for b in range(count):
                layers.append(block(in_planes, planes, 2 if b == 0 and i > 0 else 1))
                in_planes = planes * expansion
        self.layers = nn.Sequential(*layers)
        self.head = nn.Linear(in_planes, classes)
        # torchvision's ResNet initialisation, which the official ImageNet recipe trains from.
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)

    def features(self, x):
        return torch.flatten(F.adaptive_avg_pool2d(self.layers(self.stem(x)), 1), 1)

    def forward(self, x):
        return self.head(self.features(x))


class WithFeatures(nn.Module):
    """Exports logits and features as two ONNX outputs: evaluation reads one, `fix` transfer the other."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        features = self.model.features(x)
        return self.model.head(features), features


def build_model(spec):
    """spec: {"name": "mlp" | "linear" | "small-cnn" | "fourier-mlp" | "wrn" | "resnet", ...} as the TypeScript side's task plan gives it."""
    name = spec["name"]
    if name == "mlp":
        return Mlp(tuple(spec.get("layers", (6, 128, 128, 10))))
    if name == "linear":
        return SoftmaxRegression(spec.get("inputs", 784), spec.get("classes", 10))
    if name == "small-cnn":
        return SmallCnn(spec.get("inChannels", 1), spec.get("classes", 10))
    if name == "fourier-mlp":
        return FourierMlp(spec["frequencies"], spec["sigma"], tuple(spec["hidden"]), spec.get("classes", 10))
    if name == "wrn":
        return WideResNet(spec["depth"], spec["widen"], spec.get("classes", 10), spec.get("inChannels", 3))
    if name == "resnet":
        return ResNet(spec["depth"], spec["classes"], spec.get("inChannels", 3), spec.get("width", 64), spec.get("smallInput", False))
    raise ValueError(f"unknown model {name!r}")
