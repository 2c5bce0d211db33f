"""Kit code that tests run next to the submission (in the worker when jailed).

Tests reach these through ``submission.helper(name, ...)``: they build torch
objects that cannot cross the bridge, and turn a model into predictions so that
the judge, not the submission, computes accuracy.
"""
from __future__ import annotations

import os
import tempfile

import numpy as np


def tensor_loader(x, y=None, batch_size=100, shuffle=False, seed=0):
    """A DataLoader over float32 inputs and (optionally) int64 labels."""
    import torch
    from torch.utils.data import DataLoader, TensorDataset

    tensors = [torch.as_tensor(np.asarray(x), dtype=torch.float32)]
    if y is not None:
        tensors.append(torch.as_tensor(np.asarray(y), dtype=torch.int64))
    generator = torch.Generator().manual_seed(int(seed))
    return DataLoader(TensorDataset(*tensors), batch_size=int(batch_size), shuffle=bool(shuffle),
                      generator=generator)


def predict_classes(model, x, batch_size=1000, device="cpu"):
    """argmax of the model's outputs for float32 inputs ``x``, as int64."""
    import torch

    model.eval()
    out = []
    with torch.no_grad():
        for start in range(0, len(x), int(batch_size)):
            batch = torch.as_tensor(np.asarray(x[start:start + batch_size]), dtype=torch.float32).to(device)
            logits = model(batch)
            out.append(torch.as_tensor(logits).argmax(dim=-1).cpu().numpy().astype(np.int64))
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


def model_outputs(model, x, device="cpu"):
    """The model's raw outputs for float32 inputs ``x``, as float64."""
    import torch

    model.eval()
    with torch.no_grad():
        batch = torch.as_tensor(np.asarray(x), dtype=torch.float32).to(device)
        return torch.as_tensor(model(batch)).detach().cpu().numpy().astype(np.float64)


def parameter_count(model):
    return int(sum(p.numel() for p in model.parameters()))


def seed_everything(seed=0):
    import random

    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    return None


def scratch_path(name):
    """A path in a private scratch folder for files the submission writes."""
    folder = os.environ.get("KIT_SCRATCH") or tempfile.mkdtemp(prefix="kit-scratch-")
    os.environ["KIT_SCRATCH"] = folder
    return os.path.join(folder, os.path.basename(name))


# -- image classification (cifar10) -----------------------------------------------------
def _hook(module, name):
    """The submission's optional module-level function ``name``, or None."""
    fn = getattr(module, name, None) if module is not None else None
    return fn if callable(fn) else None


def _images_as_float(images):
    """uint8 0..255 -> float32 0..1; float stays float32. Requires (N, C, H, W)."""
    import torch

    images = torch.as_tensor(np.asarray(images) if not isinstance(images, torch.Tensor) else images)
    if images.ndim != 4:
        raise ValueError(f"images must be (N, C, H, W), got shape {tuple(images.shape)}")
    if images.dtype == torch.uint8:
        return images.float().div_(255)
    return images.float()


class ImageLoader:
    """Batches ``(x, y)`` of training images: x float32 (B, C, H, W) in [0, 1], y int64, on the CPU.

    Reshuffled (seeded) on every pass. The submission's optional ``augment(x)`` and
    then ``normalize(x)`` are applied to each batch. ``images`` and ``labels`` hold
    the whole set, without the hooks, for code that moves it to the GPU at once.
    """

    def __init__(self, images, labels, batch_size=256, shuffle=True, seed=0, augment=None, normalize=None):
        import torch

        self.images = _images_as_float(images)
        self.labels = torch.as_tensor(np.asarray(labels) if not isinstance(labels, torch.Tensor) else labels,
                                      dtype=torch.int64)
        if len(self.images) != len(self.labels):
            raise ValueError(f"{len(self.images)} images but {len(self.labels)} labels")
        self.batch_size = int(batch_size)
        self.shuffle = bool(shuffle)
        self.augment = augment
        self.normalize = normalize
        self._generator = torch.Generator().manual_seed(int(seed))

    def __len__(self):
        return -(-len(self.images) // self.batch_size)

    def __iter__(self):
        import torch

        n = len(self.images)
        order = torch.randperm(n, generator=self._generator) if self.shuffle else torch.arange(n)
        for start in range(0, n, self.batch_size):
            idx = order[start:start + self.batch_size]
            x = self.images[idx]
            if self.augment is not None:
                x = self.augment(x)
            if self.normalize is not None:
                x = self.normalize(x)
            yield x, self.labels[idx]


def image_loader(images, labels, batch_size=256, shuffle=True, seed=0, hooks=None):
    """An ``ImageLoader`` over uint8 (or [0, 1] float) images (N, C, H, W) and int64 labels.

    ``hooks``: the submission's module; its ``augment`` / ``normalize`` are used when defined.
    """
    return ImageLoader(images, labels, batch_size=batch_size, shuffle=shuffle, seed=seed,
                       augment=_hook(hooks, "augment"), normalize=_hook(hooks, "normalize"))


def predict_image_classes(model, images, batch_size=500, device="cpu", hooks=None, num_classes=10):
    """argmax classes (int64) of ``model`` on uint8 (or [0, 1] float) images (N, C, H, W).

    The model is moved to ``device`` and put in eval mode; the submission's optional
    ``normalize`` is applied first. Outputs must be (B, num_classes).
    """
    import torch

    normalize = _hook(hooks, "normalize")
    images = torch.as_tensor(np.asarray(images) if not isinstance(images, torch.Tensor) else images)
    if isinstance(model, torch.nn.Module):
        model.to(device)
        model.eval()
    out = []
    with torch.no_grad():
        for start in range(0, len(images), int(batch_size)):
            x = _images_as_float(images[start:start + int(batch_size)].to(device))
            if normalize is not None:
                x = normalize(x)
            logits = torch.as_tensor(model(x))
            if tuple(logits.shape) != (len(x), int(num_classes)):
                raise ValueError(f"the model's output has shape {tuple(logits.shape)}, "
                                 f"expected ({len(x)}, {int(num_classes)})")
            out.append(logits.argmax(dim=-1).cpu().numpy().astype(np.int64))
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


def parameter_digest(model):
    """Sum and sum of squares of every parameter (float64): compares a model before and after training."""
    import torch

    with torch.no_grad():
        rows = [(float(p.detach().double().sum()), float(p.detach().double().square().sum()))
                for p in model.parameters()]
    return np.asarray(rows, dtype=np.float64).reshape(-1, 2)


# What a test may call by name (``submission.helper(name, ...)``): the whole registry, in one place.
HELPERS = {fn.__name__: fn for fn in (tensor_loader, predict_classes, model_outputs, parameter_count, seed_everything,
                                      scratch_path, image_loader, predict_image_classes, parameter_digest)}
