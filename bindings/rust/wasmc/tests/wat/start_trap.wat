;; start_trap.wat: the start function traps.
(module (func $start unreachable) (start $start))
