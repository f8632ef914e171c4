#include "export/notary_record_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "export/pdf_text.h"

namespace wangju::tables {
namespace {

constexpr double kWidth = 595.28;  // A4 portrait, points
constexpr double kHeight = 841.89;
constexpr double kMargin = 50;
constexpr double kTop = 70;      // below the running header
constexpr double kBottom = 790;  // above the footer
constexpr double kBody = kWidth - 2 * kMargin;

struct Column {
    std::string header;
    double width;  // share of the body width
};

// Writes text top to bottom, starting a new page when the next block would not fit; every page
// gets the record's code at the top and its page number at the bottom.
class Writer {
  public:
    // `name`: "评审公证记录", shown at the top of every page.
    Writer(cairo_t* cr, std::string name, std::string code)
        : cr_(cr), name_(std::move(name)), code_(std::move(code)) {
        start_page();
    }

    void title(const std::string& text) {
        auto layout = text_layout(cr_, text, 20, true, kBody);
        pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
        draw(layout.get(), kMargin, 8);
    }
    void heading(const std::string& text) {
        y_ += 8;
        auto layout = text_layout(cr_, text, 13, true, kBody);
        draw(layout.get(), kMargin, 4);
    }
    void line(const std::string& text, double size = 10, bool bold = false) {
        auto layout = text_layout(cr_, text, size, bold, kBody);
        draw(layout.get(), kMargin, 2);
    }
    void table(const std::vector<Column>& columns,
               const std::vector<std::vector<std::string>>& rows) {
        std::vector<std::string> headers;
        for (const auto& c : columns) headers.push_back(c.header);
        row(columns, headers, true);
        for (const auto& r : rows) row(columns, r, false, &headers);
        y_ += 4;
    }
    void finish() { end_page(); }

  private:
    // A table row; when it starts a new page, `headers` (if any) are repeated above it.
    void row(const std::vector<Column>& columns, const std::vector<std::string>& cells, bool bold,
             const std::vector<std::string>* headers = nullptr) {
        std::vector<TextLayout> layouts;
        double height = 0;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const std::string text = i < cells.size() ? cells[i] : std::string();
            layouts.push_back(text_layout(cr_, text, 9, bold, columns[i].width * kBody - 6));
            height = std::max(height, layout_height(layouts.back().get()));
        }
        height += 6;
        const int page = page_;
        make_room(height);
        if (headers && page_ != page) row(columns, *headers, true);
        double x = kMargin;
        cairo_set_line_width(cr_, 0.5);
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const double w = columns[i].width * kBody;
            cairo_set_source_rgb(cr_, 0.4, 0.4, 0.4);
            cairo_rectangle(cr_, x, y_, w, height);
            cairo_stroke(cr_);
            cairo_set_source_rgb(cr_, 0, 0, 0);
            cairo_move_to(cr_, x + 3, y_ + 3);
            pango_cairo_show_layout(cr_, layouts[i].get());
            x += w;
        }
        y_ += height;
    }

    void draw(PangoLayout* layout, double x, double gap) {
        const double height = layout_height(layout);
        make_room(height);
        cairo_set_source_rgb(cr_, 0, 0, 0);
        cairo_move_to(cr_, x, y_);
        pango_cairo_show_layout(cr_, layout);
        y_ += height + gap;
    }

    void make_room(double height) {
        if (y_ + height <= kBottom || y_ <= kTop) return;
        end_page();
        start_page();
    }

    void start_page() {
        ++page_;
        auto header = text_layout(cr_, name_ + "  记录编号:" + code_, 9, false, kBody);
        pango_layout_set_alignment(header.get(), PANGO_ALIGN_RIGHT);
        cairo_set_source_rgb(cr_, 0.3, 0.3, 0.3);
        cairo_move_to(cr_, kMargin, 30);
        pango_cairo_show_layout(cr_, header.get());
        cairo_set_line_width(cr_, 0.5);
        cairo_move_to(cr_, kMargin, 48);
        cairo_line_to(cr_, kWidth - kMargin, 48);
        cairo_stroke(cr_);
        y_ = kTop;
    }

    void end_page() {
        auto footer =
            text_layout(cr_, fmt::format("记录编号:{}    第 {} 页", code_, page_), 9, false, kBody);
        pango_layout_set_alignment(footer.get(), PANGO_ALIGN_CENTER);
        cairo_set_source_rgb(cr_, 0.3, 0.3, 0.3);
        cairo_move_to(cr_, kMargin, kHeight - 40);
        pango_cairo_show_layout(cr_, footer.get());
        cairo_show_page(cr_);
    }

    cairo_t* cr_;
    std::string name_;
    std::string code_;
    int page_ = 0;
    double y_ = kTop;
};

std::string tier_text(const std::optional<std::string>& tier) {
    return tier ? *tier : "—";
}

