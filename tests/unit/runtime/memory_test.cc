// Tests for runtime/memory: consumes MemoryTypes in both bounds modes, checks creation, grow
// results, limits, zero-fill, the guard registry and that creation reserves without committing.
#include "runtime/memory.h"

#include <memory>

#include "runtime_test.h"

namespace {

using wasmc::BoundsMode;
using wasmc::LinearMemory;
using wasmc::MemoryType;

MemoryType Type(uint64_t min, bool has_max, uint64_t max) {
  MemoryType t;
  t.limits.min = min;
  t.limits.has_max = has_max;
  t.limits.max = max;
  return t;
}

std::unique_ptr<LinearMemory> MustCreate(const MemoryType& t, BoundsMode mode,
                                         uint64_t limit = wasmc::kMaxPages) {
  auto r = LinearMemory::Create(t, mode, limit);
  assert_true(r.ok());
  return r.take();
}

void CheckCreateAndGrow(BoundsMode mode) {
  auto mem = MustCreate(Type(1, true, 3), mode);
  assert_non_null(mem->base());
  assert_int_equal(mem->pages(), 1);
  assert_int_equal(mem->def()->length, wasmc::kPageSize);
  assert_ptr_equal(mem->def()->base, mem->base());
  assert_int_equal(mem->base()[0], 0);
  assert_int_equal(mem->base()[wasmc::kPageSize - 1], 0);
  mem->base()[123] = 7;
  uint8_t* base = mem->base();
  assert_int_equal(mem->Grow(0), 1);
  assert_int_equal(mem->Grow(2), 1);
  assert_int_equal(mem->pages(), 3);
  assert_ptr_equal(mem->base(), base);  // the base never moves
  assert_int_equal(mem->base()[123], 7);
  assert_int_equal(mem->base()[3 * wasmc::kPageSize - 1], 0);  // new pages read as zero
  mem->base()[3 * wasmc::kPageSize - 1] = 1;
  assert_int_equal(mem->Grow(1), -1);  // past the declared maximum
  assert_int_equal(mem->pages(), 3);
  assert_int_equal(mem->Grow(UINT64_MAX), -1);
}

void test_runtime_memory__create_grow_guard(void**) {
  CheckCreateAndGrow(BoundsMode::kGuardPages);
}
void test_runtime_memory__create_grow_explicit(void**) {
  CheckCreateAndGrow(BoundsMode::kExplicit);
}

void CheckSpecMaximum(BoundsMode mode) {
  auto mem = MustCreate(Type(0, false, 0), mode);
  assert_int_equal(mem->pages(), 0);
  assert_int_equal(mem->Grow(65537), -1);
  assert_int_equal(mem->Grow(65536), 0);  // 4 GiB: committed, never touched
  assert_int_equal(mem->def()->length, uint64_t{1} << 32);
  assert_int_equal(mem->Grow(1), -1);
  assert_int_equal(mem->Grow(0), 65536);
  mem->base()[(uint64_t{1} << 32) - 1] = 9;
}

void test_runtime_memory__spec_maximum_guard(void**) { CheckSpecMaximum(BoundsMode::kGuardPages); }
void test_runtime_memory__spec_maximum_explicit(void**) { CheckSpecMaximum(BoundsMode::kExplicit); }

void test_runtime_memory__configured_limit(void**) {
  for (BoundsMode mode : {BoundsMode::kGuardPages, BoundsMode::kExplicit}) {
    auto mem = MustCreate(Type(1, false, 0), mode, 4);
    assert_int_equal(mem->Grow(3), 1);
    assert_int_equal(mem->Grow(1), -1);
    auto too_big = LinearMemory::Create(Type(5, false, 0), mode, 4);
    assert_false(too_big.ok());
    assert_int_equal(static_cast<int>(too_big.status().kind()),
                     static_cast<int>(wasmc::ErrorKind::kResource));
  }
}

void test_runtime_memory__invalid_limits(void**) {
  auto r = LinearMemory::Create(Type(2, true, 1), BoundsMode::kGuardPages);
  assert_false(r.ok());
  auto r2 = LinearMemory::Create(Type(65537, false, 0), BoundsMode::kExplicit);
  assert_false(r2.ok());
}

void test_runtime_memory__zero_maximum(void**) {
  for (BoundsMode mode : {BoundsMode::kGuardPages, BoundsMode::kExplicit}) {
    auto mem = MustCreate(Type(0, true, 0), mode);
    assert_non_null(mem->base());
    assert_int_equal(mem->Grow(0), 0);
    assert_int_equal(mem->Grow(1), -1);
  }
}

void test_runtime_memory__guard_registry(void**) {
  uintptr_t base;
  {
    auto mem = MustCreate(Type(1, false, 0), BoundsMode::kGuardPages);
    base = reinterpret_cast<uintptr_t>(mem->base());
    assert_true(wasmc::IsInGuardReservation(base));
    assert_true(wasmc::IsInGuardReservation(base + (uint64_t{5} << 30)));
    assert_true(wasmc::IsInGuardReservation(base + wasmc::kGuardReservationBytes - 1));
    assert_false(wasmc::IsInGuardReservation(base - 1));
    auto explicit_mem = MustCreate(Type(1, false, 0), BoundsMode::kExplicit);
    assert_false(
        wasmc::IsInGuardReservation(reinterpret_cast<uintptr_t>(explicit_mem->base())));
  }
  assert_false(wasmc::IsInGuardReservation(base));
}

// Reserve, don't touch: a 1-page memory with a 65536-page maximum costs address space only.
void test_runtime_memory__reserve_only_rss(void**) {
  for (BoundsMode mode : {BoundsMode::kGuardPages, BoundsMode::kExplicit}) {
    uint64_t before = wasmc_test::ResidentBytes();
    std::unique_ptr<LinearMemory> mems[8];
    for (auto& m : mems) m = MustCreate(Type(1, true, 65536), mode);
    uint64_t after = wasmc_test::ResidentBytes();
    assert_true(before != 0);
    assert_true(after < before + (1u << 20));
  }
}

void test_runtime_memory__many_memories(void**) {
  // 64 guard memories = 512 GiB of address space; all registered, all released.
  std::unique_ptr<LinearMemory> mems[64];
  for (auto& m : mems) m = MustCreate(Type(1, false, 0), BoundsMode::kGuardPages);
  for (auto& m : mems) {
    assert_true(wasmc::IsInGuardReservation(reinterpret_cast<uintptr_t>(m->base()) + 1));
  }
}

}  // namespace

namespace wasmc_test {

int RunMemoryTests() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_runtime_memory__create_grow_guard),
      cmocka_unit_test(test_runtime_memory__create_grow_explicit),
      cmocka_unit_test(test_runtime_memory__spec_maximum_guard),
      cmocka_unit_test(test_runtime_memory__spec_maximum_explicit),
      cmocka_unit_test(test_runtime_memory__configured_limit),
      cmocka_unit_test(test_runtime_memory__invalid_limits),
      cmocka_unit_test(test_runtime_memory__zero_maximum),
      cmocka_unit_test(test_runtime_memory__guard_registry),
      cmocka_unit_test(test_runtime_memory__reserve_only_rss),
      cmocka_unit_test(test_runtime_memory__many_memories),
  };
  return cmocka_run_group_tests_name("runtime_memory", tests, nullptr, nullptr);
}

}  // namespace wasmc_test
