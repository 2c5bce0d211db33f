"""two separate ifs instead of if / elif: 150 prints two lines / elif でなく if を 2 つ並べ、150 で 2 行表示する"""

MESSAGE_MENTIONS = ('not another if', 'elif にします')


def describe(a):
    if a > 100:
        print("aは100より大きい")
    if a > 0:
        print("aは0より大きくて100以下です")
    else:
        print("aは0以下です")
