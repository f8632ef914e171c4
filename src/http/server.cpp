// The listener and the Server: the accepting loop and its thread, the I/O threads with their event
// loops, and starting and stopping them. Each connection is served by http/connection.h.
#include "http/server.h"

#include <algorithm>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "http/connection.h"

namespace wangju::http {
namespace {

std::pair<std::string, std::string> split_listen(const std::string& listen) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos)
        throw std::runtime_error(fmt::format("监听地址无效: {}", listen));
    std::string host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    if (host.empty() || host == "*") host = "0.0.0.0";
    return {host, listen.substr(colon + 1)};
}

tcp::endpoint parse_listen(const std::string& listen) {
    auto [host, port_text] = split_listen(listen);
    unsigned long port = 0;
    try {
        std::size_t used = 0;
        port = std::stoul(port_text, &used);
        if (used != port_text.size() || port > 65535) throw std::out_of_range("port");
    } catch (const std::logic_error&) {
        throw std::runtime_error(fmt::format("监听端口无效: {}", listen));
    }
    beast::error_code ec;
    auto address = asio::ip::make_address(host, ec);
    if (ec) throw std::runtime_error(fmt::format("监听地址无效: {}", listen));
    return {address, static_cast<std::uint16_t>(port)};
}

unsigned default_io_threads() {
    return std::max(1u, std::thread::hardware_concurrency());
}
// Handlers mostly wait (disk syncs, the database, child processes such as ffmpeg) rather than
// compute: with few threads, a handful of slow ones (uploads being finished and probed) would hold
// up every other request, the pieces of other uploads' bodies included.
unsigned default_worker_threads() {
    return std::max(16u, 4 * std::thread::hardware_concurrency());
}

}  // namespace

ServerCore::ServerCore(ServerConfig config_in, const Router& router, ErrorRenderer render_error,
                       Metrics& metrics_in)
    : config(std::move(config_in)),
      responder(router, std::move(render_error), config.static_root),
      metrics(metrics_in),
      access_log(config.access_log),
      pool(config.worker_threads ? config.worker_threads : default_worker_threads()) {
    metrics.add_source([counts = counts] { return render_connection_counts(*counts); });
}

std::vector<std::unique_ptr<asio::io_context>> ServerCore::make_loops(unsigned count) {
    std::vector<std::unique_ptr<asio::io_context>> made;
    for (unsigned i = 0; i < (count ? count : default_io_threads()); ++i)
        made.push_back(std::make_unique<asio::io_context>(1));
    return made;
}

struct Server::Impl : ServerCore {
    using ServerCore::ServerCore;

    void listen();
    asio::awaitable<void> accept_loop();
    // Admits an accepted connection and starts serving it, or answers it 503.
    void take(tcp::socket socket);
    void start_threads();
    void close_connections(bool idle_only);
    bool wait_drained(std::chrono::seconds limit);

    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> work;
    std::optional<tcp::acceptor> acceptor;
    std::vector<std::thread> io_threads;
    std::uint16_t bound_port = 0;
    std::mutex stop_mutex;
    bool started = false;
    bool stopped = false;
};

void Server::Impl::listen() {
    auto endpoint = parse_listen(config.listen);
    acceptor.emplace(accepting);
    beast::error_code ec;
    acceptor->open(endpoint.protocol(), ec);
    if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor->bind(endpoint, ec);
    if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
    // Lets accept_loop take every waiting connection without blocking (async accepts are
    // unaffected).
    if (!ec) acceptor->non_blocking(true, ec);
    if (ec) throw std::runtime_error(fmt::format("无法监听 {}: {}", config.listen, ec.message()));
    bound_port = acceptor->local_endpoint().port();
}

asio::awaitable<void> Server::Impl::accept_loop() {
    for (;;) {
        beast::error_code ec;
        auto socket = co_await acceptor->async_accept(
            pick_loop(), asio::redirect_error(asio::use_awaitable, ec));
        if (stopping || ec == asio::error::operation_aborted) co_return;
        if (ec) {
            // Out of file descriptors, typically: wait a little instead of spinning.
            spdlog::warn("accept failed: {}", ec.message());
            asio::steady_timer pause(co_await asio::this_coro::executor,
                                     std::chrono::milliseconds(50));
            co_await pause.async_wait(asio::use_awaitable);
            continue;
        }
        take(std::move(socket));
        // The connections that arrived meanwhile are all taken now. One accept per turn of the
        // event loop would leave the last of a thousand connections, its request already sent,
        // waiting a second behind the requests of those taken before it.
        for (int more = 0; more < 1024 && !stopping; ++more) {
            tcp::socket next(pick_loop());
            acceptor->accept(next, ec);
            if (ec) break;  // none waiting (would_block); other errors show in the next accept
            take(std::move(next));
        }
    }
}

