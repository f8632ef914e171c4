// A table uploaded as XLSX, read and planned as a unit import and a quota import. Mutating the
// compressed bytes of a workbook rarely yields a ZIP whose parts still inflate, so the mutator
// opens the workbook, mutates one part's XML (or the ZIP itself, now and then) and packs it again.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "fuzz_input.h"
#include "import_plans.h"

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

namespace {

using Parts = std::vector<std::pair<std::string, std::string>>;

struct ZipCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};

std::optional<Parts> unpack(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) return std::nullopt;
    std::unique_ptr<zip_t, ZipCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
    if (!archive) {
        zip_source_free(source);
        return std::nullopt;
    }
    Parts parts;
    for (zip_int64_t i = 0; i < zip_get_num_entries(archive.get(), 0); ++i) {
        zip_stat_t stat;
        if (zip_stat_index(archive.get(), i, 0, &stat) != 0 || stat.size > 1024 * 1024)
            return std::nullopt;
        zip_file_t* file = zip_fopen_index(archive.get(), i, 0);
        if (file == nullptr) return std::nullopt;
        std::string content(stat.size, '\0');
        const auto read = zip_fread(file, content.data(), content.size());
        zip_fclose(file);
        if (read != static_cast<zip_int64_t>(content.size())) return std::nullopt;
        parts.emplace_back(stat.name, std::move(content));
    }
    return parts;
}

std::string pack(const Parts& parts) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* target = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_source_keep(target);
    zip_t* archive = zip_open_from_source(target, ZIP_TRUNCATE, &error);
    for (const auto& [name, content] : parts) {
        zip_source_t* part = zip_source_buffer(archive, content.data(), content.size(), 0);
        if (zip_file_add(archive, name.c_str(), part, ZIP_FL_ENC_UTF_8) < 0) zip_source_free(part);
    }
    std::string bytes;
    if (zip_close(archive) == 0 && zip_source_open(target) == 0) {
        char buffer[4096];
        zip_int64_t got;
        while ((got = zip_source_read(target, buffer, sizeof buffer)) > 0)
            bytes.append(buffer, static_cast<std::size_t>(got));
        zip_source_close(target);
    } else {
        zip_discard(archive);
    }
    zip_source_free(target);
    return bytes;
}

}  // namespace

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size,
                                               std::size_t max_size, unsigned int seed) {
    std::minstd_rand random(seed);
    auto parts = unpack(wangju::fuzz::as_text(data, size));
    if (!parts || parts->empty() || random() % 16 == 0)
        return LLVMFuzzerMutate(data, size, max_size);
    auto& content = (*parts)[random() % parts->size()].second;
    const auto room = content.size() + 256;
    content.resize(room);
    content.resize(
        LLVMFuzzerMutate(reinterpret_cast<std::uint8_t*>(content.data()), room - 256, room));
    const auto bytes = pack(*parts);
    if (bytes.empty() || bytes.size() > max_size) return LLVMFuzzerMutate(data, size, max_size);
    std::memcpy(data, bytes.data(), bytes.size());
    return bytes.size();
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    wangju::fuzz::plan_imports(wangju::fuzz::as_text(data, size), true);
    return 0;
}
