// v8_trace.js: the V8 side of differential/run.py. For each <name>.wasm with a <name>.plan in
// the given directory (written by wasmc-fuzz-trace), runs the plan in V8 (this node) and
// writes <name>.v8.trace in the format of fuzz/gen/runner.h.
// Usage: node v8_trace.js <dir> [<name>...]
'use strict';
const fs = require('fs');
const path = require('path');

const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);

function fmt(type, v) {
  switch (type) {
    case 'i32': return 'i32:' + (v | 0);
    case 'i64': return 'i64:' + BigInt.asIntN(64, BigInt(v)).toString();
    case 'f32':
      if (Number.isNaN(v)) return 'f32:nan';
      f32[0] = v;
      return 'f32:0x' + u32[0].toString(16).padStart(8, '0');
    case 'f64':
      if (Number.isNaN(v)) return 'f64:nan';
      f64[0] = v;
      return 'f64:0x' + u64[0].toString(16).padStart(16, '0');
    case 'funcref': return 'funcref:' + (v === null ? 'null' : 'func');
    case 'externref': return 'externref:' + (v === null || v === undefined ? 'null' : 'extern');
  }
  throw new Error('unknown type ' + type);
}

// "f32:0x3f800000" -> JS value
function parseArg(tok) {
  const [type, text] = tok.split(':');
  switch (type) {
    case 'i32': return Number(text);
    case 'i64': return BigInt(text);
    case 'f32':
      if (text === 'nan') return NaN;
      u32[0] = parseInt(text, 16);
      return f32[0];
    case 'f64':
      if (text === 'nan') return NaN;
      u64[0] = BigInt(text);
      return f64[0];
    default: return null;
  }
}

function trapKind(e) {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return 'stack';
  if (!(e instanceof WebAssembly.RuntimeError)) return 'other(' + e + ')';
  const m = e.message;
  if (/unreachable/.test(m)) return 'unreachable';
  if (/divide by zero|remainder by zero/.test(m)) return 'div0';
  if (/integer overflow|divide result unrepresentable/.test(m)) return 'intovf';
  // V8 reports NaN ("invalid conversion") and out-of-range ("integer overflow") truncations
  // alike; run.py accepts either wasmc kind for it.
  if (/float unrepresentable|invalid conversion/.test(m)) return 'trunc';
  if (/memory access out of bounds|data segment/.test(m)) return 'mem';
  if (/null function or function signature mismatch|signature mismatch|null function/.test(m)) return 'indirect';
  if (/table|element segment/.test(m)) return 'table';
  return 'other(' + m + ')';
}

function fnv1a(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}

function runOne(dir, name) {
  const bytes = fs.readFileSync(path.join(dir, name + '.wasm'));
  const plan = fs.readFileSync(path.join(dir, name + '.plan'), 'utf8').split('\n').filter(Boolean);
  let fuel = 0;
  const imports = [], globals = [], tables = [], calls = [];
  let hasMemory = false;
  for (const line of plan) {
    const t = line.split(' ');
    if (t[0] === 'fuel') fuel = Number(t[1]);
    else if (t[0] === 'import') {
      const r = t.indexOf('r');
      imports.push({ name: t[1], params: t.slice(3, r), results: t.slice(r + 1) });
    } else if (t[0] === 'global') globals.push({ name: t[1], type: t[2] });
    else if (t[0] === 'table') tables.push(t[1]);
    else if (t[0] === 'memory') hasMemory = true;
    else if (t[0] === 'call') {
      const r = t.indexOf('r');
      calls.push({ name: t[1], args: t.slice(3, r), results: t.slice(r + 1) });
    }
  }
  let hostLog = '';
  const env = {};
  imports.forEach((imp, k) => {
    env[imp.name] = (...args) => {
      let line = 'host ' + imp.name;
      imp.params.forEach((p, i) => { line += ' ' + fmt(p, args[i]); });
      hostLog += line + '\n';
      const res = imp.results.map((r, j) => {
        const v = (k + 1) * 100 + j;
        switch (r) {
          case 'i32': return v;
          case 'i64': return BigInt(v);
          case 'f32': return v + 0.5;
          case 'f64': return v + 0.25;
          default: return null;
        }
      });
      if (res.length === 0) return undefined;
      if (res.length === 1) return res[0];
      return res;
    };
  });
  let out = '';
  let instance;
  try {
    const module = new WebAssembly.Module(bytes);
    instance = new WebAssembly.Instance(module, { env });
  } catch (e) {
    if (e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError) {
      return 'inst invalid ' + e.message + '\n';
    }
    return 'inst trap ' + trapKind(e) + '\n';
  }
  out += 'inst ok\n';
  const ex = instance.exports;
  for (const c of calls) {
    out += 'call ' + c.name + (c.args.length ? ' ' + c.args.join(' ') : '') + '\n';
    ex.fuel.value = fuel;
    hostLog = '';
    let result;
    try {
      const args = c.args.map(parseArg);
      let r = ex[c.name](...args);
      if (c.results.length === 1) r = [r];
      result = '=>' + c.results.map((t, i) => ' ' + fmt(t, r[i])).join('');
    } catch (e) {
      result = '=> trap ' + trapKind(e);
    }
    out += hostLog + result + '\n';
    let state = 'state';
    if (hasMemory) {
      const buf = new Uint8Array(ex.mem.buffer);
      state += ' mem ' + (buf.length / 65536) + ' 0x' + fnv1a(buf).toString(16).padStart(8, '0');
    }
    for (const g of globals) state += ' ' + g.name + ' ' + fmt(g.type, ex[g.name].value);
    for (const t of tables) {
      const tab = ex[t];
      let bits = '';
      for (let i = 0; i < tab.length && i < 512; i++) bits += tab.get(i) === null ? '0' : '1';
      state += ' ' + t + ' ' + tab.length + ' ' + bits;
    }
    out += state + '\n';
    if (result === '=> trap stack') break;
  }
  return out;
}

function main() {
  const dir = process.argv[2];
  let names = process.argv.slice(3);
  if (names.length === 0) {
    names = fs.readdirSync(dir).filter((f) => f.endsWith('.plan')).map((f) => f.slice(0, -5));
  }
  for (const name of names) {
    let text;
    try {
      text = runOne(dir, name);
    } catch (e) {
      text = 'fatal ' + e + '\n';
    }
    fs.writeFileSync(path.join(dir, name + '.v8.trace'), text);
  }
}

main();
