#include "media/packet_reading.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include <algorithm>
#include <cstdarg>
#include <memory>
#include <mutex>
#include <new>

namespace wangju::media {

namespace {

thread_local std::string* kept_messages = nullptr;
thread_local int message_prefix = 1;

void keep_message(void* context, int level, const char* format, va_list args) {
    if (level > AV_LOG_ERROR || !kept_messages || kept_messages->size() > 300) return;
    char line[512];
    av_log_format_line2(context, level, format, args, line, sizeof line, &message_prefix);
    kept_messages->append(line);
}

struct FreePacket {
    void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};

}  // namespace

bool is_audio_or_video(const AVStream& stream) {
    const auto type = stream.codecpar->codec_type;
    return type == AVMEDIA_TYPE_VIDEO || type == AVMEDIA_TYPE_AUDIO;
}

LibraryMessages::LibraryMessages() {
    static std::once_flag once;
    std::call_once(once, [] { av_log_set_callback(keep_message); });
    kept_messages = &text_;
}

LibraryMessages::~LibraryMessages() {
    kept_messages = nullptr;
}

PacketReading read_packets(AVFormatContext& input) {
    PacketReading reading;
    if (input.iformat) reading.format = input.iformat->name;
    const unsigned streams = input.nb_streams;
    for (unsigned i = 0; i < streams; ++i) {
        AVStream& stream = *input.streams[i];
        PacketReading::Stream found;
        found.time_base_num = stream.time_base.num;
        found.time_base_den = stream.time_base.den;
        found.checked = is_audio_or_video(stream);
        if (!found.checked) stream.discard = AVDISCARD_ALL;
        reading.streams.push_back(found);
    }
    std::unique_ptr<AVPacket, FreePacket> packet(av_packet_alloc());
    if (!packet) throw std::bad_alloc();
    for (;;) {
        const int read = av_read_frame(&input, packet.get());
        if (read == AVERROR_EOF) break;
        if (read == AVERROR(EAGAIN)) continue;
        if (read == AVERROR_EXIT) {
            reading.outcome = PacketReading::Outcome::stopped;
            break;
        }
        if (read < 0) {
            reading.outcome = PacketReading::Outcome::unreadable;
            break;
        }
        const auto index = static_cast<unsigned>(packet->stream_index);
        if (index < streams && reading.streams[index].checked) {
            if (packet->flags & AV_PKT_FLAG_CORRUPT) {
                reading.outcome = PacketReading::Outcome::cut_short;
                av_packet_unref(packet.get());
                break;
            }
            auto& stream = reading.streams[index];
            stream.any_packet = true;
            const std::int64_t at = packet->dts != AV_NOPTS_VALUE ? packet->dts : packet->pts;
            if (at != AV_NOPTS_VALUE) stream.last = std::max(stream.last.value_or(at), at);
        }
        av_packet_unref(packet.get());
    }
    return reading;
}

bool reading_matches(const PacketReading& reading, const AVFormatContext& input) {
    if (!input.iformat || reading.format != input.iformat->name ||
        reading.streams.size() != input.nb_streams)
        return false;
    for (unsigned i = 0; i < input.nb_streams; ++i) {
        const AVStream& stream = *input.streams[i];
        const auto& read = reading.streams[i];
        if (read.time_base_num != stream.time_base.num ||
            read.time_base_den != stream.time_base.den || read.checked != is_audio_or_video(stream))
            return false;
    }
    return true;
}

}  // namespace wangju::media
