"""Task data: PS10 arrays written by the TypeScript generator, CIFAR-10 binaries, Fashion-MNIST IDX files, ImageNet-style folders.

Data live on the training device as compact tensors (PS10 vectors, uint8 images) and every batch is
expanded, augmented and normalised there, so a GPU is never waiting on Python.
"""
import gzip
import multiprocessing
import os
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import torch

CIFAR_RECORD = 1 + 3 * 32 * 32
CIFAR_TRAIN_FILES = [f"data_batch_{i}.bin" for i in range(1, 6)]
CIFAR_TEST_FILE = "test_batch.bin"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".webp"}


class Split:
    """A split's inputs and labels on the device, and how to turn a batch of them into model input."""

    def __init__(self, inputs, labels, to_input, augment=None):
        self.inputs = inputs
        self.labels = labels
        self.n = int(labels.shape[0])
        self._to_input = to_input
        self._augment = augment

    def batch(self, index, train, generator=None):
        x = self.inputs[index]
        if train and self._augment is not None:
            x = self._augment(x, generator)
        return self._to_input(x), self.labels[index]


def read_f32(path, columns):
    return torch.from_numpy(np.fromfile(path, dtype="<f4").reshape(-1, columns).copy())


def read_i32(path):
    return torch.from_numpy(np.fromfile(path, dtype="<i4").astype(np.int64))


def ps10(files, form, height, width, device, channels_last):
    """PS10 from the raw little-endian files the TypeScript generator wrote (vector form, 6 columns)."""

    def to_input(x):
        if form == "vector":
            return x
        image = x[:, :, None, None].expand(-1, -1, height, width)
        return image.contiguous(memory_format=torch.channels_last if channels_last else torch.contiguous_format)

    def split(prefix):
        return Split(read_f32(files[prefix + "X"], 6).to(device), read_i32(files[prefix + "Y"]).to(device), to_input)

    return split("train"), split("test")


def find_cifar_dir(data_dir):
    """The folder holding the binaries: DIR itself, or the archive's cifar-10-batches-bin inside it."""
    for candidate in (Path(data_dir), Path(data_dir) / "cifar-10-batches-bin", Path(data_dir) / "cifar10"):
        if (candidate / CIFAR_TEST_FILE).is_file():
            return candidate
    raise FileNotFoundError(
        f"no CIFAR-10 binaries under {data_dir}: expected {CIFAR_TEST_FILE} and data_batch_1.bin .. data_batch_5.bin "
        "there or in its cifar-10-batches-bin folder (the 'CIFAR-10 binary version' archive, unpacked)"
    )


def read_cifar(paths, limit):
    """Records of 1 label byte + 3072 pixel bytes (R, G, B planes), the first `limit` of the files in order."""
    chunks = []
    total = 0
    for path in paths:
        if total >= limit:
            break
        raw = np.fromfile(path, dtype=np.uint8)
        if raw.size % CIFAR_RECORD != 0:
            raise ValueError(f"{path}: {raw.size} bytes is not a whole number of {CIFAR_RECORD}-byte CIFAR-10 records")
        records = raw.reshape(-1, CIFAR_RECORD)[: limit - total]
        chunks.append(records)
        total += records.shape[0]
    records = np.concatenate(chunks)
    labels = records[:, 0].astype(np.int64)
    if labels.max(initial=0) > 9:
        raise ValueError(f"CIFAR-10 labels must be 0-9; found {int(labels.max())}")
    return torch.from_numpy(records[:, 1:].reshape(-1, 3, 32, 32).copy()), torch.from_numpy(labels)


def random_crop_flip(images, generator, pad=4, pad_mode="reflect"):
    """The WRN reference's CIFAR augmentation, batched: a 4-pixel reflection-padded random crop
    (`randomcrop_type=reflection`) and a horizontal flip with p = 1/2."""
    if pad_mode == "reflect":
        # reflect padding is defined for floating tensors only; uint8 pixels survive the round trip exactly.
        padded = torch.nn.functional.pad(images.float(), (pad, pad, pad, pad), mode="reflect").to(images.dtype)
    else:
        padded = torch.nn.functional.pad(images, (pad, pad, pad, pad))
    return random_crop(padded, images.shape[2], generator)


