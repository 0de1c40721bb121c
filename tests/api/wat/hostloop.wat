;; A loop that calls a host import n times (leak and RSS check), and an empty export.
(module
  (import "env" "tick" (func $tick (param i32) (result i32)))
  (func (export "loop") (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (call $tick (local.get $n))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $acc))
  (func (export "empty")))
