;; trap.wat: guest traps and a host function that traps (see trap.c).
(module
  (import "env" "check" (func $check (param i32)))
  (memory 1)
  (func $div (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $load (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func $fail (export "fail") unreachable)
  (func $deep (export "deep") (param i32) (call $check (local.get 0))))
