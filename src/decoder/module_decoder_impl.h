// Internal to the decoder stage: the ModuleDecoder class shared by module_decoder.cc (header,
// section loop, final checks), section_decoders.cc (one method per section), const_expr.cc
// and name_section.cc. Consumes module bytes through a Reader; produces a ModuleDesc.
#ifndef WASMC_DECODER_MODULE_DECODER_IMPL_H_
#define WASMC_DECODER_MODULE_DECODER_IMPL_H_

#include <cstdint>

#include "decoder/reader.h"
#include "ir/module_desc.h"

namespace wasmc {

class ModuleDecoder {
 public:
  // `module` must already hold the bytes; the reader walks `module->bytes`.
  explicit ModuleDecoder(ModuleDesc* module);
  Status Decode();

 private:
  // module_decoder.cc
  bool DecodeHeader();
  void DecodeSections();
  void DecodeSection(uint8_t id);
  void DecodeCustomSection(uint32_t size);
  void CheckSectionCounts();
  void ComputeDeclaredFuncs();

  // section_decoders.cc
  void DecodeTypeSection();
  void DecodeImportSection();
  void DecodeFunctionSection();
  void DecodeTableSection();
  void DecodeMemorySection();
  void DecodeGlobalSection();
  void DecodeExportSection();
  void DecodeStartSection();
  void DecodeElemSection();
  void DecodeDataCountSection();
  void DecodeCodeSection();
  void DecodeDataSection();
  void DecodeImport(Import* imp);
  void DecodeLimits(Limits* limits);
  void DecodeTableType(TableType* type);
  void DecodeGlobalType(GlobalType* type);
  void DecodeElemSegment(ElemSegment* seg);
  void DecodeElemFuncIndices(ElemSegment* seg);
  void DecodeElemExprs(ElemSegment* seg);
  void DecodeDataSegment(DataSegment* seg);
  void DecodeValTypes(std::vector<ValType>* out);

  // const_expr.cc
  void DecodeConstExpr(ConstExpr* out);
  bool DecodeConstOp(uint8_t opcode, uint64_t at, ConstOp* op);
  void FailNonConstant(uint8_t opcode, uint32_t sub, bool has_sub, uint64_t at);

  // name_section.cc
  void DecodeNameSection(const uint8_t* begin, const uint8_t* end, uint64_t base);

  ModuleDesc* m_;
  Reader r_;
  uint32_t num_func_decls_ = 0;  // entries of the function section
  const uint8_t* name_begin_ = nullptr;  // payload of the first `name` custom section
  const uint8_t* name_end_ = nullptr;
  uint64_t name_offset_ = 0;
};

}  // namespace wasmc

#endif  // WASMC_DECODER_MODULE_DECODER_IMPL_H_
