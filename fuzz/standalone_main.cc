// standalone_main.cc: a replay driver for the fuzz targets, so that every target also builds with
// any compiler as an ordinary executable (like libgit2's fuzzers/standalone_driver.c).
// Usage: <target>_replay <file-or-directory>...
//        <target>_replay --seeds <first>:<count>
// Runs LLVMFuzzerTestOneInput once per file (directories: every regular file inside, sorted,
// not recursive), or once per seed in [first, first + count): the input is 16..3999 bytes
// (the range of differential/run.py) drawn from splitmix64(seed), so a seed names the same
// input on every machine. A crash or an abort() in the target fails the run; otherwise exit
// status 0.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

bool ReadFile(const std::string& path, std::vector<uint8_t>* out) {
  FILE* f = fopen(path.c_str(), "rb");
  if (!f) return false;
  out->clear();
  uint8_t buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) out->insert(out->end(), buf, buf + n);
  bool ok = !ferror(f);
  fclose(f);
  return ok;
}

void Collect(const std::string& path, std::vector<std::string>* files) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    fprintf(stderr, "replay: cannot stat %s\n", path.c_str());
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    files->push_back(path);
    return;
  }
  DIR* d = opendir(path.c_str());
  if (!d) return;
  std::vector<std::string> names;
  while (struct dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    std::string full = path + "/" + name;
    if (stat(full.c_str(), &st) == 0 && S_ISREG(st.st_mode)) names.push_back(full);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  files->insert(files->end(), names.begin(), names.end());
}

uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

void SeedInput(uint64_t seed, std::vector<uint8_t>* out) {
  uint64_t state = seed;
  size_t size = 16 + SplitMix64(&state) % (4000 - 16);
  out->resize(size);
  for (size_t i = 0; i < size; i += 8) {
    uint64_t r = SplitMix64(&state);
    for (size_t k = 0; k < 8 && i + k < size; ++k) (*out)[i + k] = uint8_t(r >> (8 * k));
  }
}

int RunSeeds(const char* spec) {
  char* end = nullptr;
  uint64_t first = strtoull(spec, &end, 10);
  if (end == spec || *end != ':') return -1;
  const char* count_text = end + 1;
  uint64_t count = strtoull(count_text, &end, 10);
  if (end == count_text || *end != '\0') return -1;
  std::vector<uint8_t> data;
  for (uint64_t seed = first; seed - first < count; ++seed) {
    SeedInput(seed, &data);
    fprintf(stderr, "replay: seed %" PRIu64 " (%zu bytes)\n", seed, data.size());
    LLVMFuzzerTestOneInput(data.data(), data.size());
  }
  fprintf(stderr, "replay: seeds %" PRIu64 "..%" PRIu64 " ok (%" PRIu64 " inputs)\n", first,
          first + count - 1, count);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  if (argc == 3 && std::string(argv[1]) == "--seeds") {
    if (RunSeeds(argv[2]) == 0) return 0;
    fprintf(stderr, "usage: %s --seeds <first>:<count>\n", argv[0]);
    return 2;
  }
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) Collect(argv[i], &files);
  if (files.empty()) {
    fprintf(stderr, "usage: %s <file-or-directory>... (no inputs found)\n", argv[0]);
    return 2;
  }
  std::vector<uint8_t> data;
  for (const std::string& f : files) {
    if (!ReadFile(f, &data)) {
      fprintf(stderr, "replay: cannot read %s\n", f.c_str());
      return 2;
    }
    fprintf(stderr, "replay: %s (%zu bytes)\n", f.c_str(), data.size());
    // A copy on the heap of exactly the input's size, so that ASan sees overreads.
    std::vector<uint8_t> exact(data);
    LLVMFuzzerTestOneInput(exact.empty() ? nullptr : exact.data(), exact.size());
  }
  fprintf(stderr, "replay: %zu inputs ok\n", files.size());
  return 0;
}
