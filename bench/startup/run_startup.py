#!/usr/bin/env python3
"""run_startup.py: compile and start-up figures for wasmc, with Wasmtime and V8 compile times of
the same large module for reference.

  python3 bench/startup/run_startup.py [--wasmc-build ../build] [--funcs 3000] [--reps 1]
                                       [--instances 2000] [--calls 1000000] [--no-peers]

Generates big.wasm (--funcs functions; 3000 is a code section of about 2.9 MB) and small.wasm
with gen_modules.py, builds bench/out/wasmc_startup against the given wasmc build, runs it, then
compiles big.wasm with Wasmtime (Cranelift, wasmtime.Module) and with V8 forced to compile every
function eagerly with TurboFan (node --no-liftoff --no-wasm-lazy-compilation), timing only the
compile. Prints the figures; --json writes them to a file.
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
sys.path.insert(0, BENCH)
import run as bench_run  # noqa: E402  (shares machine info and peer discovery)

V8_COMPILE = r"""
const fs = require('fs');
const bytes = fs.readFileSync(process.argv[1]);
const t0 = process.hrtime.bigint();
new WebAssembly.Module(bytes);
const t1 = process.hrtime.bigint();
console.log(Number(t1 - t0));
"""

WT_COMPILE = r"""
import sys, time, wasmtime
data = open(sys.argv[1], 'rb').read()
engine = wasmtime.Engine()
t0 = time.perf_counter_ns()
wasmtime.Module(engine, data)
print(time.perf_counter_ns() - t0)
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wasmc-build", default=os.path.join(BENCH, "..", "build"))
    ap.add_argument("--wasmc-opt", type=int, default=1)
    ap.add_argument("--funcs", type=int, default=3000)
    ap.add_argument("--reps", type=int, default=1, help="compiles of big.wasm per engine")
    ap.add_argument("--instances", type=int, default=2000)
    ap.add_argument("--calls", type=int, default=1000000)
    ap.add_argument("--no-peers", action="store_true", help="skip Wasmtime and V8")
    ap.add_argument("--out", default=os.path.join(BENCH, "out"))
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    mods = os.path.join(out, f"startup-{args.funcs}")
    subprocess.check_call([sys.executable, os.path.join(HERE, "gen_modules.py"), mods,
                           "--funcs", str(args.funcs)])
    big, small = os.path.join(mods, "big.wasm"), os.path.join(mods, "small.wasm")
    code_bytes = None
    figures = {"funcs": args.funcs, "load_before": bench_run.loadavg()}

    wasmc_build = os.path.abspath(args.wasmc_build)
    rc, text = bench_run.sh(["make", "-C", BENCH, "-s", f"OUT={out}",
                             f"WASMC_BUILD={wasmc_build}", os.path.join(out, "wasmc_startup")])
    if rc != 0:
        figures["wasmc"] = {"error": "building wasmc_startup failed: " + text.strip()[-300:]}
        print(f"wasmc: missing: {figures['wasmc']['error']}")
    else:
        p = subprocess.run([os.path.join(out, "wasmc_startup"), "-O", str(args.wasmc_opt), big,
                            small, str(args.reps), str(args.instances), str(args.calls)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for line in p.stdout.splitlines():
            if line.startswith("JSON "):
                figures["wasmc"] = json.loads(line[5:])
            else:
                print(line)
        if p.returncode != 0:
            print(f"wasmc: FAIL: exit {p.returncode}: {p.stderr.strip()[-300:]}")
            figures.setdefault("wasmc", {"error": p.stderr.strip()[-300:]})
        code_bytes = figures.get("wasmc", {}).get("code_section_bytes")

    if not args.no_peers:
        if code_bytes is None:
            code_bytes = os.path.getsize(big)  # close enough when wasmc did not run
        wt_python, reason = bench_run.find_wasmtime_python()
        peers = [("wasmtime", [wt_python, "-c", WT_COMPILE, big] if wt_python else None, reason),
                 ("v8", ["node", "--no-liftoff", "--no-wasm-lazy-compilation", "-e", V8_COMPILE,
                         big], None)]
        for name, cmd, why in peers:
            if cmd is None:
                print(f"{name}: missing: {why}")
                continue
            times = []
            for _ in range(args.reps):
                rc, text = bench_run.sh(cmd)
                if rc != 0:
                    print(f"{name}: FAIL: {text.strip()[-300:]}")
                    break
                times.append(int(text.strip().splitlines()[-1]))
            if times:
                times.sort()
                ms = times[len(times) // 2] / 1e6
                figures[name] = {"big_compile_ms": ms,
                                 "big_compile_mb_per_s": code_bytes / 1e6 / (ms / 1e3)}
                print(f"{name}: compile big.wasm {ms:.1f} ms = "
                      f"{figures[name]['big_compile_mb_per_s']:.2f} MB/s of code section")
    figures["load_after"] = bench_run.loadavg()
    print(f"load average: {figures['load_before']} before, {figures['load_after']} after")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=1)
    return 0 if "error" not in figures.get("wasmc", {}) else 1


if __name__ == "__main__":
    sys.exit(main())
