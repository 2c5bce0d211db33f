"""model whose last layer has 9 outputs instead of 10 / 最後の層の出力が 10 ではなく 9"""

MESSAGE_MENTIONS = ('10 outputs', '出力を 10 に')

from torch import nn

_reference_build_model = build_model  # noqa: F821 (appended to the solution module)


def build_model():
    model = _reference_build_model()
    model.head = nn.Linear(model.head.in_features, 9, bias=False)
    return model
