// Debian packages no C++ multipart parser that fits (the server's Beast has none), and the format
// as browsers send it is small: a boundary line, a few headers, the bytes, repeated. So it is
// parsed here, strictly, over a body that is already in memory and bounded by the route.
#include "web/multipart_form.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "domain/error.h"

namespace wangju::web {
namespace {

[[noreturn]] void malformed(const char* what) {
    throw_invalid(std::string("上传的表单格式不正确:") + what);
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The parameters of a header value: `form-data; name="a"; filename="b.csv"` -> {name: a, ...}.
// Quoted strings may hold ';' and backslash escapes.
std::map<std::string, std::string> header_parameters(std::string_view value) {
    std::map<std::string, std::string> params;
    std::size_t i = value.find(';');
    while (i != std::string_view::npos && i < value.size()) {
        ++i;
        while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
        auto eq = value.find('=', i);
        if (eq == std::string_view::npos) break;
        std::string key = lower(trim(value.substr(i, eq - i)));
        std::string val;
        i = eq + 1;
        if (i < value.size() && value[i] == '"') {
            ++i;
            bool closed = false;
            while (i < value.size()) {
                char c = value[i++];
                if (c == '\\' && i < value.size()) {
                    val += value[i++];
                } else if (c == '"') {
                    closed = true;
                    break;
                } else {
                    val += c;
                }
            }
            if (!closed) malformed("引号未闭合");
            i = value.find(';', i);
        } else {
            auto end = value.find(';', i);
            val = std::string(trim(value.substr(i, end == std::string_view::npos ? end : end - i)));
            i = end;
        }
        params[key] = val;
    }
    return params;
}

std::string boundary_of(std::string_view content_type) {
    auto semicolon = content_type.find(';');
    auto type = lower(trim(content_type.substr(0, semicolon)));
    if (type != "multipart/form-data") {
        throw_invalid("请通过页面上的表单上传文件", {{"file", "请求不是multipart/form-data格式"}});
    }
    auto params = header_parameters(content_type);
    auto it = params.find("boundary");
    if (it == params.end() || it->second.empty() || it->second.size() > 70) {
        malformed("缺少分隔符");
    }
    return it->second;
}

struct PartHeaders {
    std::string name;
    std::optional<std::string> filename;
    std::string content_type;
};

PartHeaders parse_part_headers(std::string_view block) {
    PartHeaders headers;
    bool has_disposition = false;
    std::size_t start = 0;
    while (start < block.size()) {
        auto end = block.find("\r\n", start);
        if (end == std::string_view::npos) end = block.size();
        auto line = block.substr(start, end - start);
        start = end + 2;
        auto colon = line.find(':');
        if (colon == std::string_view::npos) malformed("头部缺少冒号");
        auto name = lower(trim(line.substr(0, colon)));
        auto value = trim(line.substr(colon + 1));
        if (name == "content-disposition") {
            auto kind = lower(trim(value.substr(0, value.find(';'))));
            if (kind != "form-data") malformed("不是form-data部分");
            auto params = header_parameters(value);
            auto n = params.find("name");
            if (n == params.end()) malformed("部分缺少名称");
            headers.name = n->second;
            if (auto f = params.find("filename"); f != params.end()) headers.filename = f->second;
            has_disposition = true;
        } else if (name == "content-type") {
            headers.content_type = std::string(value);
        }
    }
    if (!has_disposition) malformed("部分缺少Content-Disposition");
    return headers;
}

// Browsers may send a full path ("C:\\fakepath\\a.csv"); only the last component is kept.
std::string base_name(std::string_view filename) {
    auto slash = filename.find_last_of("/\\");
    return std::string(slash == std::string_view::npos ? filename : filename.substr(slash + 1));
}

}  // namespace

MultipartForm parse_multipart(std::string_view content_type_header, std::string_view body,
                              const MultipartLimits& limits) {
    const std::string delimiter = "--" + boundary_of(content_type_header);
    const std::string separator = "\r\n" + delimiter;
    MultipartForm form;

    // The preamble before the first delimiter is ignored, as RFC 2046 asks.
    std::size_t pos;
    if (body.starts_with(delimiter)) {
        pos = delimiter.size();
    } else {
        auto first = body.find(separator);
        if (first == std::string_view::npos) malformed("找不到分隔符");
        pos = first + separator.size();
    }
    std::size_t parts = 0;
    while (true) {
        if (body.substr(pos, 2) == "--") return form;  // the closing delimiter
        // Transport padding after a delimiter is allowed, then a line break.
        while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
        if (body.substr(pos, 2) != "\r\n") malformed("分隔符后缺少换行");
        pos += 2;
        if (++parts > limits.max_parts) malformed("部分过多");

        auto header_end = body.find("\r\n\r\n", pos);
        std::string_view header_block;
        std::size_t content_start;
        if (body.substr(pos, 2) == "\r\n") {  // a part without headers
            malformed("部分缺少Content-Disposition");
        }
        if (header_end == std::string_view::npos ||
            header_end - pos > limits.max_part_header_bytes) {
            malformed("部分头部不完整或过长");
        }
        header_block = body.substr(pos, header_end - pos);
        content_start = header_end + 4;

        auto content_end = body.find(separator, content_start);
        if (content_end == std::string_view::npos) malformed("缺少结束分隔符");
        auto headers = parse_part_headers(header_block);
        auto content = body.substr(content_start, content_end - content_start);
        if (headers.filename) {
            form.files.push_back({headers.name, base_name(*headers.filename), headers.content_type,
                                  std::string(content)});
        } else {
            if (content.size() > limits.max_field_bytes) malformed("字段过长");
            form.fields.emplace(headers.name, std::string(content));
        }
        pos = content_end + separator.size();
        if (pos > body.size()) malformed("缺少结束分隔符");
    }
}

}  // namespace wangju::web