def random_crop(images, size, generator):
    """A size x size crop at a random offset per image, mirrored with p = 1/2; offsets drawn on the CPU
    generator so a seed gives the same crops on every device."""
    b, c, h, w = images.shape
    dy = torch.randint(0, h - size + 1, (b,), generator=generator).to(images.device)
    dx = torch.randint(0, w - size + 1, (b,), generator=generator).to(images.device)
    flip = (torch.rand(b, generator=generator) < 0.5).to(images.device)
    steps = torch.arange(size, device=images.device)[None, :]
    rows = (dy[:, None] + steps)[:, None, :, None].expand(b, c, size, w)
    cols = dx[:, None] + steps
    cols = torch.where(flip[:, None], cols.flip(1), cols)[:, None, None, :].expand(b, c, size, size)
    return images.gather(2, rows).gather(3, cols)


def random_resized_crop(images, size, generator, scale=(0.08, 1.0), ratio=(3 / 4, 4 / 3)):
    """torchvision's RandomResizedCrop + RandomHorizontalFlip, batched on the device.

    Each image gets a box of a random share `scale` of its area and a log-uniform aspect `ratio`, resized
    to size x size (bilinear). torchvision redraws a box that does not fit up to 10 times and then falls
    back to a centre crop; here a box that does not fit is shrunk to fit, which keeps the batch in one
    draw (the project's reading). Boxes are drawn on the CPU generator so a seed gives the same crops on
    every device."""
    b, _, h, w = images.shape
    area = torch.empty(b).uniform_(scale[0], scale[1], generator=generator)
    log_ratio = torch.empty(b).uniform_(float(np.log(ratio[0])), float(np.log(ratio[1])), generator=generator)
    aspect = torch.exp(log_ratio)
    box_w = torch.sqrt(area * aspect).clamp(max=1.0)  # as shares of the image's width and height
    box_h = torch.sqrt(area / aspect).clamp(max=1.0)
    centre_x = (torch.rand(b, generator=generator) * (1 - box_w) + box_w / 2) * 2 - 1
    centre_y = (torch.rand(b, generator=generator) * (1 - box_h) + box_h / 2) * 2 - 1
    flip = torch.where(torch.rand(b, generator=generator) < 0.5, -1.0, 1.0)
    theta = torch.zeros(b, 2, 3)
    theta[:, 0, 0] = box_w * flip
    theta[:, 0, 2] = centre_x
    theta[:, 1, 1] = box_h
    theta[:, 1, 2] = centre_y
    grid = torch.nn.functional.affine_grid(theta.to(images.device), (b, images.shape[1], size, size), align_corners=False)
    return torch.nn.functional.grid_sample(images.float(), grid, mode="bilinear", padding_mode="border", align_corners=False)


def normaliser(mean, std, channels_last):
    def to_input(x):
        out = (x.float() / 255.0 - mean) / std
        return out.contiguous(memory_format=torch.channels_last) if channels_last else out

    return to_input


def channel_stats(images):
    """Per-channel mean and std of uint8 images, on [0, 1], from the training split (tasks.md)."""
    x = images.float() / 255.0
    mean = x.mean(dim=(0, 2, 3))
    std = x.std(dim=(0, 2, 3)).clamp_min(1e-6)
    return mean[None, :, None, None], std[None, :, None, None]


def fixed_stats(normalisation):
    """A task's fixed normalisation constants (on [0, 1]) as broadcastable tensors."""
    mean = torch.tensor(normalisation["mean"], dtype=torch.float32)
    std = torch.tensor(normalisation["std"], dtype=torch.float32)
    return mean[None, :, None, None], std[None, :, None, None]


