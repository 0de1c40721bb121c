;; Instantiation traps in the start function, after the data segment has been written.
(module
  (import "env" "mem" (memory 1))
  (func $start unreachable)
  (data (i32.const 0) "hi")
  (start $start))
