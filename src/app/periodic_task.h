// A task that `wangju serve` runs beside the server on its own thread: at start (if asked) and
// then every interval, until destroyed. A run that throws is logged under the task's name and the
// next run happens as usual. The destructor returns after the run in progress.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace wangju::app {

class PeriodicTask {
  public:
    PeriodicTask(std::string name, std::chrono::seconds every, std::function<void()> task,
                 bool run_at_start);
    ~PeriodicTask();
    PeriodicTask(const PeriodicTask&) = delete;
    PeriodicTask& operator=(const PeriodicTask&) = delete;

  private:
    void run_once();
    void loop(bool run_at_start);

    std::string name_;
    std::chrono::seconds every_;
    std::function<void()> task_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace wangju::app
