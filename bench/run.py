#!/usr/bin/env python3
"""bench/run.py: runs the wasmc benchmark suite against native gcc -O2, V8 (node) and Wasmtime.

One invocation builds what is missing (make), then for each kernel runs `--reps` rounds; in each
round every engine runs once, in a fresh process, in an order rotated from round to round
(interleaved round-robin, so slow drifts in machine load hit every engine alike). Each process
compiles and instantiates the kernel, then calls run(n) `--calls` times (default 2), timing each
call alone. Reported per engine and kernel: the median over rounds of the *warm* call (the
second) and of the *first* call, and the median compile time.

Every call's checksum must equal the native one; a mismatch is printed as WRONG and the kernel is
left out of that engine's geometric mean. An engine that cannot run (not built, not installed,
failing) is reported as "missing" or "FAIL" with the reason, never silently skipped.

Python 3 standard library only. Wasmtime runs through its Python package in bench/.venv (make it
with --setup) or, failing that, in this interpreter.

  python3 bench/run.py [--wasmc-build ../build] [--quick] [--reps 3] [--kernels fib,sieve]
                       [--engines native,wasmc,v8,wasmtime] [--markdown FILE] [--json FILE]
"""
import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys

BENCH = os.path.dirname(os.path.abspath(__file__))
ENGINES = ["native", "wasmc", "v8", "wasmtime"]


def sh(cmd, **kw):
    """Runs a command, returning (returncode, combined output); never raises for a missing tool."""
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
        return p.returncode, p.stdout
    except (OSError, subprocess.SubprocessError) as e:
        return -1, str(e)


def first_line(text):
    return text.strip().splitlines()[0] if text.strip() else ""


def kernel_params(path):
    params = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"//\s*BENCH_(QUICK_N|N):\s*(\d+)", line)
            if m:
                params[m.group(1)] = int(m.group(2))
    return params


def machine_info(venv_python):
    info = {}
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    info["cpu"] = cpu
    info["cores"] = os.cpu_count()
    info["kernel"] = f"{platform.system()} {platform.release()}"
    info["gcc"] = first_line(sh(["gcc", "--version"])[1])
    info["clang"] = first_line(sh(["clang", "--version"])[1])
    rc, out = sh(["node", "--version"])
    info["node"] = out.strip() if rc == 0 else "missing"
    if venv_python:
        rc, out = sh([venv_python, "-c",
                      "import importlib.metadata as m; print(m.version('wasmtime'))"])
        info["wasmtime"] = out.strip() if rc == 0 else "missing"
    else:
        info["wasmtime"] = "missing"
    info["python"] = platform.python_version()
    return info


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "unknown"


def find_wasmtime_python():
    """The interpreter that can import wasmtime: bench/.venv first, then this one."""
    candidates = [os.path.join(BENCH, ".venv", "bin", "python"), sys.executable]
    reasons = []
    for py in candidates:
        if not os.path.exists(py):
            reasons.append(f"{py}: not found")
            continue
        rc, out = sh([py, "-c", "import wasmtime"])
        if rc == 0:
            return py, None
        reasons.append(f"{py}: cannot import wasmtime")
    return None, "; ".join(reasons) + " (run `python3 bench/run.py --setup`)"


def setup_venv():
    venv = os.path.join(BENCH, ".venv")
    if not os.path.exists(os.path.join(venv, "bin", "python")):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([os.path.join(venv, "bin", "python"), "-m", "pip", "install", "-q",
                           "wasmtime"])


def build(args):
    """Builds kernels and harnesses. Returns {engine: reason} for engines that cannot run."""
    missing = {}
    make = ["make", "-C", BENCH, "-s", f"OUT={args.out}"]
    rc, out = sh(make + ["kernels"])
    if rc != 0:
        sys.exit(f"run.py: building the kernels failed:\n{out}")
    wasmc_build = os.path.abspath(args.wasmc_build)
    lib = os.path.join(wasmc_build, "libwasmc.so")
    if not os.path.exists(lib):
        missing["wasmc"] = f"{lib} not found (build wasmc first, or pass --wasmc-build)"
    else:
        rc, out = sh(make + [f"WASMC_BUILD={wasmc_build}", os.path.join(args.out, "wasmc_bench")])
        if rc != 0:
            missing["wasmc"] = "building the wasmc harness failed: " + out.strip()[-300:]
    if shutil.which("node") is None:
        missing["v8"] = "`node` not found on PATH"
    return missing


def engine_cmd(engine, kernel, n, args, wt_python):
    out = args.out
    wasm = os.path.join(out, "wasm", kernel + ".wasm")
    calls = str(args.calls)
    if engine == "native":
        return [os.path.join(out, "native", kernel), str(n), calls]
    if engine == "wasmc":
        return [os.path.join(out, "wasmc_bench"), "-O", str(args.wasmc_opt), wasm, str(n), calls]
    if engine == "v8":
        return ["node", os.path.join(BENCH, "harness", "v8_bench.mjs"), wasm, str(n), calls]
    if engine == "wasmtime":
        return [wt_python, os.path.join(BENCH, "harness", "wasmtime_bench.py"), wasm, str(n),
                calls]
    raise ValueError(engine)


