;; A module whose initial memory (4 pages) exceeds a small store limit (tests/api/limits_test.c).
(module (memory 4) (table 8 funcref))
