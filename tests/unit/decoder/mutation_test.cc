// Robustness test for DecodeModule + ValidateModule: consumes valid modules (built in, plus the
// `.wasm` files of an optional corpus directory given as argv[1]) and feeds every truncation and
// thousands of deterministic pseudo-random mutations of each; produces a pass when every run
// returns a Status without crashing (run it under ASan+UBSan) and decoded ranges stay in bounds.
#include <dirent.h>

#include <cstdio>
#include <string>
#include <vector>

#include "decoder/module_decoder.h"
#include "module_builder.h"
#include "test_main.h"
#include "validator/module_validator.h"

using wasmc::DecodeModule;
using wasmc::ModuleDesc;
using wasmc::Result;

namespace {

const char* g_corpus_dir = nullptr;

struct Rng {  // xorshift64*: deterministic across platforms
  uint64_t state;
  uint64_t Next() {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545f4914f6cdd1dull;
  }
  size_t Below(size_t n) { return n == 0 ? 0 : size_t(Next() % n); }
};

// Decodes and validates `len` bytes held in an exact-size heap block, so ASan sees any read
// past the end, then checks that every recorded byte range lies inside the module.
void RunOne(const uint8_t* bytes, size_t len) {
  std::vector<uint8_t> exact(bytes, bytes + len);
  Result<ModuleDesc> r = DecodeModule(exact.data(), exact.size());
  if (!r.ok()) return;
  const ModuleDesc& m = r.value();
  for (const wasmc::FuncBody& b : m.bodies) {
    assert_true(uint64_t(b.offset) + b.size <= m.bytes.size());
  }
  for (const wasmc::DataSegment& d : m.datas) {
    assert_true(uint64_t(d.bytes_offset) + d.bytes_size <= m.bytes.size());
  }
  assert_int_equal(m.declared_funcs.size(), m.funcs.size());
  (void)wasmc::ValidateModule(m);
}

void Mutate(std::vector<uint8_t>* b, Rng* rng) {
  static const uint8_t kInteresting[] = {0x00, 0x01, 0x0b, 0x40, 0x41, 0x60, 0x6f, 0x70,
                                         0x7f, 0x80, 0xd2, 0xfc, 0xfd, 0xff};
  size_t n = b->size();
  switch (rng->Below(5)) {
    case 0: (*b)[rng->Below(n)] ^= uint8_t(1u << rng->Below(8)); break;
    case 1: (*b)[rng->Below(n)] = uint8_t(rng->Next()); break;
    case 2: (*b)[rng->Below(n)] = kInteresting[rng->Below(sizeof(kInteresting))]; break;
    case 3: b->insert(b->begin() + long(rng->Below(n + 1)), uint8_t(rng->Next())); break;
    default:
      if (n > 1) b->erase(b->begin() + long(rng->Below(n)));
      break;
  }
}

// Every truncation, then `mutations` runs of one to three stacked mutations.
void Exercise(const std::vector<uint8_t>& module, uint64_t seed, int mutations) {
  for (size_t len = 0; len < module.size(); ++len) RunOne(module.data(), len);
  RunOne(module.data(), module.size());
  if (module.empty()) return;
  Rng rng{seed * 0x9e3779b97f4a7c15ull + 1};
  for (int i = 0; i < mutations; ++i) {
    std::vector<uint8_t> m = module;
    int stacked = 1 + int(rng.Below(3));
    for (int k = 0; k < stacked && !m.empty(); ++k) Mutate(&m, &rng);
    RunOne(m.data(), m.size());
  }
}

void test_decoder_mutation__builtin_modules(void** state) {
  (void)state;
  using wasmc_test::Bytes;
  std::vector<Bytes> modules = {
      wasmc_test::FullModule(),
      wasmc_test::Header(),
      Bytes(wasmc_test::Header()).Raw({0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01,
                                       0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b}),
  };
  uint64_t seed = 1;
  for (const Bytes& m : modules) Exercise(m.vec(), seed++, 20000);
}

bool ReadFile(const std::string& path, std::vector<uint8_t>* out) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  uint8_t buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) out->insert(out->end(), buf, buf + n);
  std::fclose(f);
  return true;
}

void test_decoder_mutation__corpus(void** state) {
  (void)state;
  if (g_corpus_dir == nullptr) skip();
  DIR* dir = opendir(g_corpus_dir);
  assert_non_null(dir);
  std::vector<std::string> names;
  while (struct dirent* e = readdir(dir)) {
    std::string name = e->d_name;
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".wasm") == 0) names.push_back(name);
  }
  closedir(dir);
  assert_true(!names.empty());
  uint64_t seed = 1000;
  for (const std::string& name : names) {
    std::vector<uint8_t> bytes;
    assert_true(ReadFile(std::string(g_corpus_dir) + "/" + name, &bytes));
    Exercise(bytes, seed++, bytes.size() > 4096 ? 50 : 500);
  }
  print_message("mutated %zu corpus modules\n", names.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) g_corpus_dir = argv[1];
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_decoder_mutation__builtin_modules),
      cmocka_unit_test(test_decoder_mutation__corpus),
  };
  return cmocka_run_group_tests_name("decoder_mutation", tests, nullptr, nullptr);
}