def run_once(cmd, timeout):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout} s"}
    except OSError as e:
        return {"error": str(e)}
    for line in reversed(p.stdout.strip().splitlines()):
        try:
            data = json.loads(line)
            break
        except json.JSONDecodeError:
            continue
    else:
        sig = f" (signal {-p.returncode})" if p.returncode < 0 else ""
        tail = (p.stderr or p.stdout).strip()[-300:]
        return {"error": f"exit {p.returncode}{sig}, no result: {tail}"}
    if "error" not in data and p.returncode != 0:
        data["error"] = f"exit {p.returncode}"
    return data


def fmt_ms(ns):
    if ns is None:
        return "-"
    ms = ns / 1e6
    return f"{ms:.0f}" if ms >= 100 else f"{ms:.1f}" if ms >= 1 else f"{ms:.2f}"


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wasmc-build", default=os.path.join(BENCH, "..", "build"),
                    help="wasmc CMake build directory holding libwasmc.so (default ../build)")
    ap.add_argument("--wasmc-opt", type=int, default=1, help="wasmc opt level (default 1)")
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--kernels", default="", help="comma-separated subset (default: all)")
    ap.add_argument("--reps", type=int, default=3, help="rounds per kernel (default 3)")
    ap.add_argument("--calls", type=int, default=2,
                    help="calls of run(n) per process; the first and the last are reported")
    ap.add_argument("--quick", action="store_true", help="use each kernel's BENCH_QUICK_N")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per process")
    ap.add_argument("--out", default=os.path.join(BENCH, "out"), help="build output directory")
    ap.add_argument("--markdown", help="also write the report as Markdown to this file")
    ap.add_argument("--json", help="also write all raw measurements to this file")
    ap.add_argument("--setup", action="store_true",
                    help="create bench/.venv with the wasmtime package, then exit")
    args = ap.parse_args()
    if args.setup:
        setup_venv()
        return 0
    args.out = os.path.abspath(args.out)
    args.calls = max(1, args.calls)
    engines = [e for e in args.engines.split(",") if e]
    for e in engines:
        if e not in ENGINES:
            sys.exit(f"run.py: unknown engine {e!r} (known: {', '.join(ENGINES)})")
    if "native" not in engines:
        engines.insert(0, "native")  # the reference for checksums and ratios

    kdir = os.path.join(BENCH, "kernels")
    kernels = sorted(f[:-2] for f in os.listdir(kdir) if f.endswith(".c"))
    if args.kernels:
        wanted = args.kernels.split(",")
        unknown = [k for k in wanted if k not in kernels]
        if unknown:
            sys.exit(f"run.py: unknown kernels: {', '.join(unknown)}")
        kernels = wanted

    missing = build(args)
    wt_python, reason = find_wasmtime_python()
    if wt_python is None:
        missing["wasmtime"] = reason
    info = machine_info(wt_python)
    info["load_before"] = loadavg()
    start = datetime.datetime.now()

    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['kernel']}", flush=True)
    print(f"tools: {info['gcc']} | {info['clang']} | node {info['node']} | "
          f"wasmtime (PyPI) {info['wasmtime']}", flush=True)
    print(f"load average at start: {info['load_before']}", flush=True)
    for e in engines:
        if e in missing:
            print(f"engine {e}: missing: {missing[e]}", flush=True)

    # results[kernel][engine] = list of per-round dicts
    results = {k: {e: [] for e in engines} for k in kernels}
    params = {}
    for k in kernels:
        p = kernel_params(os.path.join(kdir, k + ".c"))
        n = p.get("QUICK_N" if args.quick else "N")
        if n is None:
            sys.exit(f"run.py: kernels/{k}.c has no BENCH_N line")
        params[k] = n
        runnable = [e for e in engines if e not in missing]
        for rep in range(args.reps):
            order = runnable[rep % len(runnable):] + runnable[:rep % len(runnable)]
            for e in order:
                # An engine that failed this kernel once is not retried (it would fail again).
                if results[k][e] and "error" in results[k][e][-1]:
                    continue
                r = run_once(engine_cmd(e, k, n, args, wt_python), args.timeout)
                results[k][e].append(r)
        line = [f"{k:<11} n={n:<9}"]
        for e in engines:
            rs = [r for r in results[k][e] if "error" not in r]
            line.append(f"{e}={fmt_ms(statistics.median(r['calls'][-1]['ns'] for r in rs))}ms"
                        if rs else f"{e}=-")
        print("  ".join(line), flush=True)

    info["load_after"] = loadavg()
    elapsed = (datetime.datetime.now() - start).total_seconds()

    # Summaries per kernel and engine.
    summary = {}
    for k in kernels:
        summary[k] = {}
        ref = None
        nat = [r for r in results[k]["native"] if "error" not in r]
        if nat:
            ref = nat[0]["calls"][0]["result"]
        for e in engines:
            rs = results[k][e]
            s = {}
            if e in missing:
                s["status"] = "missing"
                s["reason"] = missing[e]
            elif not rs or any("error" in r for r in rs):
                s["status"] = "FAIL"
                s["reason"] = next((r["error"] for r in rs if "error" in r), "no run")
            else:
                got = {c["result"] for r in rs for c in r["calls"]}
                if ref is None or got != {ref}:
                    s["status"] = "WRONG"
                    s["reason"] = f"checksum {sorted(got)} != native {ref}"
                else:
                    s["status"] = "ok"
                s["warm_ns"] = statistics.median(r["calls"][-1]["ns"] for r in rs)
                s["first_ns"] = statistics.median(r["calls"][0]["ns"] for r in rs)
                s["compile_ns"] = statistics.median(r.get("compile_ns", 0) for r in rs)
                s["instantiate_ns"] = statistics.median(r.get("instantiate_ns", 0) for r in rs)
            summary[k][e] = s

    report = render(kernels, engines, params, summary, info, args, elapsed, missing)
    print()
    print(report)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(report)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"info": info, "params": params, "results": results,
                       "summary": summary}, f, indent=1)
    bad = any(summary[k][e]["status"] == "WRONG" for k in kernels for e in engines)
    return 1 if bad else 0


