"""forward pass written as the course writes one sample, sig(np.dot(W, x) + b) (000:619-646): it earns every one-sample point and loses only the batch points (batches through forward / predict, and accuracy) / 授業の 1 サンプルの形 sig(np.dot(W, x) + b) (000:619-646) の順伝播: 1 サンプルの点はすべて取れ、バッチの点だけを失う"""
import numpy as np

# It does not take batches (N, in), which the kit's contract adds: exactly the batch tests fail.
ALLOWED_TO_FAIL = {
    "hidden": ["test_forward_batch", "test_forward_batch_other_sizes",
               "test_forward_batch_rows_match_single_samples", "test_predict_batch_rows_sum_to_one",
               "test_predict_batch_stable_for_large_outputs", "test_mnist_predict_batch",
               "test_accuracy_batch_sizes", "test_accuracy_default_batch_size", "test_accuracy_returns_float",
               "test_mnist_accuracy_matches_reference"],
    "visible": ["test_forward_batch", "test_accuracy"],
}


def forward(network, x):
    W1, W2, W3 = network["W1"], network["W2"], network["W3"]
    b1, b2, b3 = network["b1"], network["b2"], network["b3"]
    z1 = sigmoid(np.dot(W1, x) + b1)
    z2 = sigmoid(np.dot(W2, z1) + b2)
    z3 = np.dot(W3, z2) + b3
    return identity_function(z3)
