;; reentrance.wat: Wasm and the host call each other recursively (see reentrance.c).
(module
  (import "host" "fib" (func $host_fib (param i32) (result i64)))
  ;; fib(n) = n < 2 ? n : host.fib(n - 1) + host.fib(n - 2), where the host calls back here.
  (func (export "fib") (param $n i32) (result i64)
    (if (result i64) (i32.lt_u (local.get $n) (i32.const 2))
      (then (i64.extend_i32_u (local.get $n)))
      (else
        (i64.add (call $host_fib (i32.sub (local.get $n) (i32.const 1)))
                 (call $host_fib (i32.sub (local.get $n) (i32.const 2))))))))
