// Reads the packets of an upload's audio or video while its bytes arrive, so that its completion
// need not read a large file back from the disk to check that it is whole. For the containers
// whose index does not place every packet (Matroska and WebM, FLV, MPEG, Ogg...): an MP4 or AVI
// is checked by its index (media/stream_facts.h). The demuxer runs on a thread of its own and
// takes each piece from the writer's buffer as it is written; what it found is kept in memory
// only, so after a restart (or a chunk whose bytes were discarded) the file is read at its
// completion as before.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "media/packet_reading.h"

namespace wangju::media {

class StreamingCheck {
  public:
    // Files smaller than this are read at their completion: reading them back costs little.
    static constexpr std::uint64_t min_length = 16 << 20;
    // At most this many checks read at once (a thread each); later uploads are read at completion.
    static constexpr int max_running = 32;
    // A reader given no bytes for this long stops (the upload is read at its completion, if ever).
    static constexpr std::chrono::minutes idle_limit{15};
    // A reader that has not taken the bytes handed over within this is stopped (a file made to
    // keep the demuxer busy), so that the writer goes on; the file is read at its completion.
    static constexpr std::chrono::seconds take_limit{30};

    // A check for a file of `length` bytes whose first bytes are `head`, when one is worth it (a
    // large file whose container the library knows and must read whole); nullptr otherwise.
    static std::unique_ptr<StreamingCheck> start(std::string_view head, std::uint64_t length);
    // Stops the reader and waits for it.
    ~StreamingCheck();
    StreamingCheck(const StreamingCheck&) = delete;
    StreamingCheck& operator=(const StreamingCheck&) = delete;

    // Hands over the file's next bytes; returns once the reader has taken them, or has stopped.
    void feed(std::string_view bytes);
    // How many bytes were handed over.
    std::uint64_t fed() const { return fed_; }
    // Once the whole file was handed over: what the reader found, once it has read to the end;
    // nullopt when it stopped early, or has not finished within `wait` (it is stopped then).
    std::optional<PacketReading> finish(std::chrono::milliseconds wait);

    // How many checks are alive (for the limit).
    static int running() { return running_.load(); }

  private:
    StreamingCheck(std::uint64_t length);
    void read_all();
    int read(std::uint8_t* into, int room);
    static int read(void* opaque, std::uint8_t* into, int room);
    static int interrupted(void* opaque);

    const std::uint64_t length_;
    std::uint64_t fed_ = 0;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::string_view pending_;  // bytes handed over and not taken yet (the writer waits)
    std::uint64_t taken_ = 0;
    std::atomic<bool> stop_{false};
    bool done_ = false;
    std::optional<PacketReading> found_;
    std::thread reader_;
    static std::atomic<int> running_;
};

// The checks of open uploads between their chunks, by upload id. Thread-safe.
class StreamingChecks {
  public:
    // The upload's check, handed over (nullptr when it has none).
    std::unique_ptr<StreamingCheck> take(const std::string& upload_id);
    void keep(const std::string& upload_id, std::unique_ptr<StreamingCheck> check);
    void forget(const std::string& upload_id);

  private:
    std::mutex mutex_;
    std::map<std::string, std::unique_ptr<StreamingCheck>> kept_;
};

}  // namespace wangju::media
