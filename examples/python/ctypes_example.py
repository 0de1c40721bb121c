#!/usr/bin/env python3
"""ctypes_example.py: wasmc from Python through the standard library's ctypes, no compiler.

Loads libwasmc.so.0, declares the C signatures and the public structs exactly as in
include/wasmc.h, compiles a module exporting fac(i64) -> i64, instantiates it and calls
fac(20). Also shows the two failure paths of the API: an error (a malformed module) and a
trap (div(7, 0): integer divide by zero).

    python3 examples/python/ctypes_example.py [path/to/libwasmc.so.0]

Without an argument the library comes from $WASMC_LIBRARY, else the system's search path.
Exits with status 0 if every result is right, 1 otherwise.
"""
import ctypes
import os
import sys

# wat2wasm of:
#   (module
#     (func $fac (export "fac") (param i64) (result i64)
#       (if (result i64) (i64.eqz (local.get 0))
#         (then (i64.const 1))
#         (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
#     (func (export "div") (param i32 i32) (result i32)
#       (i32.div_s (local.get 0) (local.get 1))))
MODULE = bytes.fromhex(
    "0061736d01000000010c0260017e017e60027f7f017f0303020001070d020366"
    "616300000364697600010a1f021500200050047e4201052000200042017d1000"
    "7e0b0b0700200020016d0b")

# ---- wasmc.h, transcribed -------------------------------------------------------------------
WASMC_I32, WASMC_I64, WASMC_F32, WASMC_F64 = 0, 1, 2, 3
WASMC_EXTERN_FUNC = 0
WASMC_ERR_MALFORMED = 1
WASMC_TRAP_INT_DIV_BY_ZERO = 2


class Handle(ctypes.Structure):
    """The common shape of the store handles: wasmc_func_t, wasmc_memory_t, ..."""
    _fields_ = [("store_id", ctypes.c_uint64), ("index", ctypes.c_size_t)]


class wasmc_func_t(Handle):
    pass


class wasmc_memory_t(Handle):
    pass


class wasmc_table_t(Handle):
    pass


class wasmc_global_t(Handle):
    pass


class wasmc_instance_t(Handle):
    pass


class wasmc_externref_t(Handle):
    pass


class _ValUnion(ctypes.Union):
    _fields_ = [("i32", ctypes.c_int32), ("i64", ctypes.c_int64), ("f32", ctypes.c_float),
                ("f64", ctypes.c_double), ("v128", ctypes.c_uint8 * 16),
                ("funcref", wasmc_func_t), ("externref", wasmc_externref_t)]


class wasmc_val_t(ctypes.Structure):
    _fields_ = [("kind", ctypes.c_uint8), ("of", _ValUnion)]


class _ExternUnion(ctypes.Union):
    _fields_ = [("func", wasmc_func_t), ("table", wasmc_table_t), ("memory", wasmc_memory_t),
                ("global_", wasmc_global_t)]


class wasmc_extern_t(ctypes.Structure):
    _fields_ = [("kind", ctypes.c_uint8), ("of", _ExternUnion)]


# Opaque types are plain pointers.
error_p = engine_p = module_p = store_p = trap_p = config_p = ctypes.c_void_p

SIGNATURES = {
    # name: (result type, argument types)
    "wasmc_version": (ctypes.c_char_p, []),
    "wasmc_error_delete": (None, [error_p]),
    "wasmc_error_code": (ctypes.c_uint32, [error_p]),
    "wasmc_error_message": (ctypes.c_char_p, [error_p]),
    "wasmc_trap_delete": (None, [trap_p]),
    "wasmc_trap_code": (ctypes.c_uint32, [trap_p]),
    "wasmc_trap_message": (ctypes.c_char_p, [trap_p]),
    "wasmc_engine_new": (error_p, [config_p, ctypes.POINTER(engine_p)]),
    "wasmc_engine_delete": (None, [engine_p]),
    "wasmc_module_new": (error_p, [engine_p, ctypes.c_char_p, ctypes.c_size_t,
                                   ctypes.POINTER(module_p)]),
    "wasmc_module_delete": (None, [module_p]),
    "wasmc_store_new": (error_p, [engine_p, ctypes.POINTER(store_p)]),
    "wasmc_store_delete": (None, [store_p]),
    "wasmc_instance_new": (error_p, [store_p, module_p, ctypes.POINTER(wasmc_extern_t),
                                     ctypes.c_size_t, ctypes.POINTER(wasmc_instance_t),
                                     ctypes.POINTER(trap_p)]),
    "wasmc_instance_export_get": (ctypes.c_bool, [store_p, ctypes.POINTER(wasmc_instance_t),
                                                  ctypes.c_char_p, ctypes.c_size_t,
                                                  ctypes.POINTER(wasmc_extern_t)]),
    "wasmc_func_call": (error_p, [store_p, ctypes.POINTER(wasmc_func_t),
                                  ctypes.POINTER(wasmc_val_t), ctypes.c_size_t,
                                  ctypes.POINTER(wasmc_val_t), ctypes.c_size_t,
                                  ctypes.POINTER(trap_p)]),
}


