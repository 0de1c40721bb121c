;; Guest code for the interruption and resource-limit tests (tests/api/limits_test.c).
(module
  (import "env" "host" (func $host))
  (memory (export "mem") 1)
  (table (export "tab") 1 funcref)
  (global $depth (export "depth") (mut i32) (i32.const 0))

  ;; Runs forever: only fuel or an epoch deadline stops it.
  (func (export "spin")
    (loop $l (br $l)))

  ;; Counts to $n in a loop: 9 instructions of fuel per iteration.
  (func (export "count") (param $n i32) (result i32)
    (local $i i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $i))

  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))

  ;; Calls the host function $n times (the host may change fuel or deadlines).
  (func (export "call_host") (param $n i32)
    (loop $l
      (if (local.get $n)
        (then
          (call $host)
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $l)))))

  (func (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0)))
  (func (export "table_grow") (param i32) (result i32)
    (table.grow 0 (ref.null func) (local.get 0)))

  ;; Unbounded recursion; $depth records how deep it got before "call stack exhausted".
  (func $deep (export "deep")
    (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
    (call $deep)))
