;; hello.wat: the module behind examples/hello.c. hello.wasm beside it is built from this file
;; with `wat2wasm hello.wat -o hello.wasm` (wabt), and committed so the example runs without wabt.
(module
  ;; The host prints what the module reports: (n, n!).
  (import "env" "report" (func $report (param i32 i64)))

  (memory (export "memory") 1)

  ;; n! for an i64 n, recursively.
  (func $fac (export "fac") (param $n i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (i64.const 1))
      (else
        (i64.mul (local.get $n)
                 (call $fac (i64.sub (local.get $n) (i64.const 1)))))))

  ;; Calls report(i, i!) for i = 0 .. n-1 and returns how many reports it made.
  (func (export "report_factorials") (param $n i32) (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (call $report (local.get $i) (call $fac (i64.extend_i32_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i))
)
