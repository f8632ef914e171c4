// Writes the activity statistics table (附件3) with N rows as XLSX and as CSV, each in a child
// process of its own so that its peak resident memory is measured alone, and prints the seconds,
// the peak RSS and the file size of each. CPU seconds are printed too: on a busy machine they
// say more than the wall-clock time.
// Usage: tables_export_bench [ROWS] [DIRECTORY]   (default 100000 rows, a temporary directory)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "export/official_tables.h"

namespace {

using namespace wangju::tables;
namespace fs = std::filesystem;

const std::vector<std::string> units = {"泰达街道总工会", "新河街道总工会", "新港街道总工会",
                                        "滨海新区教育系统工会", "中新天津生态城总工会",
                                        "天津港保税区总工会"};
const std::vector<std::string> forms = {"知识竞赛", "主题演讲", "公益活动",
                                        "志愿服务", "集中宣传", "文艺展演"};

ActivityLine line_for(long long i) {
    const auto pick = [i](const std::vector<std::string>& from) { return from[i % from.size()]; };
    const int day = 1 + static_cast<int>(i % 28);
    const int month = 6 + static_cast<int>(i % 3);
    char date[16];
    std::snprintf(date, sizeof date, "2023-%02d-%02d", month, day);
    return {pick(units),
            "“争做中国好网民”" + pick(forms) + "第" + std::to_string(i) + "场",
            date,
            "职工之家" + std::to_string(i % 50) + "号活动室",
            pick(forms),
            "网络安全知识宣传与个人信息保护",
            20 + i % 300,
            i % 20,
            "微信公众号 https://mp.weixin.qq.com/s/" + std::to_string(1000000 + i),
            100 + (i * 37) % 10000,
            i % 10 == 0 ? "补报" : ""};
}

void write_table(const fs::path& path, TableFormat format, long long rows) {
    OfficialTableHeader header = activity_table({});
    header.unit_name = "天津市滨海新区总工会";
    header.date = "2023-08-05";
    auto writer = OfficialTableWriter::open(path, format, header);
    for (long long i = 1; i <= rows; ++i) writer->add_row(activity_row(i, line_for(i)));
    writer->finish();
}

// Runs the write in a child; prints seconds, the child's peak RSS and the file size.
bool measure(const char* label, const fs::path& path, TableFormat format, long long rows) {
    const auto start = std::chrono::steady_clock::now();
    const pid_t child = fork();
    if (child == 0) {
        try {
            write_table(path, format, rows);
            std::_Exit(0);
        } catch (const std::exception& e) {
            std::cerr << label << ": " << e.what() << "\n";
            std::_Exit(1);
        }
    }
    int status = 0;
    rusage usage{};
    if (child < 0 || wait4(child, &status, 0, &usage) != child) return false;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return false;
    const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                       static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    std::printf("%-5s %lld rows: %.2f s (CPU %.2f s), peak RSS %.1f MB, file %.1f MB\n", label,
                rows, seconds, cpu,
                static_cast<double>(usage.ru_maxrss) / 1024.0,
                static_cast<double>(fs::file_size(path)) / (1024.0 * 1024.0));
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    const long long rows = argc > 1 ? std::atoll(argv[1]) : 100000;
    const bool temporary = argc <= 2;
    const fs::path dir = temporary ? fs::temp_directory_path() /
                                         ("wangju-tables-bench-" + std::to_string(::getpid()))
                                   : fs::path(argv[2]);
    fs::create_directories(dir);
    const bool ok = measure("XLSX", dir / "activity.xlsx", TableFormat::xlsx, rows) &&
                    measure("CSV", dir / "activity.csv", TableFormat::csv, rows);
    if (temporary) fs::remove_all(dir);
    return ok ? 0 : 1;
}
