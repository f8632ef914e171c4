// Produces N certificates (default 1,000) as PDF in memory, one after another, and prints the
// time, the time per certificate, the bytes made and the peak resident memory of the process.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "export/certificate_pdf.h"

int main(int argc, char** argv) {
    const int count = argc > 1 ? std::stoi(argv[1]) : 1000;
    wangju::tables::CertificateText text;
    text.title = "荣誉证书";
    text.campaign_name = "网聚职工正能量 争做中国好网民";
    text.track_name = "网络正能量微视频征集";
    text.issuer = "中华全国总工会";
    text.issued_on = "2023年11月20日";
    const auto start = std::chrono::steady_clock::now();
    std::size_t bytes = 0;
    for (int i = 0; i < count; ++i) {
        text.winners = "张伟、李娜" + std::to_string(i);
        text.work_title = "港城蓝领的一天(第" + std::to_string(i) + "号作品)";
        text.tier = i % 3 == 0 ? "一等奖" : i % 3 == 1 ? "二等奖" : "三等奖";
        text.code = "7K3M-Q9TX-2HBD-" + std::to_string(1000 + i % 9000);
        text.verify_url = "https://wj.example.cn/certificates/" + text.code;
        bytes += wangju::tables::certificate_pdf(text).size();
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf(
        "%d certificates: %.2f s (%.1f ms each), %.1f MB of PDF (%.0f KB each), peak RSS %.1f MB\n",
        count, seconds, seconds * 1000 / count, bytes / 1e6, bytes / 1e3 / count,
        usage.ru_maxrss / 1024.0);
}
