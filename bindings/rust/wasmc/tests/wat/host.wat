;; host.wat: imports host functions (module "host") in this order: add, log, sum8, pair.
(module
  (import "host" "add" (func $add (param i32 i32) (result i32)))
  (import "host" "log" (func $log (param i32 i32)))
  (import "host" "sum8"
    (func $sum8 (param i32 i64 i32 i64 i32 i64 i32 i64) (result i64)))
  (import "host" "pair" (func $pair (param i32) (result i32 i64)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from wasm")
  (func (export "call_add") (param i32 i32) (result i32) (call $add (local.get 0) (local.get 1)))
  ;; log(16, 15): the host reads "hello from wasm" through the caller's memory.
  (func (export "greet") (call $log (i32.const 16) (i32.const 15)))
  (func (export "call_sum8") (result i64)
    (call $sum8 (i32.const 1) (i64.const 2) (i32.const 3) (i64.const 4)
                (i32.const 5) (i64.const 6) (i32.const 7) (i64.const 8)))
  ;; pair(x) returns (a, b); this returns a + b.
  (func (export "call_pair") (param i32) (result i64) (local $b i64)
    local.get 0
    call $pair
    local.set $b
    i64.extend_i32_s
    local.get $b
    i64.add)
  (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
)
