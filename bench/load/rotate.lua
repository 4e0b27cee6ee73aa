-- wrk script: every connection walks the URL list (one "category<TAB>path" a line, from LOAD_URLS) from its own
-- starting point; non-2xx answers are counted by category; done() prints one line "LOADJSON {...}" for the runner.

local paths, categories = {}, {}
local threads = {}
local counter = 0

local function load(file)
  for line in io.lines(file) do
    local category, path = line:match("^([^\t]+)\t(.+)$")
    if path then
      paths[#paths + 1] = path
      categories[#categories + 1] = category
    end
  end
end

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  threads[#threads + 1] = thread
end

function init(args)
  load(os.getenv("LOAD_URLS"))
  next_index = ((id or 1) * 7919) % #paths + 1
  last_category = nil
  served, failed = {}, {}
end

function request()
  local path = paths[next_index]
  last_category = categories[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end

function response(status, headers, body)
  -- wrk answers in order on each connection, so the last request made is close enough to attribute the answer;
  -- the counts are by category for the report only, the totals come from wrk itself.
  local category = last_category or "?"
  served[category] = (served[category] or 0) + 1
  if status < 200 or status > 299 then
    failed[category .. " " .. status] = (failed[category .. " " .. status] or 0) + 1
  end
end

local function json_table(t)
  local parts = {}
  for key, value in pairs(t) do
    parts[#parts + 1] = string.format('"%s": %d', key, value)
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

function done(summary, latency, requests)
  local served_all, failed_all = {}, {}
  for _, thread in ipairs(threads) do
    for key, value in pairs(thread:get("served") or {}) do
      served_all[key] = (served_all[key] or 0) + value
    end
    for key, value in pairs(thread:get("failed") or {}) do
      failed_all[key] = (failed_all[key] or 0) + value
    end
  end
  local errors = summary.errors
  io.write(string.format(
    'LOADJSON {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"latency_us": {"min": %d, "mean": %.0f, "p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d}, '
      .. '"served_by_category": %s, "non_2xx_by_category": %s}\n',
    summary.requests, summary.duration, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency.min, latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max,
    json_table(served_all), json_table(failed_all)
  ))
end