def cifar10(data_dir, train_size, test_size, device, channels_last, normalisation=None, pad_mode="reflect"):
    root = find_cifar_dir(data_dir)
    missing = [name for name in CIFAR_TRAIN_FILES if not (root / name).is_file()]
    if len(missing) == len(CIFAR_TRAIN_FILES):
        raise FileNotFoundError(f"{root}: none of {', '.join(CIFAR_TRAIN_FILES)} found")
    train_x, train_y = read_cifar([root / n for n in CIFAR_TRAIN_FILES if (root / n).is_file()], train_size)
    test_x, test_y = read_cifar([root / CIFAR_TEST_FILE], test_size)
    mean, std = fixed_stats(normalisation) if normalisation else channel_stats(train_x)
    to_input = normaliser(mean.to(device), std.to(device), channels_last)
    train = Split(train_x.to(device), train_y.to(device), to_input, lambda x, generator: random_crop_flip(x, generator, pad_mode=pad_mode))
    test = Split(test_x.to(device), test_y.to(device), to_input)
    return train, test


FASHION_MNIST_FILES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}


def read_idx(path):
    """An IDX file of unsigned bytes (gzipped or not) as a numpy array; every error names the file."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as error:
        raise FileNotFoundError(f"{path}: cannot be read ({error.strerror})") from None
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as error:
            raise ValueError(f"{path}: not a readable gzip file ({error})") from None
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0:
        raise ValueError(f"{path}: not an IDX file (it must start with two zero bytes)")
    if raw[2] != 0x08:
        raise ValueError(f"{path}: IDX type 0x{raw[2]:02x} is not supported; only unsigned bytes (0x08) are")
    ndims = raw[3]
    header = 4 + 4 * ndims
    if ndims == 0 or len(raw) < header:
        raise ValueError(f"{path}: truncated IDX header ({ndims} dimensions declared, {len(raw)} bytes in all)")
    dims = [int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndims)]
    expected = int(np.prod(dims))
    if len(raw) - header != expected:
        raise ValueError(f"{path}: dimensions {' x '.join(map(str, dims))} need {expected} bytes of data, but {len(raw) - header} follow the header")
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(dims)


def read_fashion_mnist(folder, split, limit):
    images_path, labels_path = (Path(folder) / name for name in FASHION_MNIST_FILES[split])
    images, labels = read_idx(images_path), read_idx(labels_path)
    if images.ndim != 3 or images.shape[1:] != (28, 28):
        raise ValueError(f"{images_path}: expected n x 28 x 28 images, found {' x '.join(map(str, images.shape))}")
    if labels.ndim != 1 or labels.shape[0] != images.shape[0]:
        raise ValueError(f"{labels_path}: {labels.shape[0]} labels for the {images.shape[0]} images of {images_path}")
    if labels.size and labels.max() > 9:
        raise ValueError(f"{labels_path}: label {int(labels.max())}; Fashion-MNIST labels are 0-9")
    n = min(limit, images.shape[0]) if limit is not None else images.shape[0]
    return torch.from_numpy(images[:n, None, :, :].copy()), torch.from_numpy(labels[:n].astype(np.int64))


def fashion_mnist(folder, train_size, test_size, device, channels_last, normalisation, augment="none"):
    """Fashion-MNIST from its IDX files: 1 x 28 x 28 uint8 images, pixels / 255 then the data set's fixed mean and std."""
    train_x, train_y = read_fashion_mnist(folder, "train", train_size)
    test_x, test_y = read_fashion_mnist(folder, "test", test_size)
    mean, std = fixed_stats(normalisation)
    to_input = normaliser(mean.to(device), std.to(device), channels_last)
    augmentation = (lambda x, generator: random_crop_flip(x, generator, pad_mode="zeros")) if augment == "crop" else None
    return Split(train_x.to(device), train_y.to(device), to_input, augmentation), Split(test_x.to(device), test_y.to(device), to_input)


def image_folder_classes(folder):
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder (expected one sub-folder of images per class)")
    classes = sorted(p.name for p in folder.iterdir() if p.is_dir())
    if len(classes) < 2:
        raise ValueError(f"{folder}: found {len(classes)} class folder(s); an image-folder task needs at least 2")
    return classes


