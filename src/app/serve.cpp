#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <iostream>
#include <optional>

#include "app/commands.h"
#include "app/demo.h"
#include "app/periodic_task.h"
#include "app/reminder_schedule.h"
#include "app/secret_key_file.h"
#include "app/smtp_mailer.h"
#include "domain/secret.h"
#include "http/server.h"
#include "media/upload_recovery.h"
#include "store/search_upkeep.h"
#include "web/error_response.h"
#include "web/judging/judging_service.h"
#include "web/portal/portal_pages.h"
#include "web/routes.h"
#include "web/shared_changes.h"

namespace wangju::app {
namespace {

// The "static" folder beside the binary (an installed layout), else the one at the top of the
// build tree, where the build copies the assets.
std::filesystem::path default_static_dir() {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return "static";
    for (auto dir : {exe.parent_path() / "static", exe.parent_path().parent_path() / "static"}) {
        if (std::filesystem::is_directory(dir / "css", ec)) return dir;
    }
    return exe.parent_path() / "static";
}

// The e-mail sender that the options ask for, or null without --smtp-url.
std::unique_ptr<Mailer> mailer_from(const ServeOptions& options) {
    if (options.smtp_url.empty()) return nullptr;
    if (auto reason = check_email(options.smtp_from); !reason.empty())
        throw std::runtime_error("--smtp-from: " + reason);
    SmtpSettings smtp{options.smtp_url, options.smtp_from};
    if (!options.smtp_credentials_file.empty())
        read_smtp_credentials(options.smtp_credentials_file, smtp);
    return std::make_unique<SmtpMailer>(std::move(smtp));
}

ReminderSettings reminder_settings(const ServeOptions& options, unsigned short port) {
    ReminderSettings settings;
    settings.interval = std::chrono::minutes(options.reminder_interval_minutes);
    settings.window = std::chrono::hours(options.reminder_window_hours);
    settings.public_url = options.public_url.empty()
                              ? "http://" + options.listen.substr(0, options.listen.rfind(':')) +
                                    ":" + std::to_string(port)
                              : options.public_url;
    return settings;
}

// Sends the pending messages of the outbox, one at a time.
void send_outbox(store::MailOutbox& outbox, Mailer& mailer) {
    const AuditContext ctx{std::nullopt, "system"};
    for (const auto& mail : outbox.pending()) {
        try {
            mailer.send({mail.to, mail.subject, mail.body});
            outbox.mark_sent(mail.id, now_utc(), ctx);
        } catch (const std::exception& e) {
            spdlog::warn("e-mail {} failed (attempt {}): {}", mail.id, mail.attempts + 1, e.what());
            outbox.mark_failed(mail.id, e.what(), ctx);
        }
    }
}

// Raises the open-file limit to its ceiling, as servers of many connections do, and returns how
// many connections fit under it: a connection takes a descriptor, and some are kept for the
// database, the log and the files being served.
std::size_t connections_that_fit(std::size_t wanted) {
    constexpr rlim_t kept = 512;
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return wanted;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
        ::getrlimit(RLIMIT_NOFILE, &limit);
    }
    if (limit.rlim_cur == RLIM_INFINITY) return wanted;
    auto fit = limit.rlim_cur > 2 * kept ? limit.rlim_cur - kept : limit.rlim_cur / 2;
    if (fit >= wanted) return wanted;
    spdlog::warn("the open-file limit ({}) allows {} connections, not {}", limit.rlim_cur, fit,
                 wanted);
    return static_cast<std::size_t>(fit);
}

}  // namespace

