;; Imports with several C signatures, for native (libffi) host functions.
(module
  (import "env" "add3" (func $add3 (param i32 i64 f64) (result f64)))
  (import "env" "divmod" (func $divmod (param i32 i32) (result i32 i32)))
  (import "env" "fmul" (func $fmul (param f32 f32) (result f32)))
  (import "env" "count" (func $count))
  (import "env" "neg64" (func $neg64 (param i64) (result i64)))
  (import "env" "peek" (func $peek (param i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "\07\00\00\00")
  (func (export "add3") (param i32 i64 f64) (result f64)
    (call $add3 (local.get 0) (local.get 1) (local.get 2)))
  ;; divmod(a, b) -> a / b * 1000 + a % b, to check both results
  (func (export "divmod") (param i32 i32) (result i32)
    (local $r i32)
    local.get 0
    local.get 1
    call $divmod
    local.set $r
    i32.const 1000
    i32.mul
    local.get $r
    i32.add)
  (func (export "fmul") (param f32 f32) (result f32) (call $fmul (local.get 0) (local.get 1)))
  (func (export "count3") (call $count) (call $count) (call $count))
  (func (export "neg64") (param i64) (result i64) (call $neg64 (local.get 0)))
  (func (export "peek") (param i32) (result i32) (call $peek (local.get 0))))
