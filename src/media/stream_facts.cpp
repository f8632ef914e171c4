#include "media/stream_facts.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
}

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "domain/error.h"
#include "media/durable_file.h"
#include "media/packet_reading.h"

namespace wangju::media {

namespace {

std::string_view kind_word(MediaKind kind) {
    return kind == MediaKind::video ? "视频" : kind == MediaKind::audio ? "音频" : "图片";
}

[[noreturn]] void refuse_damaged(MediaKind kind) {
    throw_invalid(std::string(kind_word(kind)) + "文件已损坏或不完整，无法读取，请检查后重新上传",
                  {{"file", "文件已损坏或不完整"}});
}

[[noreturn]] void refuse_incomplete(MediaKind kind, const std::string& detail) {
    const std::string message =
        fmt::format("{}文件不完整:{},请检查后重新上传", kind_word(kind), detail);
    throw_invalid(message, {{"file", message}});
}

// ---- an open file ----

// Reading stops (AVERROR_EXIT) once this has passed: a file made to keep a demuxer busy cannot
// hold an upload's answer for ever.
struct Deadline {
    std::chrono::steady_clock::time_point at;
};

int past_deadline(void* deadline) {
    return std::chrono::steady_clock::now() > static_cast<Deadline*>(deadline)->at ? 1 : 0;
}

// The file as the library reads it, in blocks read past the page cache (O_DIRECT) into one buffer
// of our own: the file is read once, when its upload completes, and reading it through the cache
// would fill pages no one reads again (media/durable_file.h). Where the file system refuses
// O_DIRECT, through the cache. The library's own file reading would do, but for that.
class FileReader {
  public:
    FileReader(const std::filesystem::path& path, Deadline& deadline) : deadline_(deadline) {
        file_ = FileHandle(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_DIRECT));
        if (!file_) file_ = FileHandle(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (file_) size_ = static_cast<std::int64_t>(file_size(file_.get()));
        block_.reset(static_cast<char*>(std::aligned_alloc(alignment, block_bytes)));
        if (!block_) throw std::bad_alloc();
    }
    bool opened() const { return static_cast<bool>(file_); }
    std::int64_t size() const { return size_; }

    static int read(void* opaque, std::uint8_t* into, int room) {
        return static_cast<FileReader*>(opaque)->read(into, room);
    }
    static std::int64_t seek(void* opaque, std::int64_t offset, int whence) {
        return static_cast<FileReader*>(opaque)->seek(offset, whence);
    }

  private:
    static constexpr std::int64_t alignment = 4096;
    static constexpr std::int64_t block_bytes = 1 << 20;
    struct Free {
        void operator()(char* block) const { std::free(block); }
    };

    int read(std::uint8_t* into, int room) {
        if (past_deadline(&deadline_)) return AVERROR_EXIT;
        if (position_ >= size_) return AVERROR_EOF;
        if (position_ < block_at_ || position_ >= block_at_ + block_length_) {
            const std::int64_t at = position_ / alignment * alignment;
            ssize_t got;
            do {
                got = ::pread(file_.get(), block_.get(), block_bytes, static_cast<off_t>(at));
            } while (got < 0 && errno == EINTR);
            if (got < 0 && errno == EINVAL && !cached_) {
                // A file system that opens with O_DIRECT but cannot read so: through the cache.
                cached_ = true;
                ::fcntl(file_.get(), F_SETFL, ::fcntl(file_.get(), F_GETFL) & ~O_DIRECT);
                return read(into, room);
            }
            if (got < 0) return AVERROR(errno);
            block_at_ = at;
            block_length_ = got;
            if (position_ >= block_at_ + block_length_) return AVERROR_EOF;
        }
        const auto n = std::min<std::int64_t>(room, block_at_ + block_length_ - position_);
        std::memcpy(into, block_.get() + (position_ - block_at_), static_cast<std::size_t>(n));
        position_ += n;
        return static_cast<int>(n);
    }

