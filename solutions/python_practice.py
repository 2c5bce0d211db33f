"""Python の練習 / Python practice (講義 / lecture 001:553-1497).

講義の Python 演習のうち python_basics にないもの: 関数 add、辞書、if / elif / else、for 文と str、
内包表記と 3 項演算(if 式)、ラムダ式を key にした並べ替え、リストの sort と append。
The parts of the lecture's Python practice that python_basics does not cover: the function add,
dictionaries, if / elif / else, for loops with str, comprehensions with the conditional
expression, sorting with a lambda as the key, and the list methods sort and append.
"""


def add(x, y):
    """2 つの値の和 x + y を返します / Returns the sum x + y.

    講義 / lecture 001:1193-1215: def add(x, y): ... return ans; print(add(10, 30)) → 40。
    + は数なら足し算、文字列やリストなら連結です(001:801-805, 885-904)。
    + adds numbers and joins strings or lists (001:801-805, 885-904).

    入力 / Input:
        x, y: 数、文字列、またはリスト(両方同じ種類) / numbers, strings or lists (both of one kind)
    戻り値 / Returns:
        x + y(例 / e.g. add(10, 30) == 40, add("こんにち", "は") == "こんにちは", add([1], [2]) == [1, 2])
    ヒント / Hint:
        print は表示するだけで、値は return で返します。
        print only shows a value; return gives it back.
    """
    ### BEGIN SOLUTION
    ans = x + y
    return ans
    ### END SOLUTION


def set_height(height, name, cm):
    """辞書 height の name の値を cm にします(その辞書そのものを書き換えます)。

    Sets height[name] to cm, in the dictionary itself.

    講義 / lecture 001:928-965: height = {"sato": 180, "yamada": 170}; height["kato"] = 175 で
    "kato": 175 が追加されます。すでにあるキーなら値が置き換わります。
    height["kato"] = 175 adds "kato": 175; for a key already there, the value is replaced.

    入力 / Input:
        height: 名前(str)→ 身長(数)の辞書 / a dict from names (str) to heights (numbers)
        name: キー / the key;  cm: 値 / the value
    戻り値 / Returns:
        なし(None)。呼び出し元の辞書 height が変わります。
        Nothing (None); the caller's dict height is what changes.
    ヒント / Hint:
        d[x] = y の x は変数 name です。"name" と引用符で囲むと、文字列 "name" がキーになります。
        In d[x] = y, x is the variable name; quoting it ("name") makes the string "name" the key.
    """
    ### BEGIN SOLUTION
    height[name] = cm
    ### END SOLUTION


def describe(a):
    """a の大きさに応じて講義の 3 つの文のどれか 1 つを print します / Prints one of the lecture's three lines.

    講義 / lecture 001:1013-1049:
        if a > 100:   print("aは100より大きい")
        elif a > 0:   print("aは0より大きくて100以下です")
        else:         print("aは0以下です")
    上から順に調べ、最初に真になった枝だけが実行されます。
    The conditions are tried from the top; only the first true branch runs.

    入力 / Input:
        a: 数 / a number
    戻り値 / Returns:
        なし(None)。1 行だけ print します。 / Nothing (None); prints exactly one line.
    ヒント / Hint:
        a = 100 は「0 より大きくて 100 以下」、a = 0 は「0 以下」です(> と >= の違い)。
        if を 2 つ並べると、両方の文が表示されることがあります。elif を使います。
        a = 100 is "above 0 and at most 100" and a = 0 is "0 or below" (> versus >=).
        Two separate ifs can print two lines; use elif.
    """
    ### BEGIN SOLUTION
    if a > 100:
        print("aは100より大きい")
    elif a > 0:
        print("aは0より大きくて100以下です")
    else:
        print("aは0以下です")
    ### END SOLUTION


def number_words(words):
    """各単語に 1 から番号をつけて「単語: 番号」の形で 1 行ずつ print します。

    Prints each word with its number, counting from 1, as "word: number", one per line.

    講義 / lecture 001:1075-1132:
        words = ["cat", "dog", "lion"] → cat: 1 / dog: 2 / lion: 3
    文字列と数値は + で足せないので、str で数値を文字列にします。
    A string and a number cannot be added with +: str turns the number into a string.

    入力 / Input:
        words: 文字列のリスト / a list of strings
    戻り値 / Returns:
        なし(None)。len(words) 行を print します。 / Nothing (None); prints len(words) lines.
    ヒント / Hint:
        講義のように a = 1 から始めて、1 回ごとに a = a + 1。番号は 0 からではなく 1 からです。
        As in the lecture, start with a = 1 and add 1 each time: numbers start at 1, not 0.
    """
    ### BEGIN SOLUTION
    a = 1
    for w in words:
        print(w + ": " + str(a))
        a = a + 1
    ### END SOLUTION