def _decode(job):
    """One image, shorter side resized to `size` and centre-cropped, as 3 x size x size uint8."""
    from PIL import Image

    path, size = job
    with Image.open(path) as img:
        img = img.convert("RGB")
        scale = size / min(img.size)
        img = img.resize((max(size, round(img.size[0] * scale)), max(size, round(img.size[1] * scale))), Image.BILINEAR)
        left = (img.size[0] - size) // 2
        top = (img.size[1] - size) // 2
        return np.asarray(img.crop((left, top, left + size, top + size))).transpose(2, 0, 1)


def read_image_folder(folder, classes, size, limit=None):
    """Every image resized (shorter side) and centre-cropped to size x size, as uint8, with class indices.

    Decoded once, on every core, and kept in memory (on the training device): 130,000 images at 256 px
    take 25 GB, which a GPU host holds; a CPU-only host should keep to the smoke tier's sizes."""
    folder = Path(folder)
    files = []
    for label, name in enumerate(classes):
        class_dir = folder / name
        if not class_dir.is_dir():
            continue
        for path in sorted(class_dir.iterdir()):
            if path.suffix.lower() in IMAGE_SUFFIXES:
                files.append((path, label))
    if limit is not None and len(files) > limit:
        files = [files[i * len(files) // limit] for i in range(limit)]
    if not files:
        raise ValueError(f"{folder}: no images ({', '.join(sorted(IMAGE_SUFFIXES))}) in its class folders")
    images = np.empty((len(files), 3, size, size), dtype=np.uint8)
    jobs = [(path, size) for path, _ in files]
    if len(jobs) < 2000 or (os.cpu_count() or 1) == 1:
        for i, job in enumerate(jobs):
            images[i] = _decode(job)
    else:
        # spawn, not fork: the trainer may hold CUDA state, which a forked child must not inherit.
        with ProcessPoolExecutor(mp_context=multiprocessing.get_context("spawn")) as pool:
            for i, image in enumerate(pool.map(_decode, jobs, chunksize=256)):
                images[i] = image
    labels = np.array([label for _, label in files], dtype=np.int64)
    return torch.from_numpy(images), torch.from_numpy(labels)


def image_folders(root, size, train_limit, test_limit, device, channels_last, stats=None, augment="randomResizedCrop", normalisation=None):
    """An ImageNet-style task: ROOT/train/<class>/*.jpg and ROOT/val/<class>/*.jpg.

    Images are stored at size * 8/7 (shorter side resized, centre-cropped: the usual 256 -> 224 ratio).
    Training batches are augmented as the official PyTorch ImageNet recipe does (random-resized crop
    and flip, drawn from the stored image rather than the original file: the project's reading) or, with
    augment="crop", by a random size x size crop and flip; evaluation takes the centre crop."""
    root = Path(root)
    classes = image_folder_classes(root / "train")
    stored = round(size * 8 / 7)
    train_x, train_y = read_image_folder(root / "train", classes, stored, train_limit)
    val_dir = next((root / name for name in ("val", "test") if (root / name).is_dir()), None)
    if val_dir is None:
        raise FileNotFoundError(f"{root}: no val/ (or test/) folder beside train/; the held-out images are measured there")
    test_x, test_y = read_image_folder(val_dir, classes, stored, test_limit)
    if stats is None:
        stats = fixed_stats(normalisation) if normalisation else channel_stats(train_x)
    mean, std = stats
    to_input = normaliser(mean.to(device), std.to(device), channels_last)
    margin = (stored - size) // 2

    def centre(x):
        # Training batches arrive already cropped to size by the augmentation; evaluation batches at the stored size.
        return x if x.shape[-1] == size else x[:, :, margin : margin + size, margin : margin + size]

    def to_model(x):
        return to_input(centre(x))

    augmentation = (lambda x, generator: random_resized_crop(x, size, generator)) if augment == "randomResizedCrop" else (lambda x, generator: random_crop(x, size, generator))
    train = Split(train_x.to(device), train_y.to(device), to_model, augmentation)
    test = Split(test_x.to(device), test_y.to(device), to_model)
    return train, test, classes, (mean, std)