void write_heading_facts(Writer& w, const NotaryFacts& f, const NotaryRecordIssue& d) {
    w.title("评审公证记录");
    w.line("记录编号:" + d.code, 11, true);
    w.line("活动:" + f.campaign);
    w.line("子项目:" + f.track);
    w.line("评审单位:" + f.unit);
    w.line("评审轮次:" + f.round + "(" + f.round_kind + ")");
    w.line("出具时间:" + d.issued_at + "(北京时间)");
    w.line("出具人:" + d.issued_by);
}

void write_rubric_and_panel(Writer& w, const NotaryFacts& f) {
    w.heading("一、评分细则");
    if (f.rubric.criteria.empty()) {
        w.line("本轮不评分(资格审查)。");
    } else {
        std::vector<std::vector<std::string>> rows;
        for (const auto& c : f.rubric.criteria) {
            rows.push_back({c.name, score_text(c.weight),
                            score_text(c.scale_min) + " – " + score_text(c.scale_max)});
        }
        w.table({{"评分项", 0.5}, {"分值(满分)", 0.25}, {"评分范围", 0.25}}, rows);
        w.line("满分:" + score_text(f.rubric.full_score()));
    }
    w.heading("二、评审专家");
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < f.panel.size(); ++i) {
        rows.push_back({std::to_string(i + 1), f.panel[i].name, f.panel[i].unit});
    }
    w.table({{"序号", 0.1}, {"姓名", 0.35}, {"单位", 0.55}}, rows);
}

void write_scores(Writer& w, const NotaryFacts& f) {
    w.heading("三、评分明细");
    std::map<std::int64_t, std::string> names;
    for (const auto& j : f.panel) names[j.id.value] = j.name;
    for (const auto& work : f.works) {
        std::string head = work.rank > 0 ? fmt::format("第{}名 ", work.rank) : std::string();
        w.line(head + "《" + work.title + "》 " + work.unit, 10, true);
        std::string scores;
        for (const auto& s : work.scores) {
            if (!scores.empty()) scores += ";";
            const auto name = names.find(s.judge.value);
            scores +=
                (name == names.end() ? "评委" + std::to_string(s.judge.value) : name->second) +
                " " +
                (s.total     ? score_text(*s.total)
                 : s.verdict ? *s.verdict
                             : "未评");
        }
        w.line("    各评委评分:" + (scores.empty() ? std::string("无") : scores));
        if (!f.rubric.criteria.empty()) {
            w.line("    专家原始分 " + score_text(work.raw_mean) + ",标准化得分 " +
                   score_text(work.normalised_mean));
        }
    }
}

void write_votes(Writer& w, const NotaryFacts& f) {
    w.heading("四、网络投票");
    if (f.vote_weight == 0 && f.votes.empty()) {
        w.line("本评审不计网络投票。");
        return;
    }
    w.line(fmt::format("综合得分中网络投票占 {}%。", f.vote_weight));
    std::vector<std::vector<std::string>> rows;
    for (const auto& v : f.votes) {
        rows.push_back({v.name, std::to_string(v.valid), std::to_string(v.voided),
                        std::to_string(v.restored)});
    }
    w.table({{"投票", 0.4}, {"有效票", 0.2}, {"作废票", 0.2}, {"恢复票", 0.2}}, rows);
}

void write_lists(Writer& w, const NotaryFacts& f) {
    w.heading("五、拟定名单与最终名单");
    w.line("名单状态:" + f.awards_state);
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : f.awards) {
        rows.push_back({std::to_string(a.rank), a.title, a.unit, score_text(a.expert),
                        std::to_string(a.votes), score_text(a.final_score),
                        tier_text(a.proposed_tier), tier_text(a.tier)});
    }
    w.table({{"名次", 0.07},
             {"作品名称", 0.23},
             {"报送单位", 0.18},
             {"专家得分", 0.1},
             {"网络投票", 0.1},
             {"综合得分", 0.1},
             {"拟定奖项", 0.11},
             {"最终奖项", 0.11}},
            rows);
    for (const auto& a : f.awards) {
        if (a.proposed_tier != a.tier || !a.move_reason.empty()) {
            w.line("调整:《" + a.title + "》 " + tier_text(a.proposed_tier) + " → " +
                   tier_text(a.tier) + ",理由:" + (a.move_reason.empty() ? "无" : a.move_reason));
        }
    }
}

// `none`: what the record says when there was no notice.
void write_notice(Writer& w, const std::string& heading, const std::string& notice,
                  const std::vector<NotaryObjection>& objections, const std::string& none) {
    w.heading(heading);
    if (notice.empty()) {
        w.line(none);
        return;
    }
    w.line("公示:" + notice);
    if (objections.empty()) w.line("公示期内未收到异议。");
    for (const auto& o : objections) {
        w.line("异议 " + o.code + ",作品《" + o.work_title + "》:" + o.reason);
        w.line("    答复:" + (o.answer.empty() ? std::string("尚未答复") : o.answer) +
               (o.answer_reason.empty() ? std::string() : ",理由:" + o.answer_reason));
    }
}

