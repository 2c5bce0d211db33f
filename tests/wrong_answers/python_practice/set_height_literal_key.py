"""the key quoted: height["name"] = cm stores under the string "name" / キーを引用符で囲み height["name"] = cm とする"""

MESSAGE_MENTIONS = ('without quotes', '引用符なし')


def set_height(height, name, cm):
    height["name"] = cm
