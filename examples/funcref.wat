;; funcref.wat: a table of guest and host functions called with call_indirect (see funcref.c).
(module
  (type $unary (func (param i32) (result i32)))
  (import "env" "square" (func $square (param i32) (result i32)))
  (table (export "ops") 4 funcref)
  (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func $nullary (result i32) (i32.const 7))
  (elem (i32.const 0) $inc $dbl $square)
  (elem declare func $nullary)
  ;; apply(i, x) = ops[i](x), checking the signature at run time.
  (func (export "apply") (param $i i32) (param $x i32) (result i32)
    (call_indirect (type $unary) (local.get $x) (local.get $i)))
  (func (export "get_inc") (result funcref) (ref.func $inc))
  (func (export "get_nullary") (result funcref) (ref.func $nullary)))
