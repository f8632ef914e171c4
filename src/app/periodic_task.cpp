#include "app/periodic_task.h"

#include <spdlog/spdlog.h>

namespace wangju::app {

PeriodicTask::PeriodicTask(std::string name, std::chrono::seconds every, std::function<void()> task,
                           bool run_at_start)
    : name_(std::move(name)),
      every_(every),
      task_(std::move(task)),
      thread_([this, run_at_start] { loop(run_at_start); }) {}

PeriodicTask::~PeriodicTask() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void PeriodicTask::run_once() {
    try {
        task_();
    } catch (const std::exception& e) {
        spdlog::error("{} failed: {}", name_, e.what());
    }
}

void PeriodicTask::loop(bool run_at_start) {
    if (run_at_start) run_once();
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, every_, [this] { return stopping_; })) {
        lock.unlock();
        run_once();
        lock.lock();
    }
}

}  // namespace wangju::app
