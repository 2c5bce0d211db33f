# このファイルは solutions/ から自動生成されています。ここに解答を書いてください。
# Generated from solutions/ by `autograder build`; fill in the marked parts.
"""Python の基本 / Python basics (『ゼロから作るDeep Learning』1章 / chapter 1).

if 文、for 文、リスト、関数、クラスの練習です(授業 001:1163-1418 の演習)。
Practice with if, for, lists, functions and classes (the course's exercises, 001:1163-1418).
"""


def sign(x):
    """数の符号 / The sign of a number.

    x が負なら ``negative`` と表示して -1 を、0 なら ``zero`` と表示して 0 を、
    正なら ``positive`` と表示して 1 を返します。表示は 1 行だけです。
    Prints ``negative`` and returns -1 when x < 0, prints ``zero`` and returns 0
    when x == 0, prints ``positive`` and returns 1 when x > 0 (one printed line).
    授業の例 / the course's example (001:1226-1249): ``sign(10)``, ``sign(0)``, ``sign(-5.3)``
    は ``positive``, ``zero``, ``negative`` と表示して 1, 0, -1 を返します / print
    ``positive``, ``zero``, ``negative`` and return 1, 0, -1.

    入力 / Input:
        x: 数(int または float) / a number (int or float)
    戻り値 / Returns:
        int: -1, 0, 1 のどれか / one of -1, 0, 1
    ヒント / Hint:
        if / elif / else で 3 つの場合に分けます。0 の場合を忘れずに。
        Split the three cases with if / elif / else; do not forget zero.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: python_basics.sign")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def tentimes(numlist):
    """リストの各要素を 10 倍 / Ten times every element of a list.

    ``tentimes([1, 2, 3, 4, 5]) == [10, 20, 30, 40, 50]``(授業 001:1256-1325)。
    新しいリストを返し、受け取ったリストは書き換えません。
    Returns a new list; the list passed in is left unchanged (the course, 001:1256-1325).

    入力 / Input:
        numlist: 数のリスト(空でもよい) / a list of numbers (may be empty)
    戻り値 / Returns:
        list: 同じ長さの新しいリスト / a new list of the same length
    ヒント / Hint:
        空のリストを用意して for 文で append するか、リスト内包表記を使います。
        Start from an empty list and append in a for loop, or use a list comprehension.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: python_basics.tentimes")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def sum_to(n):
    """1 から n までの和 / The sum 1 + 2 + ... + n.

    ``sum_to(100) == 5050``(授業 001:1163-1186)、``sum_to(0) == 0``。
    for 文で足し合わせ、print ではなく return で返してください。
    Add the numbers up in a for loop and return the total (the course's cell
    prints it, 001:1171-1180; here it is returned).

    入力 / Input:
        n: 0 以上の整数 / an integer >= 0
    戻り値 / Returns:
        int: 1 + 2 + ... + n
    ヒント / Hint:
        range(a, b) は b を含みません。n まで足すには?
        range(a, b) stops before b. How do you include n?
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: python_basics.sum_to")
    # ============ ここまで / YOUR CODE ENDS HERE ============


class Man:
    """人を表すクラス / A class for a man (book 1.4.2, the course 001:1335-1374).

    ``Man('Taro')`` は名前を覚えて ``Initialized!`` と表示します。
    ``hello()`` は ``hello Taro!``、``goodbye()`` は ``good bye Taro!`` と表示します。
    ``Man('Taro')`` keeps the name and prints ``Initialized!``; ``hello()`` prints
    ``hello Taro!`` and ``goodbye()`` prints ``good bye Taro!``.
    """

    def __init__(self, name):
        """コンストラクタ / Constructor.

        入力 / Input:
            name: 名前(str) / the name (str)
        ヒント / Hint:
            self.name に名前を保存し、print で ``Initialized!`` と表示します。
            Store the name in self.name and print ``Initialized!``.
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: python_basics.Man.__init__")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def hello(self):
        """``hello <name>!`` と表示 / Print ``hello <name>!`` (e.g. ``hello Taro!``)."""
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: python_basics.Man.hello")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def goodbye(self):
        """``good bye <name>!`` と表示 / Print ``good bye <name>!`` (e.g. ``good bye Taro!``)."""
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: python_basics.Man.goodbye")
        # ============ ここまで / YOUR CODE ENDS HERE ============


class YoungMan(Man):
    """Man を継承したクラス / A subclass of Man (the course, 001:1378-1418).

    コンストラクタは親クラスのコンストラクタを呼んでから名前の前に ``Mr. `` を付け
    (``self.name = 'Mr. ' + self.name``)、hello() だけを ``hi <name>!`` と表示するように
    上書き(オーバーライド)します。goodbye() は Man のものをそのまま使います。
    授業の実行結果(001:1403-1418)::

        m = YoungMan('Taro')   # Initialized!
        m.hello()              # hi Mr. Taro!
        m.goodbye()            # good bye Mr. Taro!

    The constructor calls the parent's and then puts ``Mr. `` before the name
    (``self.name = 'Mr. ' + self.name``); only hello() is overridden, to print
    ``hi <name>!``; goodbye() is Man's. The course's run (001:1403-1418) prints
    ``Initialized!``, ``hi Mr. Taro!``, ``good bye Mr. Taro!``.
    """

    def __init__(self, name):
        """コンストラクタ / Constructor.

        入力 / Input:
            name: 名前(str) / the name (str)
        ヒント / Hint:
            super().__init__(name) で親のコンストラクタを呼ぶと ``Initialized!`` が表示され、
            self.name が設定されます。そのあとで self.name の前に 'Mr. ' を付けます。
            super().__init__(name) runs the parent's constructor (it prints
            ``Initialized!`` and sets self.name); then put 'Mr. ' before self.name.
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: python_basics.YoungMan.__init__")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def hello(self):
        """``hi <name>!`` と表示 / Print ``hi <name>!`` (``hi Mr. Taro!`` for ``YoungMan('Taro')``).

        ヒント / Hint:
            self.name にはもう ``Mr. `` が付いています。
            self.name already starts with ``Mr. ``.
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: python_basics.YoungMan.hello")
        # ============ ここまで / YOUR CODE ENDS HERE ============
