"""The same results another way: x % 2 != 0, names from sorted items, sorting by slice assignment, d.update / 別の書き方(% 2 != 0、items の並べ替え、スライス代入、update)"""


def set_height(height, name, cm):
    height.update({name: cm})


def parities(nums):
    result = []
    for y in nums:
        result.append('odd' if y % 2 != 0 else 'even')
    return result


def names_by_height(height, tallest_first=False):
    pairs = sorted(height.items(), key=lambda item: item[1], reverse=tallest_first)
    return [name for name, _ in pairs]


def sort_by_length(x):
    x[:] = sorted(x, key=len)


def insert_sorted(x, v):
    x += [v]
    x.sort()
