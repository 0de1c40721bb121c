;; memory.wat: a guest that hands strings and buffers to the host (see memory.c).
(module
  (import "env" "log" (func $log (param i32 i32)))
  (import "env" "fill_squares" (func $fill (param i32 i32)))
  (memory (export "memory") 1 4)
  (data (i32.const 16) "sum of squares")
  ;; Asks the host to fill n i32 squares at 1024, then sums them.
  (func (export "sum_squares") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (call $log (i32.const 16) (i32.const 14))
    (call $fill (i32.const 1024) (local.get $n))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i32.add (local.get $acc)
          (i32.load (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $acc))
  (func (export "nop")))
