#include "support/sample_letter.h"

namespace wangju::testing {

nlohmann::json sample_letter(const std::string& unit) {
    return {{"unit", unit},
            {"writer_name", "李明"},
            {"phone", "13820001234"},
            {"address", "第三大街 18 号"},
            {"workplace", "泰达汽车零部件有限公司"},
            {"category", "rights"},
            {"title", "加班费未足额发放"},
            {"body", "今年七月和八月的周末加班,公司只按平时工资发放加班费。"},
            {"may_publish", true}};
}

}  // namespace wangju::testing