void Server::Impl::take(tcp::socket socket) {
    beast::error_code ec;
    // A response goes out as header and body writes; without TCP_NODELAY the second write
    // waits for the peer's delayed acknowledgement (tens of milliseconds per response).
    socket.set_option(tcp::no_delay(true), ec);
    // Reads of its own never block an I/O thread (Connection::wait_for_bytes).
    socket.non_blocking(true, ec);
    auto endpoint = socket.remote_endpoint(ec);
    std::string peer = ec ? std::string() : endpoint.address().to_string();
    auto executor = socket.get_executor();
    // Behind a trusted proxy the peer is the proxy: the connection is counted at its first
    // request instead.
    std::string counted = config.trust_forwarded ? std::string() : peer;
    auto connection = std::make_shared<Connection>(*this, std::move(socket), peer);
    auto admission = admit(connection.get(), connection, counted);
    if (admission == Admission::stopping) return;  // closed as it goes out of scope
    if (admission != Admission::admitted) {
        refuse(connection->release_socket(), admission);
        return;
    }
    connection->count_as(counted);
    asio::co_spawn(
        executor, [connection]() -> asio::awaitable<void> { co_await connection->run(); },
        asio::detached);
}

void Server::Impl::start_threads() {
    std::vector<asio::io_context*> all{&accepting};
    for (auto& loop : loops) all.push_back(loop.get());
    for (auto* loop : all) {
        work.emplace_back(loop->get_executor());
        io_threads.emplace_back([loop] {
            for (;;) {
                try {
                    loop->run();
                    return;
                } catch (const std::exception& failure) {
                    spdlog::error("I/O thread: {}", failure.what());
                }
            }
        });
    }
}

// The connections are taken out under the lock but let go outside it: a connection may finish
// meanwhile, and if the copy here is its last owner, its destructor takes the same lock.
void Server::Impl::close_connections(bool idle_only) {
    std::vector<std::shared_ptr<Connection>> open;
    {
        std::lock_guard lock(mutex);
        open.reserve(connections.size());
        for (auto& [raw, handle] : connections) {
            if (auto connection = handle.lock()) open.push_back(std::move(connection));
        }
    }
    for (auto& connection : open) {
        asio::post(connection->get_executor(), [connection, idle_only] {
            idle_only ? connection->close_if_idle() : connection->close();
        });
    }
}

bool Server::Impl::wait_drained(std::chrono::seconds limit) {
    std::unique_lock lock(mutex);
    return drained.wait_for(lock, limit, [this] { return connections.empty(); });
}

Server::Server(ServerConfig config, const Router& router, ErrorRenderer render_error,
               Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(config), router, std::move(render_error), metrics)) {}

Server::~Server() {
    stop();
}

void Server::start() {
    std::lock_guard lock(impl_->stop_mutex);
    if (impl_->started) return;
    impl_->listen();
    asio::co_spawn(
        impl_->acceptor->get_executor(),
        [impl = impl_.get()]() -> asio::awaitable<void> { co_await impl->accept_loop(); },
        asio::detached);
    impl_->start_threads();
    impl_->started = true;
}

std::uint16_t Server::port() const {
    return impl_->bound_port;
}

void Server::stop() {
    std::lock_guard lock(impl_->stop_mutex);
    if (!impl_->started || impl_->stopped) return;
    impl_->stopped = true;
    impl_->stopping = true;
    asio::post(impl_->acceptor->get_executor(), [impl = impl_.get()] {
        beast::error_code ignored;
        impl->acceptor->close(ignored);
    });
    impl_->close_connections(true);
    if (!impl_->wait_drained(impl_->config.drain_timeout)) {
        spdlog::warn("stopping: closing the connections still busy after the drain timeout");
        impl_->close_connections(false);
        impl_->wait_drained(std::chrono::seconds(1));
    }
    impl_->work.clear();
    impl_->accepting.stop();
    for (auto& loop : impl_->loops) loop->stop();
    for (auto& thread : impl_->io_threads) thread.join();
    impl_->io_threads.clear();
    impl_->pool.join();
}

void Server::run_until_signal() {
    start();
    asio::io_context signals_io;
    asio::signal_set signals(signals_io, SIGINT, SIGTERM);
    signals.async_wait([](beast::error_code, int number) {
        spdlog::info("signal {} received: stopping", number);
    });
    signals_io.run();
    stop();
}

}  // namespace wangju::http
