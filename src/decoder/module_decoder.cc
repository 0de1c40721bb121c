// Module decoder driver: consumes a binary module's bytes, checks the header and the section
// sequence ("Modules" in the binary format), dispatches each section to its decoder and produces
// the ModuleDesc, including the cross-section count checks and `declared_funcs`.
#include "decoder/module_decoder.h"

#include <utility>

#include "decoder/module_decoder_impl.h"

namespace wasmc {

namespace {

constexpr uint8_t kNumSectionIds = 13;  // 0 (custom) .. 12 (data count)

// Position of each non-custom section in the required order; data count (12) sits between the
// element (9) and code (10) sections.
constexpr uint8_t kSectionRank[kNumSectionIds] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10};

}  // namespace

ModuleDecoder::ModuleDecoder(ModuleDesc* module)
    : m_(module), r_(module->bytes.data(), module->bytes.data() + module->bytes.size(), 0) {}

Status ModuleDecoder::Decode() {
  if (!DecodeHeader()) return r_.status();
  DecodeSections();
  if (r_.ok()) CheckSectionCounts();
  if (!r_.ok()) return r_.status();
  if (name_begin_ != nullptr) DecodeNameSection(name_begin_, name_end_, name_offset_);
  ComputeDeclaredFuncs();
  return Status::Ok();
}

bool ModuleDecoder::DecodeHeader() {
  static const uint8_t kMagic[4] = {0x00, 0x61, 0x73, 0x6d};
  const std::vector<uint8_t>& b = m_->bytes;
  if (b.size() < 4) {
    r_.FailAt(0, ErrorKind::kMalformed, "unexpected end");
    return false;
  }
  for (int i = 0; i < 4; ++i) {
    if (b[i] != kMagic[i]) {
      r_.FailAt(0, ErrorKind::kMalformed, "magic header not detected");
      return false;
    }
  }
  if (b.size() < 8) {
    r_.FailAt(4, ErrorKind::kMalformed, "unexpected end");
    return false;
  }
  r_.ReadBytes(4);
  if (r_.ReadFixedU32() != 1) {
    r_.FailAt(4, ErrorKind::kMalformed, "unknown binary version");
    return false;
  }
  return true;
}

void ModuleDecoder::DecodeSections() {
  uint8_t last_rank = 0;
  while (r_.ok() && !r_.at_end()) {
    uint64_t id_offset = r_.offset();
    uint8_t id = r_.ReadU8();
    if (id >= kNumSectionIds) {
      r_.FailAt(id_offset, ErrorKind::kMalformed, "malformed section id");
      return;
    }
    // A known section out of order or repeated ends the module as far as the reference
    // interpreter is concerned: what follows is "content after the last section".
    if (id != 0 && kSectionRank[id] <= last_rank) {
      r_.FailAt(id_offset, ErrorKind::kMalformed, "unexpected content after last section");
      return;
    }
    uint32_t size = r_.ReadLength();
    if (!r_.ok()) return;
    if (id == 0) {
      DecodeCustomSection(size);
      continue;
    }
    last_rank = kSectionRank[id];
    uint64_t start = r_.offset();
    m_->section_offsets[id] = start;
    DecodeSection(id);
    if (r_.ok() && r_.offset() != start + size) {
      r_.FailAt(start, ErrorKind::kMalformed, "section size mismatch");
    }
  }
}

void ModuleDecoder::DecodeSection(uint8_t id) {
  switch (id) {
    case 1: DecodeTypeSection(); break;
    case 2: DecodeImportSection(); break;
    case 3: DecodeFunctionSection(); break;
    case 4: DecodeTableSection(); break;
    case 5: DecodeMemorySection(); break;
    case 6: DecodeGlobalSection(); break;
    case 7: DecodeExportSection(); break;
    case 8: DecodeStartSection(); break;
    case 9: DecodeElemSection(); break;
    case 10: DecodeCodeSection(); break;
    case 11: DecodeDataSection(); break;
    case 12: DecodeDataCountSection(); break;
    default: break;  // custom sections are handled by the caller
  }
}

// Custom sections: the name must be valid UTF-8 and fit in the section; the payload is skipped,
// except that the first `name` section is remembered and parsed once the module is decoded.
void ModuleDecoder::DecodeCustomSection(uint32_t size) {
  uint64_t start = r_.offset();
  const uint8_t* begin = r_.ReadBytes(size);
  if (begin == nullptr) return;
  Reader sub(begin, begin + size, start);
  std::string name;
  sub.ReadName(&name);
  if (!sub.ok()) {
    r_.FailAt(sub.status().offset(), sub.status().kind(), sub.status().message());
    return;
  }
  if (name == "name" && name_begin_ == nullptr) {
    name_begin_ = sub.pos();
    name_end_ = begin + size;
    name_offset_ = sub.offset();
  }
}

void ModuleDecoder::CheckSectionCounts() {
  uint64_t end = m_->bytes.size();
  if (num_func_decls_ != m_->bodies.size()) {
    r_.FailAt(end, ErrorKind::kMalformed, "function and code section have inconsistent lengths");
    return;
  }
  if (m_->has_data_count && m_->data_count != m_->datas.size()) {
    r_.FailAt(end, ErrorKind::kMalformed,
              "data count and data section have inconsistent lengths");
  }
}

// C.refs ("Validation of Modules"): functions named outside function bodies, in exports and in
// any constant expression (globals, element segments). Out-of-range indices are left for the
// validator to report.
void ModuleDecoder::ComputeDeclaredFuncs() {
  std::vector<bool>& declared = m_->declared_funcs;
  declared.assign(m_->funcs.size(), false);
  auto mark_expr = [&declared](const ConstExpr& e) {
    for (const ConstOp& op : e.ops) {
      if (op.kind == ConstOp::kRefFunc && op.index < declared.size()) declared[op.index] = true;
    }
  };
  for (const Export& e : m_->exports) {
    if (e.kind == ExternKind::kFunc && e.index < declared.size()) declared[e.index] = true;
  }
  for (const GlobalDesc& g : m_->globals) mark_expr(g.init);
  for (const ElemSegment& seg : m_->elems) {
    mark_expr(seg.offset);
    for (const ConstExpr& item : seg.items) mark_expr(item);
  }
}

Result<ModuleDesc> DecodeModule(const uint8_t* bytes, size_t len) {
  if (uint64_t(len) > uint64_t(UINT32_MAX)) {
    return Status::Error(ErrorKind::kResource, "module too large (4 GiB or more)", 0);
  }
  ModuleDesc module;
  if (len > 0) module.bytes.assign(bytes, bytes + len);
  ModuleDecoder decoder(&module);
  Status status = decoder.Decode();
  if (!status.ok()) return status;
  return module;
}

}  // namespace wasmc
