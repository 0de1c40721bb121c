;; Imports host functions (tests of host closures, traps, re-entrance and the linker).
;;   wat2wasm host.wat -o host.wasm
(module
  (import "env" "combine" (func $combine (param i32 i32) (result i32)))
  (import "env" "effect" (func $effect (param i32)))
  (import "env" "reenter" (func $reenter (param i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "guest bytes")
  (func (export "call_combine") (param i32 i32) (result i32)
    (call $combine (local.get 0) (local.get 1)))
  (func (export "call_effect") (param i32) (call $effect (local.get 0)))
  (func (export "call_reenter") (param i32) (result i32) (call $reenter (local.get 0)))
  (func (export "double") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "read") (param i32) (result i32) (i32.load8_u (local.get 0)))
)
