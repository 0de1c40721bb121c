#!/usr/bin/env python3
"""gen_modules.py: writes the Wasm modules for the start-up figures, directly as bytes.

  gen_modules.py OUTDIR [--funcs 6000] [--seed 1]

OUTDIR/big.wasm    thousands of generated functions (code section of several MB): nested
                   blocks, loops, if/else, i32/i64/f64 arithmetic, masked loads and stores,
                   direct calls to leaf functions. Every function is trap-free (no division,
                   saturating conversions only, addresses masked into the first page), so any
                   export can be called. Exports: "entry" (the last function, (i32, i32) -> i32)
                   and "memory".
OUTDIR/small.wasm  one page of memory, a 64-byte data segment and four functions: "nop" () -> (),
                   "id" (i32) -> i32, "add" (i32, i32) -> i32 and "sum" () -> i32 (sums the
                   first 64 bytes of memory, which hold the data segment at offset 16: 1176).

Deterministic for a given seed; Python 3 standard library only.
"""
import argparse
import os
import random
import struct

I32, I64, F64 = 0x7F, 0x7E, 0x7C


def uleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def sleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if (n == 0 and not b & 0x40) or (n == -1 and b & 0x40):
            out.append(b)
            return bytes(out)
        out.append(b | 0x80)


def vec(items):
    return uleb(len(items)) + b"".join(items)


def name(s):
    return uleb(len(s)) + s.encode()


def section(sid, payload):
    return bytes([sid]) + uleb(len(payload)) + payload


def functype(params, results):
    return b"\x60" + vec([bytes([p]) for p in params]) + vec([bytes([r]) for r in results])


def module(types, funcs, bodies, exports, memory_pages=1, data=None):
    """funcs: type index per function; bodies: encoded bodies (locals + code, without size)."""
    out = b"\x00asm\x01\x00\x00\x00"
    out += section(1, vec(types))
    out += section(3, vec([uleb(t) for t in funcs]))
    out += section(5, vec([b"\x00" + uleb(memory_pages)]))
    out += section(7, vec([name(n) + bytes([k]) + uleb(i) for n, k, i in exports]))
    out += section(10, vec([uleb(len(b)) + b for b in bodies]))
    if data is not None:
        offset, blob = data
        out += section(11, vec([b"\x00\x41" + sleb(offset) + b"\x0b" + uleb(len(blob)) + blob]))
    return out