int serve(const CommonOptions& common, const ServeOptions& options) {
    init_crypto();
    // Block the stop signals in every thread; this thread waits for them with sigwait.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    auto store = open_store(common);
    auto mailer = mailer_from(options);
    web::WebConfig web_config;
    const auto key_file =
        options.secret_key_file.empty() ? common.data_dir / "secret.key" : options.secret_key_file;
    web_config.letter_key = load_or_create_secret_key(key_file);
    web_config.letter_files_dir = common.data_dir / "letters";
    web_config.data_dir = common.data_dir;
    web_config.mail_enabled = mailer != nullptr;
    web_config.public_url =
        options.public_url.empty() ? "http://" + options.listen : options.public_url;
    if (options.demo) {
        if (store->count_units() == 0) {
            auto accounts = load_demo(*store, common.data_dir, web_config.letter_key);
            print_demo_accounts(std::cout, accounts);
        } else {
            std::cout << "数据库中已有数据,未重复载入演示数据。\n";
        }
    }
    if (store->count_units() == 0) {
        std::cout << "数据库中还没有单位。可用 --demo 载入演示数据,或用 `wangju units import` "
                     "导入单位表。\n";
    }

    http::Metrics metrics;
    web::WebContext web(*store, metrics, web_config);
    http::Router router;
    web::register_routes(router, web);

    http::ServerConfig config;
    config.listen = options.listen;
    config.static_root = options.static_dir.empty() ? default_static_dir() : options.static_dir;
    config.access_log = options.access_log;
    config.trust_forwarded = options.trust_forwarded;
    config.max_connections = connections_that_fit(options.max_connections);
    config.max_connections_per_address = options.max_connections_per_address;
    web::SharedChanges shared_changes(web);  // before the pages are rendered: none is missed
    web::warm_article_pages(web, 200);
    // Before the first request: uploads whose completion the last stop cut short.
    if (auto n = media::finish_interrupted_uploads(store->database(), web.media.uploads,
                                                   {std::nullopt, "system"});
        n > 0)
        spdlog::info("finished {} uploads whose completion the last stop cut short", n);
    http::Server server(config, router, web::page_error_renderer(web), metrics);
    server.start();
    // Pages kept in memory follow the changes made through the other servers of the site.
    PeriodicTask shared_change_follower(
        "shared changes", std::chrono::seconds(1), [&shared_changes] { shared_changes.follow(); },
        false);
    PeriodicTask session_sweeper(
        "session sweep", std::chrono::minutes(5),
        [&store, &web] {
            auto now = now_utc();
            auto n = store->delete_expired_sessions(now - web.config.session_idle,
                                                    now - web.config.session_lifetime);
            if (n > 0) spdlog::info("removed {} ended sessions", n);
        },
        false);
    // Winners of award lists published for a later time are told once that time has come.
    PeriodicTask award_notices(
        "award notices", std::chrono::minutes(1),
        [&web] {
            auto n = web::judging::notify_published_awards(web, {std::nullopt, "system"});
            if (n > 0) spdlog::info("sent {} award notices", n);
        },
        true);
    // The search index's segments, merged a little at a time (store/search_upkeep.h).
    PeriodicTask search_upkeep(
        "search index upkeep", std::chrono::minutes(1),
        [&store] {
            if (auto n = store::merge_search_index(store->database()); n > 0)
                spdlog::info("merged the search index's segments in {} steps", n);
        },
        true);
    PeriodicTask upload_sweeper(
        "upload sweep", std::chrono::minutes(5),
        [&web] {
            auto removed = web.media.uploads.sweep_expired(now_utc());
            if (removed > 0) spdlog::info("removed {} expired uploads", removed);
            // Spent proof-of-work challenges matter only until they expire.
            web.public_votes.sweep_spent(now_utc());
        },
        false);
    // E-mail queued by changes (judges' reminders, award notices) goes out here, outside any
    // transaction; a failed send is tried again at the next run.
    std::optional<PeriodicTask> outbox_sender;
    if (mailer) {
        outbox_sender.emplace(
            "mail outbox", std::chrono::minutes(1),
            [&web, &mailer] { send_outbox(web.outbox, *mailer); }, true);
    }
    store::CampaignReminderStore reminder_store(store->database());
    ReminderSchedule reminders({*store, web.campaigns, web.campaign_plans, reminder_store},
                               reminder_settings(options, server.port()), mailer.get());

    auto host = options.listen.substr(0, options.listen.rfind(':'));
    std::cout << "网聚已启动: http://" << host << ":" << server.port()
              << "/  (数据库: " << store->engine() << ";按 Ctrl+C 停止)" << std::endl;

    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    spdlog::info("received signal {}, finishing requests in flight", signal_number);
    server.stop();
    web.vote_taker.stop();     // every vote taken is stored (and was answered) before the end
    web.portal.views.flush();  // counted views are written before the process ends
    std::cout << "网聚已停止。" << std::endl;
    return 0;
}

}  // namespace wangju::app
