// One decoder per known section ("Sections" in the binary format): consumes the section's bytes
// through the module Reader and appends to the ModuleDesc. Every vector count goes through
// Reader::ReadLength, so no reservation exceeds the bytes actually present.
#include <utility>

#include "decoder/module_decoder_impl.h"

namespace wasmc {

void ModuleDecoder::DecodeValTypes(std::vector<ValType>* out) {
  uint32_t count = r_.ReadLength();
  out->reserve(count);
  for (uint32_t i = 0; i < count && r_.ok(); ++i) {
    ValType t;
    if (r_.ReadValType(&t)) out->push_back(t);
  }
}

void ModuleDecoder::DecodeTypeSection() {
  uint32_t count = r_.ReadLength();
  m_->types.reserve(count);
  for (uint32_t i = 0; i < count && r_.ok(); ++i) {
    uint64_t at = r_.offset();
    // The form is an s7 (-0x20, byte 0x60), so a two-byte encoding is "too long".
    int32_t form = r_.ReadS7();
    if (r_.ok() && form != -0x20) {
      r_.FailAt(at, ErrorKind::kMalformed, "malformed function type");
      return;
    }
    FuncType type;
    DecodeValTypes(&type.params);
    DecodeValTypes(&type.results);
    m_->types.push_back(std::move(type));
  }
}

// limits ::= 0x00 min:u32 | 0x01 min:u32 max:u32. The flag is a 1-bit LEB128 in Wasm 2.0, so
// any other value is "integer too large" or "integer representation too long".
void ModuleDecoder::DecodeLimits(Limits* limits) {
  limits->has_max = r_.ReadVarU1() == 1;
  limits->min = r_.ReadU32();
  if (limits->has_max) limits->max = r_.ReadU32();
}

void ModuleDecoder::DecodeTableType(TableType* type) {
  r_.ReadRefType(&type->elem);
  DecodeLimits(&type->limits);
}

void ModuleDecoder::DecodeGlobalType(GlobalType* type) {
  r_.ReadValType(&type->type);
  uint64_t at = r_.offset();
  uint8_t mut = r_.ReadU8();
  if (r_.ok() && mut > 1) r_.FailAt(at, ErrorKind::kMalformed, "malformed mutability");
  type->mut = mut == 1;
}

void ModuleDecoder::DecodeImport(Import* imp) {
  r_.ReadName(&imp->module);
  r_.ReadName(&imp->name);
  uint64_t at = r_.offset();
  uint8_t kind = r_.ReadU8();
  if (!r_.ok()) return;
  switch (kind) {
    case 0:
      imp->kind = ExternKind::kFunc;
      imp->type_index = r_.ReadU32();
      m_->funcs.push_back(imp->type_index);
      m_->num_imported_funcs++;
      break;
    case 1:
      imp->kind = ExternKind::kTable;
      DecodeTableType(&imp->table);
      m_->tables.push_back(imp->table);
      m_->num_imported_tables++;
      break;
    case 2:
      imp->kind = ExternKind::kMemory;
      DecodeLimits(&imp->memory.limits);
      m_->memories.push_back(imp->memory);
      m_->num_imported_memories++;
      break;
    case 3:
      imp->kind = ExternKind::kGlobal;
      DecodeGlobalType(&imp->global);
      m_->globals.push_back(GlobalDesc{imp->global, ConstExpr()});
      m_->num_imported_globals++;
      break;
    default:
      r_.FailAt(at, ErrorKind::kMalformed, "malformed import kind");
      break;
  }
}

void ModuleDecoder::DecodeImportSection() {
  uint32_t count = r_.ReadLength();
  m_->imports.reserve(count);
  for (uint32_t i = 0; i < count && r_.ok(); ++i) {
    Import imp;
    DecodeImport(&imp);
    m_->imports.push_back(std::move(imp));
  }
}

void ModuleDecoder::DecodeFunctionSection() {
  uint32_t count = r_.ReadLength();
  m_->funcs.reserve(m_->funcs.size() + count);
  for (uint32_t i = 0; i < count && r_.ok(); ++i) {
    uint32_t type_index = r_.ReadU32();
    if (r_.ok()) m_->funcs.push_back(type_index);
  }
  num_func_decls_ = count;
}

void ModuleDecoder::DecodeTableSection() {
  uint32_t count = r_.ReadLength();
  m_->tables.reserve(m_->tables.size() + count);
  for (uint32_t i = 0; i < count && r_.ok(); ++i) {
    TableType type;
    DecodeTableType(&type);
    m_->tables.push_back(type);
  }
}

void ModuleDecoder::DecodeMemorySection() {
  uint32_t count = r_.ReadLength();
  m_->memories.reserve(m_->memories.size() + count);
  for (uint32_t i = 0; i < count && r_.ok(); ++i) {
    MemoryType type;
    DecodeLimits(&type.limits);
    m_->memories.push_back(type);
  }
}

void ModuleDecoder::DecodeGlobalSection() {
  uint32_t count = r_.ReadLength();
  m_->globals.reserve(m_->globals.size() + count);
  for (uint32_t i = 0; i < count && r_.ok(); ++i) {
    GlobalDesc global;
    DecodeGlobalType(&global.type);
    DecodeConstExpr(&global.init);
    m_->globals.push_back(std::move(global));
  }
}

void ModuleDecoder::DecodeExportSection() {
  uint32_t count = r_.ReadLength();
  m_->exports.reserve(count);
  for (uint32_t i = 0; i < count && r_.ok(); ++i) {
    Export exp;
    r_.ReadName(&exp.name);
    uint64_t at = r_.offset();
    uint8_t kind = r_.ReadU8();
    if (r_.ok() && kind > 3) {
      r_.FailAt(at, ErrorKind::kMalformed, "malformed export kind");
      return;
    }
    exp.kind = static_cast<ExternKind>(kind);
    exp.index = r_.ReadU32();
    m_->exports.push_back(std::move(exp));
  }
}

void ModuleDecoder::DecodeStartSection() {
  m_->start = r_.ReadU32();
  m_->has_start = r_.ok();
}

void ModuleDecoder::DecodeDataCountSection() {
  m_->data_count = r_.ReadU32();
  m_->has_data_count = r_.ok();
}

// Bodies are only delimited: `size` bytes holding the locals and the code, decoded later by the
// function validator ("Code Section").
void ModuleDecoder::DecodeCodeSection() {
  uint32_t count = r_.ReadLength();
  m_->bodies.reserve(count);
  for (uint32_t i = 0; i < count && r_.ok(); ++i) {
    uint32_t size = r_.ReadLength();
    uint64_t at = r_.offset();
    if (r_.ReadBytes(size) == nullptr) return;
    m_->bodies.push_back(FuncBody{uint32_t(at), size});
  }
}

}  // namespace wasmc