// `table`: "评审结果表".
void write_hashes(Writer& w, const std::string& heading, const std::string& table,
                  const NotaryRecordIssue& d) {
    w.heading(heading);
    w.line(table + "(XLSX,填报日期为出具日期)SHA-256:");
    w.line(d.results_sha256, 9);
    w.line(fmt::format("出具时审计日志最新记录:第 {} 条,哈希值:", d.audit_seq));
    w.line(d.audit_hash, 9);
    w.line("系统管理员可运行 wangju check 按当前数据重新生成并比对本记录。", 9);
    w.line("公证人员(签字):                    日期:", 11);
}

void write_vote_heading(Writer& w, const NotaryVoteFacts& f, const NotaryRecordIssue& d) {
    w.title("网络投票公证记录");
    w.line("记录编号:" + d.code, 11, true);
    w.line("活动:" + f.campaign);
    w.line("投票:" + f.name);
    w.line("子项目:" + f.tracks);
    w.line("投票时间:" + f.starts + " 至 " + f.ends + "(北京时间)");
    w.line("出具时间:" + d.issued_at + "(北京时间)");
    w.line("出具人:" + d.issued_by);
}

void write_vote_rules(Writer& w, const NotaryVoteFacts& f) {
    w.heading("一、投票规则");
    for (const auto& rule : f.rules) w.line("· " + rule);
}

void write_vote_works(Writer& w, const NotaryVoteFacts& f) {
    w.heading("二、各作品得票");
    std::vector<std::vector<std::string>> rows;
    long long valid = 0, voided = 0, restored = 0;
    for (const auto& work : f.works) {
        rows.push_back({std::to_string(work.rank), work.title, work.track, work.unit,
                        std::to_string(work.valid), std::to_string(work.voided),
                        std::to_string(work.restored)});
        valid += work.valid;
        voided += work.voided;
        restored += work.restored;
    }
    w.table({{"名次", 0.08},
             {"作品名称", 0.26},
             {"子项目", 0.16},
             {"报送单位", 0.2},
             {"有效票", 0.1},
             {"作废票", 0.1},
             {"恢复票", 0.1}},
            rows);
    w.line(fmt::format("合计:有效票 {},作废票 {},其中作废后恢复 {}(已计入有效票)。", valid,
                       voided, restored));
}

void write_voidings(Writer& w, const NotaryVoteFacts& f) {
    w.heading("三、作废与恢复");
    if (f.voidings.empty()) {
        w.line("投票期间未作废任何投票。");
        return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& v : f.voidings) {
        rows.push_back({v.at, v.restore ? "恢复" : "作废", std::to_string(v.votes),
                        v.flag.empty() ? v.reason : v.reason + "(异常标记 " + v.flag + ")",
                        v.by});
    }
    w.table({{"时间", 0.2}, {"操作", 0.1}, {"票数", 0.1}, {"理由", 0.42}, {"操作人", 0.18}},
            rows);
}

std::string finished_pdf(const std::string& title, const std::string& code,
                         const std::function<void(Writer&)>& write) {
    std::string out;
    using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
    Surface surface(cairo_pdf_surface_create_for_stream(append_to_string, &out, kWidth, kHeight),
                    &cairo_surface_destroy);
    const std::string metadata = title + " " + code;
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, metadata.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "网聚");
    {
        std::unique_ptr<cairo_t, decltype(&cairo_destroy)> context(cairo_create(surface.get()),
                                                                   &cairo_destroy);
        Writer w(context.get(), title, code);
        write(w);
        w.finish();
    }
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error("notary_record_pdf: cairo failed to write the PDF");
    surface.reset();
    return out;
}

}  // namespace

std::string notary_record_pdf(const NotaryFacts& facts, const NotaryRecordIssue& issue) {
    return finished_pdf("评审公证记录", issue.code, [&](Writer& w) {
        write_heading_facts(w, facts, issue);
        write_rubric_and_panel(w, facts);
        write_scores(w, facts);
        write_votes(w, facts);
        write_lists(w, facts);
        write_notice(w, "六、公示异议及答复", facts.notice, facts.objections,
                     "本评审未发布获奖名单公示。");
        write_hashes(w, "七、校验值", "评审结果表", issue);
    });
}

std::string vote_notary_record_pdf(const NotaryVoteFacts& facts, const NotaryRecordIssue& issue) {
    return finished_pdf("网络投票公证记录", issue.code, [&](Writer& w) {
        write_vote_heading(w, facts, issue);
        write_vote_rules(w, facts);
        write_vote_works(w, facts);
        write_voidings(w, facts);
        write_notice(w, "四、入围名单公示异议及答复", facts.notice, facts.objections,
                     "本次投票未发布入围名单公示。");
        write_hashes(w, "五、校验值", "投票结果表", issue);
    });
}

}  // namespace wangju::tables
