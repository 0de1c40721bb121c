;; native.wat: calls host functions that are plain C functions (see native.c).
(module
  (import "env" "add3" (func $add3 (param i32 i64 f64) (result f64)))
  (import "env" "divmod" (func $divmod (param i32 i32) (result i32 i32)))
  (import "env" "count" (func $count (param i32)))
  (import "env" "greet" (func $greet (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "wasmc")
  (func (export "add3") (param i32 i64 f64) (result f64)
    (call $add3 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "divmod") (param i32 i32) (result i32 i32)
    (call $divmod (local.get 0) (local.get 1)))
  (func (export "count_to") (param $n i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (call $count (local.get $n))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))
  (func (export "greet") (result i32) (call $greet (i32.const 0) (i32.const 5))))