class FuncGen:
    """Generates one valid, trap-free function body of type (i32, i32) -> i32.

    Locals: 0-1 params (i32); 2-5 i32; 6-7 i64; 8-9 f64; 10 i32 loop counter (only the
    innermost loop uses it, loops do not nest)."""

    I32_LOCALS = [0, 1, 2, 3, 4, 5]
    I64_LOCALS = [6, 7]
    F64_LOCALS = [8, 9]
    COUNTER = 10

    def __init__(self, rng, callees):
        self.rng = rng
        self.callees = callees  # function indices of leaf functions, type (i32, i32) -> i32
        self.code = bytearray()
        self.in_loop = False

    def emit(self, *bs):
        for b in bs:
            self.code += b if isinstance(b, (bytes, bytearray)) else bytes([b])

    def addr(self, depth):
        self.i32(depth)
        self.emit(0x41, sleb(0xFF80), 0x71)  # i32.and: address + offset stays in the first page

    def i32(self, depth):
        r = self.rng.random()
        if depth <= 0 or r < 0.2:
            if self.rng.random() < 0.5:
                self.emit(0x20, uleb(self.rng.choice(self.I32_LOCALS)))
            else:
                self.emit(0x41, sleb(self.rng.randint(-100000, 100000)))
        elif r < 0.55:
            self.i32(depth - 1)
            self.i32(depth - 1)
            # add sub mul and or xor shl shr_s shr_u rotl, and compare ops
            self.emit(self.rng.choice([0x6A, 0x6B, 0x6C, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76,
                                       0x77, 0x46, 0x48, 0x4B]))
        elif r < 0.65:
            self.addr(depth - 1)
            self.emit(0x28, 0x02, uleb(self.rng.randrange(0, 64, 4)))  # i32.load align=4
        elif r < 0.72:
            self.i64(depth - 1)
            self.emit(0xA7)  # i32.wrap_i64
        elif r < 0.77:
            self.f64(depth - 1)
            self.emit(0xFC, uleb(2))  # i32.trunc_sat_f64_s
        elif r < 0.85:
            self.i32(depth - 1)
            self.i32(depth - 1)
            self.i32(depth - 1)
            self.emit(0x1B)  # select
        elif r < 0.93:
            self.i32(depth - 1)
            self.emit(0x04, I32)  # if (result i32)
            self.i32(depth - 1)
            self.emit(0x05)
            self.i32(depth - 1)
            self.emit(0x0B)
        elif self.callees:
            self.i32(depth - 1)
            self.i32(depth - 1)
            self.emit(0x10, uleb(self.rng.choice(self.callees)))
        else:
            self.emit(0x20, uleb(0))

    def i64(self, depth):
        r = self.rng.random()
        if depth <= 0 or r < 0.3:
            if self.rng.random() < 0.5:
                self.emit(0x20, uleb(self.rng.choice(self.I64_LOCALS)))
            else:
                self.emit(0x42, sleb(self.rng.randint(-(1 << 40), 1 << 40)))
        elif r < 0.7:
            self.i64(depth - 1)
            self.i64(depth - 1)
            # add sub mul and or xor shl shr_u rotl
            self.emit(self.rng.choice([0x7C, 0x7D, 0x7E, 0x83, 0x84, 0x85, 0x86, 0x88, 0x89]))
        elif r < 0.85:
            self.i32(depth - 1)
            self.emit(self.rng.choice([0xAC, 0xAD]))  # i64.extend_i32_s/u
        else:
            self.addr(depth - 1)
            self.emit(0x29, 0x03, uleb(self.rng.randrange(0, 64, 8)))  # i64.load

    def f64(self, depth):
        r = self.rng.random()
        if depth <= 0 or r < 0.3:
            if self.rng.random() < 0.5:
                self.emit(0x20, uleb(self.rng.choice(self.F64_LOCALS)))
            else:
                self.emit(0x44, struct.pack("<d", self.rng.uniform(-1000.0, 1000.0)))
        elif r < 0.75:
            self.f64(depth - 1)
            self.f64(depth - 1)
            self.emit(self.rng.choice([0xA0, 0xA1, 0xA2, 0xA4, 0xA5]))  # add sub mul min max
        elif r < 0.9:
            self.i32(depth - 1)
            self.emit(0xB7)  # f64.convert_i32_s
        else:
            self.f64(depth - 1)
            self.emit(self.rng.choice([0x99, 0x9A, 0x9F]))  # abs neg sqrt

    def stmt(self, depth):
        r = self.rng.random()
        if r < 0.3 or depth <= 0:
            self.i32(3)
            self.emit(0x21, uleb(self.rng.choice(self.I32_LOCALS[2:])))  # local.set
        elif r < 0.42:
            self.i64(3)
            self.emit(0x21, uleb(self.rng.choice(self.I64_LOCALS)))
        elif r < 0.52:
            self.f64(3)
            self.emit(0x21, uleb(self.rng.choice(self.F64_LOCALS)))
        elif r < 0.64:
            self.addr(2)
            self.i32(3)
            self.emit(0x36, 0x02, uleb(self.rng.randrange(0, 64, 4)))  # i32.store
        elif r < 0.76:
            self.i32(2)
            self.emit(0x04, 0x40)  # if (no result)
            for _ in range(self.rng.randint(1, 3)):
                self.stmt(depth - 1)
            self.emit(0x05)
            for _ in range(self.rng.randint(1, 2)):
                self.stmt(depth - 1)
            self.emit(0x0B)
        elif r < 0.86 and not self.in_loop:
            # counter = k; loop { stmts; counter -= 1; br_if 0 (counter) }
            self.in_loop = True
            self.emit(0x41, sleb(self.rng.randint(2, 6)), 0x21, uleb(self.COUNTER))
            self.emit(0x03, 0x40)
            for _ in range(self.rng.randint(2, 4)):
                self.stmt(depth - 1)
            self.emit(0x20, uleb(self.COUNTER), 0x41, 0x01, 0x6B, 0x22, uleb(self.COUNTER))
            self.emit(0x0D, 0x00, 0x0B)  # br_if 0; end
            self.in_loop = False
        else:
            # block { stmt; br_if 0 (cond); stmt }
            self.emit(0x02, 0x40)
            self.stmt(depth - 1)
            self.i32(2)
            self.emit(0x0D, 0x00)
            self.stmt(depth - 1)
            self.emit(0x0B)

    def body(self, nstmts):
        for _ in range(nstmts):
            self.stmt(3)
        self.i32(4)
        self.emit(0x0B)
        local_decls = vec([uleb(4) + bytes([I32]), uleb(2) + bytes([I64]),
                           uleb(2) + bytes([F64]), uleb(1) + bytes([I32])])
        return local_decls + bytes(self.code)


def big_module(nfuncs, seed):
    rng = random.Random(seed)
    types = [functype([I32, I32], [I32])]
    nleaves = max(1, nfuncs // 20)
    bodies = []
    for i in range(nfuncs):
        callees = [] if i < nleaves else list(range(nleaves))
        bodies.append(FuncGen(rng, callees).body(rng.randint(6, 14)))
    exports = [("entry", 0, nfuncs - 1), ("memory", 2, 0)]
    return module(types, [0] * nfuncs, bodies, exports)


def small_module():
    types = [functype([], []), functype([I32], [I32]), functype([I32, I32], [I32]),
             functype([], [I32])]
    no_locals = b"\x00"
    bodies = [
        no_locals + b"\x0b",                              # nop
        no_locals + b"\x20\x00\x0b",                      # id
        no_locals + b"\x20\x00\x20\x01\x6a\x0b",          # add
        # sum: (local i, acc) loop { acc += load8_u(i); i += 1; br_if (i < 64) }; acc
        vec([uleb(2) + bytes([I32])]) +
        b"\x03\x40"
        b"\x20\x01\x20\x00\x2d\x00\x00\x6a\x21\x01"
        b"\x20\x00\x41\x01\x6a\x22\x00\x41\xc0\x00\x48\x0d\x00"
        b"\x0b\x20\x01\x0b",
    ]
    exports = [("nop", 0, 0), ("id", 0, 1), ("add", 0, 2), ("sum", 0, 3), ("memory", 2, 0)]
    data = bytes(range(1, 65))
    return module(types, [0, 1, 2, 3], bodies, exports, memory_pages=1, data=(16, data))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--funcs", type=int, default=6000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    big = big_module(args.funcs, args.seed)
    with open(os.path.join(args.outdir, "big.wasm"), "wb") as f:
        f.write(big)
    with open(os.path.join(args.outdir, "small.wasm"), "wb") as f:
        f.write(small_module())
    print(f"big.wasm: {len(big)} bytes, {args.funcs} functions")


if __name__ == "__main__":
    main()
