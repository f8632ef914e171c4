#include "media/streaming_check.h"

extern "C" {
#include <libavformat/avformat.h>
}

#include <algorithm>
#include <cstring>
#include <string_view>
#include <system_error>
#include <vector>

#include <spdlog/spdlog.h>

namespace wangju::media {

std::atomic<int> StreamingCheck::running_{0};

namespace {

// Containers checked by their index, and pictures: nothing to read while they arrive.
bool read_at_completion_anyway(std::string_view format) {
    return format.starts_with("mov,") || format == "avi" || format == "image2" ||
           format.ends_with("_pipe");
}

// The demuxer the library would choose for a file that begins with `head`, when it is sure.
const AVInputFormat* format_of(std::string_view head) {
    std::vector<unsigned char> padded(head.size() + AVPROBE_PADDING_SIZE, 0);
    std::memcpy(padded.data(), head.data(), head.size());
    AVProbeData probe{};
    probe.filename = "";
    probe.buf = padded.data();
    probe.buf_size = static_cast<int>(head.size());
    int score = 0;
    const AVInputFormat* format = av_probe_input_format3(&probe, 1, &score);
    return format && score >= AVPROBE_SCORE_MAX / 4 ? format : nullptr;
}

}  // namespace

std::unique_ptr<StreamingCheck> StreamingCheck::start(std::string_view head, std::uint64_t length) {
    if (length < min_length || head.empty() || running_.load() >= max_running) return nullptr;
    const AVInputFormat* format = format_of(head);
    if (!format || read_at_completion_anyway(format->name)) return nullptr;
    std::unique_ptr<StreamingCheck> check(new StreamingCheck(length));
    try {
        check->reader_ = std::thread([raw = check.get()] { raw->read_all(); });
    } catch (const std::system_error& failure) {
        // No thread to be had: the file is read at its completion; the upload goes on.
        spdlog::warn("cannot start reading an upload as it arrives: {}", failure.what());
        return nullptr;
    }
    return check;
}

StreamingCheck::StreamingCheck(std::uint64_t length) : length_(length) {
    ++running_;
}

StreamingCheck::~StreamingCheck() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    if (reader_.joinable()) reader_.join();
    --running_;
}

void StreamingCheck::feed(std::string_view bytes) {
    fed_ += bytes.size();
    std::unique_lock lock(mutex_);
    if (done_ || stop_ || bytes.empty()) return;
    pending_ = bytes;
    changed_.notify_all();
    if (!changed_.wait_for(lock, take_limit, [&] { return pending_.empty() || done_; }))
        stop_ = true;
    pending_ = {};
}

std::optional<PacketReading> StreamingCheck::finish(std::chrono::milliseconds wait) {
    {
        // With the whole file taken, the reader reaches its end and stops by itself.
        std::unique_lock lock(mutex_);
        if (fed_ != length_ || !changed_.wait_for(lock, wait, [&] { return done_; })) stop_ = true;
    }
    changed_.notify_all();
    if (reader_.joinable()) reader_.join();
    std::lock_guard lock(mutex_);
    if (!found_) return std::nullopt;
    return std::move(*found_);
}

int StreamingCheck::read(void* opaque, std::uint8_t* into, int room) {
    return static_cast<StreamingCheck*>(opaque)->read(into, room);
}

int StreamingCheck::interrupted(void* opaque) {
    return static_cast<StreamingCheck*>(opaque)->stop_.load() ? 1 : 0;
}

int StreamingCheck::read(std::uint8_t* into, int room) {
    std::unique_lock lock(mutex_);
    const bool ready = changed_.wait_for(
        lock, idle_limit, [&] { return stop_ || !pending_.empty() || taken_ == length_; });
    if (!ready || stop_) return AVERROR_EXIT;
    if (pending_.empty()) return AVERROR_EOF;  // the whole file was taken
    const auto n = std::min<std::size_t>(static_cast<std::size_t>(room), pending_.size());
    std::memcpy(into, pending_.data(), n);
    pending_.remove_prefix(n);
    taken_ += n;
    if (pending_.empty()) changed_.notify_all();
    return static_cast<int>(n);
}

void StreamingCheck::read_all() {
    std::optional<PacketReading> found;
    try {
        LibraryMessages messages;
        AVFormatContext* context = avformat_alloc_context();
        constexpr int io_bytes = 64 << 10;
        auto* buffer = static_cast<unsigned char*>(av_malloc(io_bytes));
        AVIOContext* io =
            buffer ? avio_alloc_context(buffer, io_bytes, 0, this, read, nullptr, nullptr)
                   : nullptr;
        if (!io) av_free(buffer);
        if (context && io) {
            // No seek: the demuxer reads the bytes once, in order, as they arrive.
            context->pb = io;
            context->flags |= AVFMT_FLAG_CUSTOM_IO;
            context->interrupt_callback = {interrupted, this};
            // Whether it opens or not, the library frees the context (not our input).
            if (avformat_open_input(&context, nullptr, nullptr, nullptr) == 0) {
                if (avformat_find_stream_info(context, nullptr) >= 0) {
                    auto reading = read_packets(*context);
                    reading.messages = messages.text();
                    if (reading.outcome != PacketReading::Outcome::stopped)
                        found = std::move(reading);
                }
                avformat_close_input(&context);
            }
        }
        avformat_free_context(context);  // only when it was never opened
        if (io) av_freep(&io->buffer);
        avio_context_free(&io);
    } catch (const std::exception& failure) {
        spdlog::warn("reading an upload's packets as they arrived failed: {}", failure.what());
    }
    std::lock_guard lock(mutex_);
    found_ = std::move(found);
    done_ = true;
    changed_.notify_all();
}

// ---- StreamingChecks ----

std::unique_ptr<StreamingCheck> StreamingChecks::take(const std::string& upload_id) {
    std::lock_guard lock(mutex_);
    auto found = kept_.find(upload_id);
    if (found == kept_.end()) return nullptr;
    auto check = std::move(found->second);
    kept_.erase(found);
    return check;
}

void StreamingChecks::keep(const std::string& upload_id, std::unique_ptr<StreamingCheck> check) {
    if (!check) return;
    std::lock_guard lock(mutex_);
    kept_[upload_id] = std::move(check);
}

void StreamingChecks::forget(const std::string& upload_id) {
    std::unique_ptr<StreamingCheck> gone;  // stopped outside the lock
    std::lock_guard lock(mutex_);
    auto found = kept_.find(upload_id);
    if (found == kept_.end()) return;
    gone = std::move(found->second);
    kept_.erase(found);
}

}  // namespace wangju::media
