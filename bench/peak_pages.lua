-- wrk script of bench/peak: each connection asks for the public pages of PAGES (paths separated
-- by spaces) in turn, as visitors browse the portal during the vote; counts the answers by
-- status (bench/wrk_statuses.lua).
dofile("bench/wrk_statuses.lua")
local paths = {}
local next_path = 1

function init(args)
  for path in string.gmatch(os.getenv("PAGES"), "%S+") do
    table.insert(paths, path)
  end
  next_path = id % #paths + 1
end

function request()
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format("GET", path)
end
