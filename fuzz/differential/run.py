#!/usr/bin/env python3
"""run.py: differential testing of wasmc against V8 (node) on generated modules.

For N seeds (random bytes from a seeded PRNG, so a run is reproducible from --seed), the
wasmc side (wasmc-fuzz-trace, built with the tests) generates a module in deterministic mode
(fuzz/gen/module_gen.h), writes it with its call plan, and runs it in wasmc at MIR -O1 and
-O0. v8_trace.js runs the same plan in node's V8. The traces (format: fuzz/gen/runner.h) must
agree: results, trap kinds, host calls, memory hash, globals and table contents after every
call. Comparisons stop at a call where either side exhausted its stack (the limits differ).
Trap kinds are compared after merging those V8 does not distinguish ("uninit" and
"sigmismatch" both become "indirect"; V8's one truncation trap matches "intovf" or "conv").

Usage: run.py --trace-tool build/fuzz/wasmc-fuzz-trace [--count 300] [--seed 1]
              [--out DIR] [--batch 50] [--keep]
Exit status: 0 if every module agreed, 1 on a mismatch or a wasmc failure (the inputs are kept
in DIR and listed), 2 on usage/setup errors.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def normalise(text):
    out = []
    for line in text.splitlines():
        for prefix in ('=> trap ', 'inst trap '):
            if line.startswith(prefix) and line[len(prefix):] in ('uninit', 'sigmismatch'):
                line = prefix + 'indirect'
        out.append(line)
    return out


def truncate_at_stack(lines_a, lines_b):
    """Cut both traces before the first call where either ran out of stack."""
    def calls(lines):
        blocks, cur = [], []
        head = lines[:1]
        for line in lines[1:]:
            if line.startswith('call ') and cur:
                blocks.append(cur)
                cur = []
            cur.append(line)
        if cur:
            blocks.append(cur)
        return head, blocks
    ha, ba = calls(lines_a)
    hb, bb = calls(lines_b)
    if ha == ['inst trap stack'] or hb == ['inst trap stack']:
        return [], [], True
    for i in range(min(len(ba), len(bb))):
        if '=> trap stack' in ba[i] or '=> trap stack' in bb[i]:
            return (ha + sum(ba[:i], []), hb + sum(bb[:i], []), True)
    return lines_a, lines_b, False


def tolerate_dead_load(la, lb):
    """Cut both traces at the first difference if it lies in a call where the other side (lb)
    trapped "mem" and wasmc -O1 (la) did something else (another result, more host calls, or
    the same trap later, after side effects): the known bug of
    tests/regress/issue-dead-load-no-trap.wast."""
    if la and lb and la[0] != lb[0] and lb[0] == 'inst trap mem':  # in the start function
        return [], [], True
    for i in range(min(len(la), len(lb))):
        if la[i] != lb[i]:
            start = i
            while start > 0 and not lb[start].startswith('call '):
                start -= 1
            j = start + 1
            while j < len(lb) and not lb[j].startswith('=> '):
                j += 1
            if j < len(lb) and lb[j] == '=> trap mem':
                return la[:start], lb[:start], True
            break
    return la, lb, False


def compare(a, b, known=()):
    la, lb = normalise(a), normalise(b)
    # V8's "float unrepresentable in integer range" covers both of wasmc's truncation traps.
    for i in range(min(len(la), len(lb))):
        for prefix in ('=> trap ', 'inst trap '):
            if lb[i] == prefix + 'trunc' and la[i] in (prefix + 'intovf', prefix + 'conv'):
                lb[i] = la[i]
    la, lb, cut = truncate_at_stack(la, lb)
    if 'dead-load' in known:
        la, lb, tolerated = tolerate_dead_load(la, lb)
        if tolerated:
            return None, 'known'
    if la == lb:
        return None, cut
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else '<end>'
        y = lb[i] if i < len(lb) else '<end>'
        if x != y:
            return 'line %d: %r vs %r' % (i + 1, x, y), cut
    return 'differ', cut


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--trace-tool', required=True, help='path to wasmc-fuzz-trace')
    ap.add_argument('--node', default='node')
    ap.add_argument('--count', type=int, default=300)
    ap.add_argument('--seed', type=int, default=int(time.time()))
    ap.add_argument('--batch', type=int, default=50)
    ap.add_argument('--max-seed-bytes', type=int, default=4000)
    ap.add_argument('--out', help='work directory (default: a temporary one)')
    ap.add_argument('--keep', action='store_true', help='keep the work directory')
    ap.add_argument('--known-bugs', default=os.environ.get('WASMC_FUZZ_KNOWN_BUGS', ''),
                    help='comma-separated known bugs to tolerate (dead-load); default from '
                         'WASMC_FUZZ_KNOWN_BUGS')
    args = ap.parse_args()

    if not os.access(args.trace_tool, os.X_OK):
        print('run.py: %s is not executable' % args.trace_tool, file=sys.stderr)
        return 2
    work = args.out or tempfile.mkdtemp(prefix='wasmc-diff-')
    os.makedirs(work, exist_ok=True)
    seeds_dir = os.path.join(work, 'seeds')
    os.makedirs(seeds_dir, exist_ok=True)
    rng = random.Random(args.seed)
    print('run.py: seed %d, %d modules, work dir %s' % (args.seed, args.count, work))

    names = []
    for i in range(args.count):
        size = rng.randrange(16, args.max_seed_bytes)
        name = 's%d-%05d' % (args.seed, i)
        with open(os.path.join(seeds_dir, name), 'wb') as f:
            f.write(bytes(rng.getrandbits(8) for _ in range(size)))
        names.append(name)

    known = [k for k in args.known_bugs.split(',') if k]
    stats = {'agree': 0, 'stack-cut': 0, 'known': 0}
    bad = []
    start = time.time()
    for b in range(0, len(names), args.batch):
        batch = names[b:b + args.batch]
        r = subprocess.run([args.trace_tool, work] + [os.path.join(seeds_dir, n) for n in batch],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if r.returncode not in (0, 1):
            print('run.py: wasmc-fuzz-trace crashed (status %d) in batch %s..%s:\n%s'
                  % (r.returncode, batch[0], batch[-1], r.stderr[-4000:]))
            bad.append((batch[0], 'wasmc-fuzz-trace crashed, status %d' % r.returncode))
            continue
        r2 = subprocess.run([args.node, os.path.join(HERE, 'v8_trace.js'), work] + batch,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if r2.returncode != 0:
            print('run.py: node failed: %s' % r2.stderr[-2000:], file=sys.stderr)
            return 2
        for n in batch:
            def read(suffix):
                p = os.path.join(work, n + suffix)
                return open(p).read() if os.path.exists(p) else 'missing\n'
            o1, o0, v8 = read('.O1.trace'), read('.O0.trace'), read('.v8.trace')
            if o1.startswith('fatal') or o0.startswith('fatal'):
                bad.append((n, 'wasmc: ' + (o1 if o1.startswith('fatal') else o0).strip()))
                continue
            if v8.startswith('inst invalid') or v8.startswith('fatal'):
                bad.append((n, 'V8 rejects the module or failed: ' + v8.strip()))
                continue
            problems = []
            for label, other in (('wasmc -O1 vs -O0', o0), ('wasmc -O1 vs V8', v8)):
                diff, cut = compare(o1, other, known)
                if cut == 'known':
                    stats['known'] += 1
                elif cut:
                    stats['stack-cut'] += 1
                if diff:
                    problems.append('%s: %s' % (label, diff))
            if problems:
                bad.append((n, '; '.join(problems)))
            else:
                stats['agree'] += 1
        print('run.py: %d/%d modules, %d mismatches, %.0fs'
              % (min(b + args.batch, len(names)), len(names), len(bad), time.time() - start))

    print('run.py: %d agree (comparisons cut: %d at a stack overflow, %d at a known bug %s), '
          '%d mismatches' % (stats['agree'], stats['stack-cut'], stats['known'], known, len(bad)))
    for n, why in bad:
        print('MISMATCH %s: %s' % (n, why))
        print('  files: %s/%s.{wasm,plan,O1.trace,O0.trace,v8.trace}, seed %s/%s'
              % (work, n, seeds_dir, n))
    if not bad and not args.keep and not args.out:
        shutil.rmtree(work)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
