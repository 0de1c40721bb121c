;; Its start function traps: instantiation reports the trap.
;;   wat2wasm start_trap.wat -o start_trap.wasm
(module
  (func $start unreachable)
  (start $start)
)
