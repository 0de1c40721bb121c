// `name` custom section decoder ("Name Section" appendix): consumes the section payload and
// produces ModuleDesc::module_name and func_names. Best effort: any error leaves both empty and
// never fails the module, as the spec requires for custom sections.
#include <string>
#include <utility>

#include "decoder/module_decoder_impl.h"

namespace wasmc {

namespace {

constexpr uint8_t kModuleNameSubsection = 0;
constexpr uint8_t kFunctionNamesSubsection = 1;

// Function name map: vec(funcidx name). Indices outside the function index space are ignored.
void DecodeFunctionNames(Reader* r, uint32_t num_funcs, std::vector<std::string>* names) {
  uint32_t count = r->ReadLength();
  for (uint32_t i = 0; i < count && r->ok(); ++i) {
    uint32_t index = r->ReadU32();
    std::string name;
    if (!r->ReadName(&name) || index >= num_funcs) continue;
    if (names->empty()) names->resize(num_funcs);
    (*names)[index] = std::move(name);
  }
}

}  // namespace

void ModuleDecoder::DecodeNameSection(const uint8_t* begin, const uint8_t* end, uint64_t base) {
  Reader r(begin, end, base);
  std::string module_name;
  std::vector<std::string> func_names;
  uint32_t num_funcs = uint32_t(m_->funcs.size());
  while (r.ok() && !r.at_end()) {
    uint8_t id = r.ReadU8();
    uint32_t size = r.ReadLength();
    const uint8_t* payload = r.ReadBytes(size);
    if (payload == nullptr) break;
    Reader sub(payload, payload + size, base);
    if (id == kModuleNameSubsection) {
      sub.ReadName(&module_name);
    } else if (id == kFunctionNamesSubsection) {
      DecodeFunctionNames(&sub, num_funcs, &func_names);
    } else {
      continue;  // local names and later extensions are not used
    }
    if (!sub.ok() || !sub.at_end()) return;
  }
  if (!r.ok()) return;
  m_->module_name = std::move(module_name);
  m_->func_names = std::move(func_names);
}

}  // namespace wasmc
