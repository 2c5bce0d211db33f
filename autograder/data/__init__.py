"""The kit's bundled data: the MNIST subset and the sample weights (see data/README.md)."""
from .mnist import load_mnist, load_mnist_hidden, load_sample_weights

__all__ = ["load_mnist", "load_mnist_hidden", "load_sample_weights"]
