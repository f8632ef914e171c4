// A table uploaded as CSV (UTF-8 or GB18030), read and planned as a unit import and a quota import.
#include <cstddef>
#include <cstdint>

#include "fuzz_input.h"
#include "import_plans.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    wangju::fuzz::plan_imports(wangju::fuzz::as_text(data, size), false);
    return 0;
}
