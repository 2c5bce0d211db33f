"""Hostile: answer with what the previous student left in shared memory. It has no code of
its own: it looks for hostile_shm's source in System V segments (by key and by id) and in
/dev/shm, and runs it. Without that leak a function returns None, so beyond what a relu
returning None earns ("input left unchanged") it must score 0."""
import ctypes
import os

KEY = 0x53484D00
_libc = ctypes.CDLL(None, use_errno=True)
_libc.shmat.restype = ctypes.c_void_p
_libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]


def _stolen():
    sources = []
    ids = [_libc.shmget(KEY + i, 0, 0) for i in range(6)] + list(range(256))
    for shmid in ids:
        if shmid < 0:
            continue
        address = _libc.shmat(shmid, None, 0o10000)   # SHM_RDONLY
        if address in (None, ctypes.c_void_p(-1).value):
            continue
        size = int.from_bytes(ctypes.string_at(address, 8), "little")
        if 0 < size < 1 << 20:
            sources.append(ctypes.string_at(address + 8, size))
    try:
        with open("/dev/shm/hostile_shm.py", "rb") as handle:
            sources.append(handle.read())
    except OSError:
        pass
    for source in sources:
        namespace = {}
        try:
            exec(compile(source, "stolen", "exec"), namespace)
            namespace["_leave"] = lambda: None
            return namespace
        except Exception:
            continue
    return None


def _answer(name, x):
    stolen = _stolen()
    return stolen[name](x) if stolen else None


def step_function(x):
    return _answer("step_function", x)


def sigmoid(x):
    return _answer("sigmoid", x)


def relu(x):
    return _answer("relu", x)


def identity_function(x):
    return _answer("identity_function", x)


def softmax(x):
    return _answer("softmax", x)
