// What reading every packet of a file's audio and video found, stream by stream: gathered from
// the stored file when its upload completes, or while the upload's bytes arrive
// (media/streaming_check.h), so that the file need not be read again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct AVFormatContext;
struct AVStream;

namespace wangju::media {

struct PacketReading {
    struct Stream {
        int time_base_num = 0;
        int time_base_den = 0;
        bool checked = false;  // audio or video (others are skipped, not read)
        bool any_packet = false;
        // The latest time (dts, else pts) of its packets, in its time base.
        std::optional<std::int64_t> last;
    };
    enum class Outcome {
        whole,       // read to the end
        unreadable,  // the demuxer failed before the end
        cut_short,   // a packet of a checked stream came cut short (the demuxer marks it corrupt)
        stopped,     // the reading was interrupted (its deadline, or its reader stopped)
    };
    std::string format;    // the demuxer's name
    std::string messages;  // the errors the library reported while reading, for the log
    // The streams found before reading (streams that appear while reading are not checked).
    std::vector<Stream> streams;
    Outcome outcome = Outcome::whole;
};

// Holds the errors the library reports on this thread while it lives (nothing is printed).
class LibraryMessages {
  public:
    LibraryMessages();
    ~LibraryMessages();
    LibraryMessages(const LibraryMessages&) = delete;
    LibraryMessages& operator=(const LibraryMessages&) = delete;
    const std::string& text() const { return text_; }

  private:
    std::string text_;
};

// The streams whose packets are checked: audio and video.
bool is_audio_or_video(const AVStream& stream);

// Reads every packet of `input` (opened, its streams found), decoding none, and stops at the
// first that cannot be read or comes cut short. Streams other than audio and video are discarded.
PacketReading read_packets(AVFormatContext& input);

// Whether `reading` was made of a file that `input` opens the same way: the same demuxer, the same
// streams in the same time bases.
bool reading_matches(const PacketReading& reading, const AVFormatContext& input);

}  // namespace wangju::media
