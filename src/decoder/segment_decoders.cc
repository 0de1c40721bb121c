// Element and data segment decoders ("Element Section", "Data Section"): consume the eight
// element encodings (flags 0-7) and the three data encodings (flags 0-2) and produce
// ElemSegment / DataSegment entries of the ModuleDesc.
#include <utility>

#include "decoder/module_decoder_impl.h"

namespace wasmc {

namespace {

// Bits of the element segment flags: bit 0 passive-or-declarative, bit 1 explicit table index
// (active) or declarative (otherwise), bit 2 expressions instead of function indices.
constexpr uint32_t kElemPassiveOrDeclarative = 1;
constexpr uint32_t kElemExplicitOrDeclarative = 2;
constexpr uint32_t kElemExprs = 4;

}  // namespace

void ModuleDecoder::DecodeElemFuncIndices(ElemSegment* seg) {
  uint32_t count = r_.ReadLength();
  seg->items.reserve(count);
  for (uint32_t i = 0; i < count && r_.ok(); ++i) {
    ConstExpr item;
    item.offset = r_.offset();
    ConstOp op;
    op.kind = ConstOp::kRefFunc;
    op.index = r_.ReadU32();
    item.ops.push_back(op);
    seg->items.push_back(std::move(item));
  }
}

void ModuleDecoder::DecodeElemExprs(ElemSegment* seg) {
  uint32_t count = r_.ReadLength();
  seg->items.reserve(count);
  for (uint32_t i = 0; i < count && r_.ok(); ++i) {
    ConstExpr item;
    DecodeConstExpr(&item);
    seg->items.push_back(std::move(item));
  }
}

void ModuleDecoder::DecodeElemSegment(ElemSegment* seg) {
  uint64_t at = r_.offset();
  uint32_t flags = r_.ReadU32();
  if (!r_.ok()) return;
  if (flags > 7) {
    r_.FailAt(at, ErrorKind::kMalformed, "malformed elements segment kind");
    return;
  }
  bool active = (flags & kElemPassiveOrDeclarative) == 0;
  if (active) {
    seg->mode = SegmentMode::kActive;
    if (flags & kElemExplicitOrDeclarative) seg->table_index = r_.ReadU32();
    DecodeConstExpr(&seg->offset);
  } else {
    seg->mode = (flags & kElemExplicitOrDeclarative) ? SegmentMode::kDeclarative
                                                     : SegmentMode::kPassive;
  }
  // Flags 0 and 4 imply funcref; the others carry an elemkind (indices) or a reftype (exprs).
  bool has_type = flags != 0 && flags != 4;
  if (flags & kElemExprs) {
    if (has_type) r_.ReadRefType(&seg->type);
    DecodeElemExprs(seg);
    return;
  }
  if (has_type) {
    uint64_t kind_at = r_.offset();
    uint8_t kind = r_.ReadU8();
    if (r_.ok() && kind != 0x00) {
      r_.FailAt(kind_at, ErrorKind::kMalformed, "malformed element kind");
      return;
    }
  }
  seg->type = ValType::kFuncRef;
  DecodeElemFuncIndices(seg);
}

void ModuleDecoder::DecodeElemSection() {
  uint32_t count = r_.ReadLength();
  m_->elems.reserve(count);
  for (uint32_t i = 0; i < count && r_.ok(); ++i) {
    ElemSegment seg;
    DecodeElemSegment(&seg);
    m_->elems.push_back(std::move(seg));
  }
}

void ModuleDecoder::DecodeDataSegment(DataSegment* seg) {
  uint64_t at = r_.offset();
  uint32_t flags = r_.ReadU32();
  if (!r_.ok()) return;
  switch (flags) {
    case 0:
      seg->mode = SegmentMode::kActive;
      DecodeConstExpr(&seg->offset);
      break;
    case 1:
      seg->mode = SegmentMode::kPassive;
      break;
    case 2:
      seg->mode = SegmentMode::kActive;
      seg->memory_index = r_.ReadU32();
      DecodeConstExpr(&seg->offset);
      break;
    default:
      r_.FailAt(at, ErrorKind::kMalformed, "malformed data segment kind");
      return;
  }
  uint32_t size = r_.ReadLength();
  uint64_t bytes_at = r_.offset();
  if (r_.ReadBytes(size) == nullptr) return;
  seg->bytes_offset = uint32_t(bytes_at);
  seg->bytes_size = size;
}

void ModuleDecoder::DecodeDataSection() {
  uint32_t count = r_.ReadLength();
  m_->datas.reserve(count);
  for (uint32_t i = 0; i < count && r_.ok(); ++i) {
    DataSegment seg;
    DecodeDataSegment(&seg);
    m_->datas.push_back(std::move(seg));
  }
}

}  // namespace wasmc
