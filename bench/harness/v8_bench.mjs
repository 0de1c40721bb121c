// v8_bench.mjs: runs one benchmark kernel (.wasm exporting `run(i32) -> i32`) on V8 (node).
// Times with process.hrtime.bigint():
//   compile_ns      WebAssembly.compile (V8 compiles lazily/tiered: this is mostly Liftoff
//                   set-up and is not comparable with an ahead-of-time compile),
//   instantiate_ns  WebAssembly.instantiate of the compiled module,
//   calls[i].ns     each call of run(n) alone (the first call includes any tier-up work).
//
//   node v8_bench.mjs <kernel.wasm> <n> [calls]
//
// Prints one JSON object on stdout (the shape shared by every harness).
import { readFileSync } from 'node:fs';

const [path, nArg, callsArg] = process.argv.slice(2);
if (!path || nArg === undefined) {
  process.stderr.write('usage: node v8_bench.mjs <kernel.wasm> <n> [calls]\n');
  process.exit(2);
}
const n = Number.parseInt(nArg, 10);
const calls = callsArg === undefined ? 2 : Number.parseInt(callsArg, 10);

try {
  const bytes = readFileSync(path);
  const t0 = process.hrtime.bigint();
  const module = await WebAssembly.compile(bytes);
  const t1 = process.hrtime.bigint();
  const instance = await WebAssembly.instantiate(module, {});
  const t2 = process.hrtime.bigint();
  const run = instance.exports.run;
  const results = [];
  for (let i = 0; i < calls; i++) {
    const c0 = process.hrtime.bigint();
    const r = run(n);
    const c1 = process.hrtime.bigint();
    results.push({ ns: Number(c1 - c0), result: r | 0 });
  }
  process.stdout.write(JSON.stringify({
    engine: 'v8',
    compile_ns: Number(t1 - t0),
    instantiate_ns: Number(t2 - t1),
    calls: results,
  }) + '\n');
} catch (e) {
  process.stdout.write(JSON.stringify({ engine: 'v8', error: String(e) }) + '\n');
  process.exit(1);
}
