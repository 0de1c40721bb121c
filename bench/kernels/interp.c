// BENCH_N: 400000
// BENCH_QUICK_N: 20000
/* interp: a switch-dispatched stack-machine interpreter (16 opcodes, 8 registers) running a
 * small bytecode program whose outer loop runs n times. Measures an indirect branch through
 * a jump table (br_table in Wasm), i32 ALU ops and a memory-resident operand stack. */
#include "common.h"

enum {
  OP_HALT, OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_XOR,
  OP_SHL, OP_SHR, OP_AND, OP_DUP, OP_DROP, OP_JNZ, OP_DEC, OP_LT
};

static u32 stack[256];
static u32 regs[8];

/* The program: r0 = n; r1 = 0; r2 = 1; loop: r1 = (r1 * 33 ^ r2) + (r0 & 255);
 * r2 = r2 + (r1 >> 3) ... ; inner loop of 4 iterations; r0 -= 1; jnz loop. */
static const i32 program[] = {
    OP_STORE, 0,                 /* r0 = n (n is pushed before start) */
    OP_PUSH, 0, OP_STORE, 1,     /* r1 = 0 */
    OP_PUSH, 1, OP_STORE, 2,     /* r2 = 1 */
    /* outer: pc = 10 */
    OP_LOAD, 1, OP_PUSH, 33, OP_MUL, OP_LOAD, 2, OP_XOR, OP_LOAD, 0, OP_PUSH, 255, OP_AND,
    OP_ADD, OP_STORE, 1,
    OP_PUSH, 4, OP_STORE, 3,     /* r3 = 4 */
    /* inner: pc = 30 */
    OP_LOAD, 2, OP_LOAD, 1, OP_PUSH, 3, OP_SHR, OP_ADD, OP_DUP, OP_PUSH, 5, OP_SHL, OP_XOR,
    OP_STORE, 2,
    OP_LOAD, 3, OP_DEC, OP_DUP, OP_STORE, 3, OP_JNZ, 30,
    OP_LOAD, 2, OP_LOAD, 1, OP_LT, OP_LOAD, 4, OP_ADD, OP_STORE, 4, /* r4 += r2 < r1 */
    OP_LOAD, 0, OP_DEC, OP_DUP, OP_STORE, 0, OP_JNZ, 10,
    OP_LOAD, 1, OP_LOAD, 2, OP_XOR, OP_LOAD, 4, OP_ADD, OP_HALT};

static NOINLINE i32 execute(const i32 *code, i32 arg) {
  i32 sp = 0, pc = 0;
  stack[sp++] = (u32)arg;
  for (;;) {
    i32 op = code[pc++];
    switch (op) {
      case OP_HALT: return (i32)stack[sp - 1];
      case OP_PUSH: stack[sp++] = (u32)code[pc++]; break;
      case OP_LOAD: stack[sp++] = regs[code[pc++]]; break;
      case OP_STORE: regs[code[pc++]] = stack[--sp]; break;
      case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
      case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
      case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
      case OP_XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
      case OP_SHL: sp--; stack[sp - 1] <<= stack[sp] & 31; break;
      case OP_SHR: sp--; stack[sp - 1] >>= stack[sp] & 31; break;
      case OP_AND: sp--; stack[sp - 1] &= stack[sp]; break;
      case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
      case OP_DROP: sp--; break;
      case OP_JNZ: {
        i32 target = code[pc++];
        if (stack[--sp] != 0) pc = target;
        break;
      }
      case OP_DEC: stack[sp - 1]--; break;
      case OP_LT: sp--; stack[sp - 1] = (i32)stack[sp - 1] < (i32)stack[sp]; break;
      default: return -1;
    }
  }
}

EXPORT i32 run(i32 n) {
  for (int i = 0; i < 8; i++) regs[i] = 0;
  return execute(program, n);
}
