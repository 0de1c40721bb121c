"""wasmtime_bench.py: runs one benchmark kernel (.wasm exporting `run(i32) -> i32`) on Wasmtime
through its Python package (which bundles the Wasmtime C library). Times with
time.perf_counter_ns():
  compile_ns      wasmtime.Module(engine, bytes) (Cranelift, ahead of time),
  instantiate_ns  Store + Instance,
  calls[i].ns     each call of run(n) alone (includes the Python binding's ~microsecond
                  call overhead, negligible against ~100 ms kernels).

  python wasmtime_bench.py <kernel.wasm> <n> [calls]

Prints one JSON object on stdout (the shape shared by every harness).
"""
import json
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.stderr.write("usage: wasmtime_bench.py <kernel.wasm> <n> [calls]\n")
        return 2
    path, n = sys.argv[1], int(sys.argv[2])
    calls = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    try:
        import wasmtime
    except ImportError as e:
        print(json.dumps({"engine": "wasmtime", "error": f"import wasmtime: {e}"}))
        return 1
    try:
        with open(path, "rb") as f:
            data = f.read()
        engine = wasmtime.Engine()
        t0 = time.perf_counter_ns()
        module = wasmtime.Module(engine, data)
        t1 = time.perf_counter_ns()
        store = wasmtime.Store(engine)
        instance = wasmtime.Instance(store, module, [])
        t2 = time.perf_counter_ns()
        run = instance.exports(store)["run"]
        results = []
        for _ in range(calls):
            c0 = time.perf_counter_ns()
            r = run(store, n)
            c1 = time.perf_counter_ns()
            results.append({"ns": c1 - c0, "result": int(r)})
    except Exception as e:  # report any engine failure as data, never a crash
        print(json.dumps({"engine": "wasmtime", "error": f"{type(e).__name__}: {e}"}))
        return 1
    print(json.dumps({"engine": "wasmtime", "compile_ns": t1 - t0,
                      "instantiate_ns": t2 - t1, "calls": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
