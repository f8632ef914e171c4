-- Shared by the wrk scripts of bench/: counts the answers by status in each wrk thread and
-- prints, when the run is done, every thread's counts together and the latency percentiles:
--   STATUSES 200=n 201=n …
--   CREATED n            (the 201 answers)
--   P50 ms P99 ms
-- A script loads it with dofile("bench/wrk_statuses.lua") (the benches run from the project's
-- folder) and may then define request() and init(); `id` is the thread's number from 1.
local threads = {}
statuses = {}  -- global, so that done() can read it from each thread

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local all = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for status, n in pairs(s) do all[status] = (all[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(all) do table.insert(parts, status .. "=" .. n) end
  table.sort(parts)
  io.write(string.format("STATUSES %s\n", table.concat(parts, " ")))
  io.write(string.format("CREATED %d\n", all[201] or 0))
  io.write(string.format("P50 %.1f P99 %.1f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
