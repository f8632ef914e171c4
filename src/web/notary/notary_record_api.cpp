// GET /api/v1/rounds/{id}/notary-record.pdf and /api/v1/public-votes/{id}/notary-record.pdf: each
// call issues a new record (公证记录) of the round, for one of its judging's admins, or of the vote,
// for its organisers, and answers its PDF; the record's code is in the file name.
#include "http/message.h"
#include "web/judging/judging_service.h"
#include "web/notary/notary_record_routes.h"
#include "web/notary/notary_record_service.h"
#include "web/votes/vote_service.h"

namespace wangju::web::notary {
namespace {

http::Response pdf_answer(IssuedNotaryRecord issued) {
    const std::string filename = "公证记录-" + issued.record.code + ".pdf";
    return http::Response::text(std::move(issued.pdf), "application/pdf")
        .set_header("cache-control", "no-store")
        .set_header("x-record-code", issued.record.code)
        .set_header("content-disposition", "attachment; filename=\"" + issued.record.code +
                                               ".pdf\"; filename*=UTF-8''" +
                                               http::percent_encode(filename));
}

http::Response round_record_pdf(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Round round = judging::load_round(web, r.params.at("id"));
    return pdf_answer(issue_notary_record(web, user, round.id, audit_context(r, user)));
}

http::Response vote_record_pdf(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const PublicVote vote = votes::load_vote(web, r.params.at("id"));
    return pdf_answer(issue_vote_notary_record(web, user, vote.id, audit_context(r, user)));
}

}  // namespace

void register_notary_record_routes(http::Router& router, WebContext& web) {
    router.add("GET", "/api/v1/rounds/{id}/notary-record.pdf",
               [&web](http::Request& r) { return round_record_pdf(web, r); });
    router.add("GET", "/api/v1/public-votes/{id}/notary-record.pdf",
               [&web](http::Request& r) { return vote_record_pdf(web, r); });
}

}  // namespace wangju::web::notary
