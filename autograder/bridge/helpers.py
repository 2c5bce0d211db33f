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


HELPERS = {fn.__name__: fn for fn in (tensor_loader, predict_classes, model_outputs,
                                      parameter_count, seed_everything, scratch_path)}
