// Comparisons and conditional branches. Consumes compare operators, eqz, and the conditions of
// br_if / if / select; produces MIR compares (EQ..GE) or, when the compare's only consumer is a
// branch, one fused MIR compare-and-branch (BEQ..BGE): `cmp; jCC` instead of
// `cmp; setCC; movzbl; test; jne`.
//
// The fusion is local: a compare is recorded in `last_cmp_` when emitted; a branch on the
// value it defined (a value-stack temp with this one use) removes it again and compares at the
// branch instead, provided the instructions emitted in between are straight-line code that
// writes neither compare operand (e.g. clang's `i = i + 1` between a loop's compare and its
// br_if).
#include "mir_backend/translator.h"

namespace wasmc {
namespace {

// MIR lays out the compare codes EQ..LDGE and the branch codes BEQ..LDBGE in the same order.
static_assert(MIR_BGE - MIR_BEQ == MIR_GE - MIR_EQ, "MIR compare/branch code layout");
static_assert(MIR_UBLTS - MIR_BEQ == MIR_ULTS - MIR_EQ, "MIR compare/branch code layout");
static_assert(MIR_DBGE - MIR_BEQ == MIR_DGE - MIR_EQ, "MIR compare/branch code layout");
static_assert(MIR_NE - MIR_EQ == 5 && MIR_LT - MIR_EQ == 10 && MIR_LE - MIR_LT == 7 &&
                  MIR_GT - MIR_LE == 7 && MIR_GE - MIR_GT == 7,
              "MIR compare code groups");

bool IsCompare(MIR_insn_code_t code) { return code >= MIR_EQ && code <= MIR_LDGE; }

bool IsFloatCompare(MIR_insn_code_t code) {
  switch (code) {
    case MIR_FEQ: case MIR_DEQ: case MIR_FNE: case MIR_DNE: case MIR_FLT: case MIR_DLT:
    case MIR_FLE: case MIR_DLE: case MIR_FGT: case MIR_DGT: case MIR_FGE: case MIR_DGE:
      return true;
    default:
      return false;
  }
}

// The compare that is true exactly when `code` is false. Integer compares only, plus float
// EQ/NE (a != b is true for unordered operands, as Wasm's ne).
MIR_insn_code_t NegateCompare(MIR_insn_code_t code) {
  int c = code;
  if (c >= MIR_EQ && c < MIR_NE) return MIR_insn_code_t(c + (MIR_NE - MIR_EQ));
  if (c >= MIR_NE && c < MIR_LT) return MIR_insn_code_t(c - (MIR_NE - MIR_EQ));
  if (IsFloatCompare(code)) return MIR_INVALID_INSN;
  if (c >= MIR_LT && c < MIR_LE) return MIR_insn_code_t(c + (MIR_GE - MIR_LT));
  if (c >= MIR_GE && c <= MIR_LDGE) return MIR_insn_code_t(c - (MIR_GE - MIR_LT));
  if (c >= MIR_LE && c < MIR_GT) return MIR_insn_code_t(c + (MIR_GT - MIR_LE));
  if (c >= MIR_GT && c < MIR_GE) return MIR_insn_code_t(c - (MIR_GT - MIR_LE));
  return MIR_INVALID_INSN;
}

MIR_insn_code_t BranchOf(MIR_insn_code_t cmp) {
  return MIR_insn_code_t(cmp - MIR_EQ + MIR_BEQ);
}

}  // namespace

void Translator::EmitCompare(MIR_insn_code_t code) {
  Value b = Pop();
  Value a = Pop();
  Value t = NewTemp(ValType::kI32);
  // A constant first operand goes to a register (MIR wants at most one immediate per insn).
  MIR_op_t oa = a.kind == Kind::kConst ? R(RegOf(a)) : OpOf(a);
  MIR_op_t ob = OpOf(b);
  last_cmp_.insn = Emit(code, {R(t.reg), oa, ob});
  last_cmp_.reg = t.reg;
  last_cmp_.code = code;
  last_cmp_.a = oa;
  last_cmp_.b = ob;
  last_cmp_.in[0] = a;
  last_cmp_.in[1] = b;
  Push(t);
}

bool Translator::EmitEqzOfCompare() {
  // eqz(compare) is the negated compare.
  const Value& top = stack_.back();
  if (top.kind != Kind::kTemp || last_cmp_.insn == nullptr || top.reg != last_cmp_.reg ||
      DLIST_TAIL(MIR_insn_t, func_->insns) != last_cmp_.insn) {
    return false;
  }
  MIR_insn_code_t negated = NegateCompare(last_cmp_.code);
  if (negated == MIR_INVALID_INSN) return false;
  Pop();
  MIR_remove_insn(ctx_, func_item_, last_cmp_.insn);
  Value t = NewTemp(ValType::kI32);
  last_cmp_.insn = Emit(negated, {R(t.reg), last_cmp_.a, last_cmp_.b});
  last_cmp_.reg = t.reg;
  last_cmp_.code = negated;
  Push(t);
  return true;
}

bool Translator::CompareMovable() {
  const MIR_op_t* operands[2] = {&last_cmp_.a, &last_cmp_.b};
  for (MIR_insn_t insn = DLIST_NEXT(MIR_insn_t, last_cmp_.insn); insn != nullptr;
       insn = DLIST_NEXT(MIR_insn_t, insn)) {
    if (insn->code == MIR_LABEL || MIR_any_branch_code_p(insn->code) ||
        MIR_call_code_p(insn->code) || insn->code == MIR_RET || insn->code == MIR_ALLOCA ||
        insn->code == MIR_BSTART || insn->code == MIR_BEND) {
      return false;
    }
    for (size_t i = 0; i < insn->nops; ++i) {
      int out = 0;
      MIR_insn_op_mode(ctx_, insn, i, &out);
      if (!out || insn->ops[i].mode != MIR_OP_REG) continue;
      for (const MIR_op_t* op : operands) {
        if (op->mode == MIR_OP_REG && op->u.reg == insn->ops[i].u.reg) return false;
      }
    }
  }
  return true;
}

bool Translator::TakeCompare(const Value& cond, Compare* out) {
  if (cond.kind != Kind::kTemp || last_cmp_.insn == nullptr || cond.reg != last_cmp_.reg ||
      !IsCompare(last_cmp_.code) || !CompareMovable()) {
    return false;
  }
  MIR_remove_insn(ctx_, func_item_, last_cmp_.insn);
  *out = last_cmp_;
  last_cmp_ = Compare();
  return true;
}

void Translator::EmitCondBranch(const Compare* cmp, const Value& cond, bool when,
                                MIR_insn_t label) {
  if (cmp == nullptr) {
    Emit(when ? MIR_BTS : MIR_BFS, {L(label), R(RegOf(cond))});
    return;
  }
  if (when) {
    Emit(BranchOf(cmp->code), {L(label), cmp->a, cmp->b});
    return;
  }
  MIR_insn_code_t negated = NegateCompare(cmp->code);
  if (negated != MIR_INVALID_INSN) {
    Emit(BranchOf(negated), {L(label), cmp->a, cmp->b});
    return;
  }
  // An ordered float compare is false also for unordered operands: branch around a jump.
  MIR_insn_t skip = NewLabel();
  Emit(BranchOf(cmp->code), {L(skip), cmp->a, cmp->b});
  Emit(MIR_JMP, {L(label)});
  PlaceLabel(skip);
}

}  // namespace wasmc