def render(kernels, engines, params, summary, info, args, elapsed, missing):
    out = []
    w = out.append
    w(f"Machine: {info['cpu']}, {info['cores']} cores, {info['kernel']}  ")
    w(f"Compilers: {info['gcc']}; {info['clang']}  ")
    w(f"Peers: node {info['node']} (V8); wasmtime {info['wasmtime']} (PyPI package, "
      f"Python {info['python']})  ")
    w(f"Load average: {info['load_before']} at start, {info['load_after']} at end; "
      f"{elapsed:.0f} s total, {args.reps} rounds per kernel, "
      f"{'quick' if args.quick else 'default'} sizes, wasmc -O{args.wasmc_opt}  ")
    for e in engines:
        if e in missing:
            w(f"**{e}: missing**: {missing[e]}  ")
    w("")

    def table(title, key):
        w(f"### {title}")
        w("")
        hdr = "| kernel | n | " + " | ".join(
            "native ms" if e == "native" else f"{e} ms | {e} ×" for e in engines) + " |"
        w(hdr)
        w("|" + "---|" * (2 + 1 + 2 * (len(engines) - 1)))
        ratios = {e: [] for e in engines}
        for k in kernels:
            nat = summary[k]["native"].get(key)
            cells = [k, str(params[k])]
            for e in engines:
                s = summary[k][e]
                if e == "native":
                    cells.append(fmt_ms(nat))
                    continue
                if s["status"] in ("missing", "FAIL"):
                    cells += [s["status"], "-"]
                    continue
                v = s[key]
                ratio = v / nat if nat else None
                if s["status"] == "WRONG":
                    cells += [f"{fmt_ms(v)} WRONG", "-"]
                else:
                    cells += [fmt_ms(v), f"{ratio:.2f}" if ratio else "-"]
                    if ratio:
                        ratios[e].append(ratio)
            w("| " + " | ".join(cells) + " |")
        cells = ["**geomean**", ""]
        for e in engines:
            if e == "native":
                cells.append("1.00")
                continue
            g = geomean(ratios[e])
            cells += ["", f"**{g:.2f}** ({len(ratios[e])}/{len(kernels)})" if g else "-"]
        w("| " + " | ".join(cells) + " |")
        w("")

    table("Warm call (the last call in each process; median over rounds)", "warm_ns")
    table("First call after instantiation (median over rounds)", "first_ns")

    wasm_engines = [e for e in engines if e != "native"]
    w("### Compile and instantiate (ms, median)")
    w("")
    w("| kernel | " + " | ".join(f"{e} compile | {e} instantiate" for e in wasm_engines) + " |")
    w("|---|" + "---|---|" * len(wasm_engines))
    for k in kernels:
        cells = [k]
        for e in wasm_engines:
            s = summary[k][e]
            if "compile_ns" in s:
                cells += [fmt_ms(s["compile_ns"]), fmt_ms(s["instantiate_ns"])]
            else:
                cells += [s["status"], "-"]
        w("| " + " | ".join(cells) + " |")
    w("")
    w("V8 compiles lazily and in tiers, so its compile column is not an ahead-of-time compile.")
    w("")

    problems = [(k, e, summary[k][e]) for k in kernels for e in engines
                if summary[k][e]["status"] in ("WRONG", "FAIL")]
    if problems:
        w("### Failures")
        w("")
        for k, e, s in problems:
            w(f"- {k} on {e}: **{s['status']}**: {s['reason']}")
        w("")
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
