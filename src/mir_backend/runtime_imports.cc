// Runtime and numeric helpers as MIR prototypes/imports, and the name resolver for MIR_link.
// Consumes the WASMC_RUNTIME_HELPERS X-macro (signatures are derived from the C function
// pointer types, so they cannot drift) and a RuntimeHelpers table; produces MIR items.
#include "mir_backend/runtime_imports.h"

#include <cstddef>
#include <cstdio>
#include <type_traits>
#include <cstring>

namespace wasmc {
namespace {

template <class T>
constexpr MIR_type_t MirTypeFor() {
  return sizeof(T) == 4 ? MIR_T_I32 : MIR_T_I64;  // u32 -> I32; u64, size_t, pointers -> I64
}

struct RtHelperSig {
  const char* name;
  uint32_t nres;
  MIR_type_t res;
  uint32_t nargs;
  MIR_type_t args[8];
  size_t offset;  // of the field in RuntimeHelpers
};

template <class R, class... A>
constexpr RtHelperSig MakeSig(const char* name, size_t offset, R (*)(A...)) {
  RtHelperSig s{name, 0, MIR_T_I64, sizeof...(A), {MirTypeFor<A>()...}, offset};
  if constexpr (!std::is_void_v<R>) {
    s.nres = 1;
    s.res = MirTypeFor<R>();
  }
  return s;
}

const RtHelperSig kRtSigs[kNumRtHelpers] = {
#define WASMC_RT_SIG(name, ret, params)                                     \
  MakeSig("wasmc_rt_" #name, offsetof(RuntimeHelpers, name),                \
          static_cast<decltype(RuntimeHelpers::name)>(nullptr)),
    WASMC_RUNTIME_HELPERS(WASMC_RT_SIG)
#undef WASMC_RT_SIG
};

const char* const kArgNames[8] = {"a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7"};

MIR_item_t NewProto(MIR_context_t ctx, const char* name, uint32_t nres, MIR_type_t res,
                    uint32_t nargs, const MIR_type_t* args, std::vector<MIR_var_t>* vars) {
  vars->clear();
  for (uint32_t i = 0; i < nargs; ++i) {
    MIR_var_t v;
    v.type = args[i];
    v.name = kArgNames[i];
    v.size = 0;
    vars->push_back(v);
  }
  return MIR_new_proto_arr(ctx, name, nres, &res, nargs, vars->data());
}

}  // namespace

void CreateHelperItems(MIR_context_t ctx, HelperItems* items, std::vector<MIR_var_t>* vars) {
  char name[64];
  for (uint32_t i = 0; i < kNumRtHelpers; ++i) {
    const RtHelperSig& s = kRtSigs[i];
    std::snprintf(name, sizeof(name), "proto_%s", s.name);
    items->rt_proto[i] = NewProto(ctx, name, s.nres, s.res, s.nargs, s.args, vars);
    items->rt_import[i] = MIR_new_import(ctx, s.name);
  }
  for (uint32_t i = 0; i < kNumNumericHelpers; ++i) {
    const NumericHelperDesc& d = GetNumericHelper(static_cast<NumericHelper>(i));
    std::snprintf(name, sizeof(name), "proto_%s", d.name);
    items->num_proto[i] = NewProto(ctx, name, 1, d.result, 1, &d.result, vars);
    items->num_import[i] = MIR_new_import(ctx, d.name);
  }
}

void* ResolveHelperImport(void* arg, const char* name) {
  const RuntimeHelpers* helpers = static_cast<const RuntimeHelpers*>(arg);
  for (const RtHelperSig& s : kRtSigs) {
    if (std::strcmp(s.name, name) != 0) continue;
    if (helpers == nullptr) return nullptr;
    void* addr;
    std::memcpy(&addr, reinterpret_cast<const char*>(helpers) + s.offset, sizeof(addr));
    return addr;
  }
  return FindNumericHelper(name);
}

}  // namespace wasmc