    std::int64_t seek(std::int64_t offset, int whence) {
        if (whence & AVSEEK_SIZE) return size_;
        std::int64_t to = offset;
        switch (whence & ~AVSEEK_FORCE) {
            case SEEK_SET:
                break;
            case SEEK_CUR:
                to += position_;
                break;
            case SEEK_END:
                to += size_;
                break;
            default:
                return AVERROR(EINVAL);
        }
        if (to < 0) return AVERROR(EINVAL);
        return position_ = to;
    }

    Deadline& deadline_;
    FileHandle file_;
    bool cached_ = false;
    std::int64_t size_ = 0, position_ = 0;
    std::unique_ptr<char, Free> block_;
    std::int64_t block_at_ = 0, block_length_ = 0;
};

// Frees an AVIOContext of ours and its buffer (the library frees neither: AVFMT_FLAG_CUSTOM_IO).
void free_io(AVIOContext* io) {
    if (io) av_freep(&io->buffer);
    avio_context_free(&io);
}

struct CloseInput {
    void operator()(AVFormatContext* input) const {
        AVIOContext* io = input->pb;
        avformat_close_input(&input);
        free_io(io);
    }
};
using Input = std::unique_ptr<AVFormatContext, CloseInput>;

struct FreeCodec {
    void operator()(AVCodecContext* codec) const { avcodec_free_context(&codec); }
};

// Every stream's decoder opens (none is decoded): a header whose codec setup is damaged is
// refused as ffprobe refused it. Streams of codecs the library does not know are left alone.
bool decoders_open(const AVFormatContext& input) {
    for (unsigned i = 0; i < input.nb_streams; ++i) {
        const AVCodecParameters* parameters = input.streams[i]->codecpar;
        const AVCodec* decoder = avcodec_find_decoder(parameters->codec_id);
        if (!decoder) continue;
        std::unique_ptr<AVCodecContext, FreeCodec> codec(avcodec_alloc_context3(decoder));
        if (!codec || avcodec_parameters_to_context(codec.get(), parameters) < 0 ||
            avcodec_open2(codec.get(), decoder, nullptr) < 0)
            return false;
    }
    return true;
}

// The file opened with its streams found, or nullptr when the library cannot read it. `reader`
// and `deadline` must outlive the input.
Input open_input(const std::filesystem::path& path, FileReader& reader, Deadline& deadline) {
    if (!reader.opened()) return nullptr;
    AVFormatContext* context = avformat_alloc_context();
    if (!context) throw std::bad_alloc();
    context->interrupt_callback = {past_deadline, &deadline};
    constexpr int io_bytes = 64 << 10;
    auto* buffer = static_cast<unsigned char*>(av_malloc(io_bytes));
    context->pb = buffer ? avio_alloc_context(buffer, io_bytes, 0, &reader, FileReader::read,
                                              nullptr, FileReader::seek)
                         : nullptr;
    if (!context->pb) {
        av_free(buffer);
        avformat_free_context(context);
        throw std::bad_alloc();
    }
    context->flags |= AVFMT_FLAG_CUSTOM_IO;
    AVIOContext* io = context->pb;
    // The name only hints at the format; the bytes come from `reader`.
    if (avformat_open_input(&context, path.filename().c_str(), nullptr, nullptr) < 0) {
        free_io(io);  // the library freed the context, not our input
        return nullptr;
    }
    Input input(context);
    if (avformat_find_stream_info(context, nullptr) < 0 || !decoders_open(*context)) return nullptr;
    return input;
}

// ---- facts ----

bool is_picture_stream(const AVStream& stream) {
    // Cover art of a song is not a picture.
    return stream.codecpar->codec_type == AVMEDIA_TYPE_VIDEO &&
           (stream.disposition & AV_DISPOSITION_ATTACHED_PIC) == 0;
}

const AVStream* first_stream(const AVFormatContext& input, bool picture) {
    for (unsigned i = 0; i < input.nb_streams; ++i) {
        const AVStream& stream = *input.streams[i];
        if (picture ? is_picture_stream(stream) : stream.codecpar->codec_type == AVMEDIA_TYPE_AUDIO)
            return &stream;
    }
    return nullptr;
}

// Seconds to the microsecond, as ffprobe printed them.
std::optional<double> seconds(std::int64_t value, AVRational unit) {
    if (value == AV_NOPTS_VALUE) return std::nullopt;
    return std::stod(fmt::format("{:.6f}", static_cast<double>(value) * av_q2d(unit)));
}

std::string codec_name(const AVStream& stream) {
    const AVCodecDescriptor* descriptor = avcodec_descriptor_get(stream.codecpar->codec_id);
    return descriptor ? descriptor->name : "unknown";
}

void add_facts(const AVFormatContext& input, MediaFacts& facts) {
    const auto* picture = first_stream(input, true);
    const auto* sound = first_stream(input, false);
    if (facts.kind == MediaKind::video && !picture && sound) facts.kind = MediaKind::audio;
    bool wants_picture = facts.kind != MediaKind::audio;
    if (wants_picture ? !picture : !sound) refuse_damaged(facts.kind);
    if (picture) {
        facts.width = picture->codecpar->width;
        facts.height = picture->codecpar->height;
        if (facts.width <= 0 || facts.height <= 0) refuse_damaged(facts.kind);
    }
    if (facts.kind == MediaKind::image) return;
    if (picture) facts.video_codec = codec_name(*picture);
    if (sound) facts.audio_codec = codec_name(*sound);
    if (facts.kind == MediaKind::audio) facts.width = facts.height = std::nullopt;
    facts.duration_seconds = seconds(input.duration, AV_TIME_BASE_Q);
    if (!facts.duration_seconds && picture)
        facts.duration_seconds = seconds(picture->duration, picture->time_base);
    if (!facts.duration_seconds || *facts.duration_seconds <= 0) refuse_damaged(facts.kind);
}

// ---- completeness ----

// Packets may end a little before the header's duration (the last frame's length, an encoder's
// priming samples); a file cut short loses far more than this.
constexpr double duration_slack_seconds = 0.5;

// What an index says of one stream's packets: whether it can be used, whether a packet it places
// begins within the file but ends past it (a reading would find it cut short), whether one begins
// past the end (a reading would end before it), and where the last packet within the file
// begins, in microseconds from the start.
struct IndexedPackets {
    bool usable = true;
    bool cut_short = false;
    bool past_end = false;
    std::optional<std::int64_t> reached;
};

// `header_bytes`: what the container puts before each packet's bytes at the indexed place.
IndexedPackets read_index(AVStream& stream, std::int64_t file_size, std::int64_t header_bytes,
                          std::int64_t start) {
    IndexedPackets packets;
    const int entries = avformat_index_get_entries_count(&stream);
    for (int e = 0; e < entries; ++e) {
        const AVIndexEntry* entry = avformat_index_get_entry(&stream, e);
        if (!entry || entry->pos < 0 || entry->size < 0) {
            packets.usable = false;
            return packets;
        }
        if (entry->pos >= file_size) {
            packets.past_end = true;
            continue;
        }
        if (entry->pos + header_bytes + entry->size > file_size) packets.cut_short = true;
        if (entry->timestamp == AV_NOPTS_VALUE) continue;
        const auto from_start =
            av_rescale_q(entry->timestamp, stream.time_base, AV_TIME_BASE_Q) - start;
        packets.reached = std::max(packets.reached.value_or(from_start), from_start);
    }
    return packets;
}

// Where the packets of an MP4 (or QuickTime, 3GP) go, in microseconds from the start, as its index
// tells without reading them; nullopt when the index cannot tell. Such a file's index gives the
// place, size and time of every sample, and reading a sample only reads those bytes, so the
// packets a reading would find whole are the samples that lie wholly within the file; a sample
// that begins past the end is where a reading would end. A large video is then checked without
// reading its samples back from the disk. The index can tell when the demuxer
// read it whole: each checked stream has as many entries as its header counts samples (a
// fragmented file, whose samples are indexed only as its fragments are read, or one whose edit
// list made the demuxer add or drop entries, is read).
std::optional<std::optional<std::int64_t>> reached_by_mp4_index(AVFormatContext& input,
                                                                std::int64_t file_size,
                                                                MediaKind kind,
                                                                std::int64_t start) {
    for (unsigned i = 0; i < input.nb_streams; ++i) {
        const AVStream& stream = *input.streams[i];
        if (!is_audio_or_video(stream)) continue;
        const int entries = avformat_index_get_entries_count(&stream);
        if (entries <= 0 || stream.nb_frames != entries) return std::nullopt;
    }
    std::optional<std::int64_t> reached;
    for (unsigned i = 0; i < input.nb_streams; ++i) {
        AVStream& stream = *input.streams[i];
        if (!is_audio_or_video(stream)) continue;
        const auto packets = read_index(stream, file_size, 0, start);
        if (!packets.usable) return std::nullopt;
        if (packets.cut_short) refuse_incomplete(kind, "部分数据已损坏或缺失");
        if (packets.reached)
            reached = std::max(reached.value_or(*packets.reached), *packets.reached);
    }
    return reached;
}

// The same for an AVI, whose index (the idx1 table at its end, or the OpenDML tables it points to
// from its header) gives the place of every chunk: an 8-byte chunk header, then the packet. The
// demuxer indexes a stream only from those tables (reading the packets adds none), so the index
// is whole when each video stream's last entry is its header's last frame. An AVI copied or
// exported cut off has lost the idx1 table at its end and is read, as is one whose index places a
// chunk past the end. A sound stream's entries count bytes or blocks, not its time base, so the
// video tells how far the packets reach; where that falls short of the header's duration (a
// sound longer than the picture), the file is read.
std::optional<std::optional<std::int64_t>> reached_by_avi_index(AVFormatContext& input,
                                                                std::int64_t file_size,
                                                                const MediaFacts& facts,
                                                                std::int64_t start) {
    constexpr std::int64_t chunk_header_bytes = 8;
    std::optional<std::int64_t> reached;
    bool any_picture = false;
    for (unsigned i = 0; i < input.nb_streams; ++i) {
        AVStream& stream = *input.streams[i];
        if (!is_audio_or_video(stream)) continue;
        const int entries = avformat_index_get_entries_count(&stream);
        if (entries <= 0) return std::nullopt;
        const auto packets = read_index(stream, file_size, chunk_header_bytes, start);
        if (!packets.usable || packets.cut_short || packets.past_end) return std::nullopt;
        if (!is_picture_stream(stream)) continue;
        const AVIndexEntry* last = avformat_index_get_entry(&stream, entries - 1);
        if (!last || stream.nb_frames <= 0 || last->timestamp + 1 < stream.nb_frames)
            return std::nullopt;
        any_picture = true;
        if (packets.reached)
            reached = std::max(reached.value_or(*packets.reached), *packets.reached);
    }
    if (!any_picture || !reached || !facts.duration_seconds ||
        static_cast<double>(*reached) / AV_TIME_BASE + duration_slack_seconds <
            *facts.duration_seconds)
        return std::nullopt;
    return reached;
}

// Where the packets go as the file's index tells, for the containers whose index places every
// packet; nullopt where it cannot tell, and the packets are read.
std::optional<std::optional<std::int64_t>> reached_by_index(AVFormatContext& input,
                                                            std::int64_t file_size,
                                                            const MediaFacts& facts,
                                                            std::int64_t start) {
    if (!input.iformat) return std::nullopt;
    const std::string_view format = input.iformat->name;
    if (format.starts_with("mov,"))
        return reached_by_mp4_index(input, file_size, facts.kind, start);
    if (format == "avi") return reached_by_avi_index(input, file_size, facts, start);
    return std::nullopt;
}

// A header can be whole while the data behind it is not: an export or copy cut off leaves an MP4
// whose index (at the front) still promises every sample, or a Matroska file whose header says
// its full length. Every packet of the audio and video is read, none decoded (what ffmpeg -xerror
// copying to its null muxer did, at the speed of reading the file); the first packet that cannot
// be read or comes cut short (the demuxer marks it corrupt) refuses the file; an MP4 or AVI whose
// index the demuxer read whole is checked by the index alone (reached_by_index), and a file whose
// packets were read while it was received (`received`, when it matches) is not read again. A
// file cut exactly between two packets reads cleanly but ends early, so where the last packet is
// (from the file's start) is compared with the duration the header gives.
void check_complete(AVFormatContext& input, std::int64_t file_size, Deadline& deadline,
                    const MediaFacts& facts, const std::string& path,
                    const LibraryMessages& messages, const PacketReading* received) {
    if (facts.kind != MediaKind::video && facts.kind != MediaKind::audio) return;
    deadline.at = std::chrono::steady_clock::now() + std::chrono::seconds(300);
    const std::int64_t start = input.start_time == AV_NOPTS_VALUE ? 0 : input.start_time;
    // How far the packets went, in microseconds from the start: none read is none at all.
    std::optional<std::int64_t> reached;
    bool any_packet = false;
    if (const auto indexed = reached_by_index(input, file_size, facts, start)) {
        reached = *indexed;
        any_packet = reached.has_value();
    } else {
        const bool use_received = received && reading_matches(*received, input);
        const PacketReading reading = use_received ? *received : read_packets(input);
        using Outcome = PacketReading::Outcome;
        if (reading.outcome == Outcome::stopped) refuse_incomplete(facts.kind, "检查文件内容超时");
        if (reading.outcome != Outcome::whole) {
            spdlog::info("damaged packets in {} ({}{}): {}", path,
                         reading.outcome == Outcome::unreadable ? "unreadable" : "cut short",
                         use_received ? ", found as it was received" : "",
                         use_received ? received->messages : messages.text());
            refuse_incomplete(facts.kind, "部分数据已损坏或缺失");
        }
        for (const auto& stream : reading.streams) {
            if (!stream.checked || !stream.any_packet) continue;
            any_packet = true;
            if (!stream.last) continue;
            const auto from_start =
                av_rescale_q(*stream.last, {stream.time_base_num, stream.time_base_den},
                             AV_TIME_BASE_Q) -
                start;
            reached = std::max(reached.value_or(from_start), from_start);
        }
    }
    if (!any_packet) reached = 0;
    const double reached_seconds = static_cast<double>(reached.value_or(0)) / AV_TIME_BASE;
    if (facts.duration_seconds && reached &&
        reached_seconds + duration_slack_seconds < *facts.duration_seconds) {
        refuse_incomplete(facts.kind,
                          fmt::format("文件头标明时长 {:.1f} 秒,实际只有 {:.1f} 秒的数据",
                                      *facts.duration_seconds, reached_seconds));
    }
}

}  // namespace

void add_stream_facts(const std::filesystem::path& path, MediaFacts& facts,
                      const PacketReading* received) {
    LibraryMessages messages;
    Deadline deadline{std::chrono::steady_clock::now() + std::chrono::seconds(60)};
    FileReader reader(path, deadline);
    auto input = open_input(path, reader, deadline);
    if (!input) {
        spdlog::info("cannot read the streams of {}: {}", path.string(), messages.text());
        refuse_damaged(facts.kind);
    }
    add_facts(*input, facts);
    check_complete(*input, reader.size(), deadline, facts, path.string(), messages, received);
}

}  // namespace wangju::media
