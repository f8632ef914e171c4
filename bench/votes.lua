-- wrk script of bench/votes: each connection posts the prepared votes (VOTES_FILE, one request a
-- line: vote, session token, CSRF token, client address, work, solved challenge) in turn, paced
-- so that all connections together stay near VOTES_RATE a second; counts the answers by status
-- (bench/wrk_statuses.lua).
-- The pace is a schedule per wrk thread on the monotonic clock: a request waits only until its
-- time comes, so the rate does not fall with the answers' latency while connections are free.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } votes_timespec;
int clock_gettime(int clock, votes_timespec* now);
]]
local clock_now = ffi.new("votes_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock_now)  -- CLOCK_MONOTONIC
  return tonumber(clock_now.tv_sec) * 1000 + tonumber(clock_now.tv_nsec) / 1e6
end
dofile("bench/wrk_statuses.lua")
local lines = {}  -- this thread's: the id-th line of every VOTES_THREADS
local index = 1
local interval_ms = 0  -- between two requests of this thread
local due_ms = nil

function init(args)
  local count = tonumber(os.getenv("VOTES_THREADS"))
  -- Only this thread's lines are kept: a smaller heap for the collector to walk.
  local n = 0
  for line in io.lines(os.getenv("VOTES_FILE")) do
    if n % count == id - 1 then table.insert(lines, line) end
    n = n + 1
  end
  local rate = tonumber(os.getenv("VOTES_RATE") or "0")
  if rate > 0 then interval_ms = count * 1000 / rate end
end

function delay()
  if interval_ms == 0 then return 0 end
  local now = now_ms()
  -- Behind by more than a second (the server stalled): start the schedule afresh, no burst.
  if due_ms == nil or due_ms < now - 1000 then due_ms = now end
  due_ms = due_ms + interval_ms
  local wait = due_ms - now
  if wait < 0 then return 0 end
  return math.floor(wait)
end

function request()
  local line = lines[index]
  if line == nil then
    index = 1
    line = lines[index]
  end
  index = index + 1
  local vote, token, csrf, address, work, altcha = line:match("([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)")
  local body = '{"work_id":' .. work .. ',"altcha":"' .. altcha .. '"}'
  return wrk.format("POST", "/api/v1/public-votes/" .. vote .. "/votes", {
    ["Content-Type"] = "application/json",
    ["Cookie"] = "wangju_voter=" .. token,
    ["X-CSRF-Token"] = csrf,
    ["X-Forwarded-For"] = address,
  }, body)
end
