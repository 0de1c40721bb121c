;; Bulk memory and table instructions that go through runtime helpers.
(module
  (memory (export "mem") 1)
  (table (export "tab") 4 externref)
  (data $d "abcd")
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i32 i32 i32) (memory.init $d (local.get 0) (local.get 1) (local.get 2)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "tset") (param i32 externref) (table.set 0 (local.get 0) (local.get 1)))
  (func (export "tget") (param i32) (result externref) (table.get 0 (local.get 0)))
  (func (export "tgrow") (param externref i32) (result i32) (table.grow 0 (local.get 0) (local.get 1))))
