;; Functions that trap in different ways, for api/trap_rss_test.c.
(module
  (memory 1)
  (func (export "oob") (param i32) (result i32)
    (i32.load (i32.add (local.get 0) (i32.const 65536))))
  (func (export "div0") (param i32) (result i32)
    (i32.div_s (i32.const 1) (local.get 0)))
  (func $recurse (export "recurse") (param i32) (result i32)
    (i32.add (call $recurse (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func (export "ok") (param i32) (result i32)
    (i32.mul (local.get 0) (i32.const 3))))