def parities(nums):
    """各整数が奇数なら 'odd'、偶数なら 'even' にしたリストを返します(内包表記と 3 項演算)。

    Returns a list with 'odd' for each odd integer and 'even' for each even one
    (a comprehension with the conditional expression).

    講義 / lecture 001:1473-1496: 内包表記 [式 e for 変数 x in リスト l] と、3 項演算
    x = 'odd' if y % 2 == 1 else 'even'。
    The comprehension [e for x in l] and the conditional expression 'odd' if y % 2 == 1 else 'even'.

    入力 / Input:
        nums: int のリスト(負の数もある) / a list of ints (possibly negative)
    戻り値 / Returns:
        'odd' / 'even' の新しいリスト(nums と同じ長さ) / a new list of 'odd' / 'even', as long as nums
        例 / e.g. parities([1, 2, 3, 4]) == ['odd', 'even', 'odd', 'even']
    ヒント / Hint:
        % は余り、// は整数の割り算です(001:561-562)。Python では -3 % 2 == 1 です。
        % is the remainder and // the integer division (001:561-562); in Python -3 % 2 == 1.
    """
    ### BEGIN SOLUTION
    return ['odd' if y % 2 == 1 else 'even' for y in nums]
    ### END SOLUTION


def names_by_height(height, tallest_first=False):
    """身長の辞書の名前を、身長の低い順(tallest_first なら高い順)に並べたリストを返します。

    Returns the names of a height dict ordered by height, shortest first (tallest first when
    tallest_first is True).

    講義 / lecture 001:1420-1426(sort の key= と reverse=)、001:1449-1469(ラムダ式)。
    key にはラムダ式 lambda name: height[name] を渡せます(名前を受け取って身長を返す関数)。
    sort's key= and reverse= (001:1420-1426) with a lambda (001:1449-1469) as the key:
    lambda name: height[name] takes a name and gives its height.

    入力 / Input:
        height: 名前(str)→ 身長(数)の辞書(身長はすべて異なる) / names to heights (all different)
        tallest_first: True なら高い順 / tallest first when True
    戻り値 / Returns:
        名前(str)のリスト / a list of the names (str)
        例 / e.g. {"sato": 180, "yamada": 170, "kato": 175} → ['yamada', 'kato', 'sato']
    ヒント / Hint:
        sorted(height) だけだと名前の五十音(アルファベット)順になります。
        sorted(height) alone orders the names alphabetically.
    """
    ### BEGIN SOLUTION
    return sorted(height, key=lambda name: height[name], reverse=tallest_first)
    ### END SOLUTION


def sort_by_length(x):
    """リスト x の要素を長さの短い順に並べ替えます(x そのものを並べ替えます)。

    Sorts the list x by the length of its elements, shortest first, in place.

    講義 / lecture 001:1420-1439: x = [[1, 2, 3], [4, 5], [6]]; x.sort(key=len) → [[6], [4, 5], [1, 2, 3]]。
    同じ長さの要素は元の順番のままです(sort は安定)。
    Elements of equal length keep their order (sort is stable).

    入力 / Input:
        x: 長さのある要素(リスト、文字列など)のリスト / a list of things with a length (lists, strings, ...)
    戻り値 / Returns:
        なし(None)。呼び出し元のリスト x が並べ替わります。 / Nothing (None); the caller's list x is sorted.
    ヒント / Hint:
        x.sort(...) は x そのものを並べ替えます。x = sorted(x, ...) は新しいリストを作るだけで、
        呼び出し元のリストは変わりません。
        x.sort(...) sorts x itself; x = sorted(x, ...) only makes a new list and leaves the caller's alone.
    """
    ### BEGIN SOLUTION
    x.sort(key=len)
    ### END SOLUTION


def insert_sorted(x, v):
    """リスト x の末尾に v を追加してから、x を小さい順に並べ替えます(x そのものを変えます)。

    Appends v to the list x, then sorts x in ascending order, in place.

    講義 / lecture 001:1420-1445: append は末尾に要素を追加します(x.append(10))、sort は昇順に並べ替えます。
    append adds an element at the end (x.append(10)); sort puts the list in ascending order.

    入力 / Input:
        x: 数のリスト / a list of numbers;  v: 数 / a number
    戻り値 / Returns:
        なし(None)。呼び出し元のリスト x が 1 つ長くなり、昇順に並びます。
        Nothing (None); the caller's list x is one longer and in ascending order.
        例 / e.g. x = [5, 1, 7]; insert_sorted(x, 10) → x == [1, 5, 7, 10]
    ヒント / Hint:
        append も sort も None を返すので、x.append(v).sort() とはつなげられません。
        append and sort both return None, so x.append(v).sort() does not work.
    """
    ### BEGIN SOLUTION
    x.append(v)
    x.sort()
    ### END SOLUTION