class WasmcError(Exception):
    def __init__(self, what, code, message):
        super().__init__(f"{what}: {message} (code {code})")
        self.code = code


def load(path):
    lib = ctypes.CDLL(path)
    for name, (restype, argtypes) in SIGNATURES.items():
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = restype, argtypes
    return lib


def check(lib, what, error):
    """Raises WasmcError for a non-NULL wasmc_error_t *, which it frees."""
    if error:
        code = lib.wasmc_error_code(error)
        message = lib.wasmc_error_message(error).decode()
        lib.wasmc_error_delete(error)
        raise WasmcError(what, code, message)


def call(lib, store, func, args, result_kind):
    """Calls `func` with typed values; returns (result, trap code and message or None)."""
    argv = (wasmc_val_t * len(args))()
    for slot, (kind, value) in zip(argv, args):
        slot.kind = kind
        setattr(slot.of, {WASMC_I32: "i32", WASMC_I64: "i64"}[kind], value)
    result = wasmc_val_t()
    trap = trap_p()
    check(lib, "wasmc_func_call", lib.wasmc_func_call(
        store, ctypes.byref(func), argv, len(args), ctypes.byref(result), 1, ctypes.byref(trap)))
    if trap:
        info = (lib.wasmc_trap_code(trap), lib.wasmc_trap_message(trap).decode())
        lib.wasmc_trap_delete(trap)
        return None, info
    assert result.kind == result_kind
    return (result.of.i64 if result_kind == WASMC_I64 else result.of.i32), None


def export_func(lib, store, instance, name):
    ext = wasmc_extern_t()
    raw = name.encode()
    if not lib.wasmc_instance_export_get(store, ctypes.byref(instance), raw, len(raw),
                                         ctypes.byref(ext)) or ext.kind != WASMC_EXTERN_FUNC:
        raise LookupError(f"no exported function {name}")
    return ext.of.func


def run(lib):
    """Runs the checks; returns the number of wrong results."""
    wrong = 0
    engine, module, store = engine_p(), module_p(), store_p()
    check(lib, "wasmc_engine_new", lib.wasmc_engine_new(None, ctypes.byref(engine)))
    try:
        # An error: the call did not happen, and the error says why.
        try:
            check(lib, "wasmc_module_new",
                  lib.wasmc_module_new(engine, b"\0asm\2", 5, ctypes.byref(module)))
            wrong += 1
            print("a malformed module was accepted")
        except WasmcError as e:
            print(f"malformed module rejected: {e}")
            wrong += e.code != WASMC_ERR_MALFORMED

        check(lib, "wasmc_module_new",
              lib.wasmc_module_new(engine, MODULE, len(MODULE), ctypes.byref(module)))
        check(lib, "wasmc_store_new", lib.wasmc_store_new(engine, ctypes.byref(store)))
        instance, trap = wasmc_instance_t(), trap_p()
        check(lib, "wasmc_instance_new", lib.wasmc_instance_new(
            store, module, None, 0, ctypes.byref(instance), ctypes.byref(trap)))
        if trap:
            lib.wasmc_trap_delete(trap)
            raise RuntimeError("instantiation trapped")

        fac = export_func(lib, store, instance, "fac")
        value, _ = call(lib, store, fac, [(WASMC_I64, 20)], WASMC_I64)
        print(f"fac(20) = {value}")
        wrong += value != 2432902008176640000

        # A trap: the call ran and Wasm stopped; not an error.
        div = export_func(lib, store, instance, "div")
        _, trapped = call(lib, store, div, [(WASMC_I32, 7), (WASMC_I32, 0)], WASMC_I32)
        print(f"div(7, 0) traps: {trapped}")
        wrong += trapped is None or trapped[0] != WASMC_TRAP_INT_DIV_BY_ZERO
    finally:
        lib.wasmc_store_delete(store)
        lib.wasmc_module_delete(module)
        lib.wasmc_engine_delete(engine)
    return wrong


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("WASMC_LIBRARY", "libwasmc.so.0")
    lib = load(path)
    print(f"wasmc {lib.wasmc_version().decode()} from {path}")
    wrong = run(lib)
    if wrong:
        print(f"ctypes_example: {wrong} wrong result(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
