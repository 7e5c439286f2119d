-- The RESULT line both load scripts print at the end: wrk's figures and the scripts' own
-- counters (each thread's `counter` names summed over the threads).
function report(threads, summary, latency, counters)
  local extra = ""
  for _, name in ipairs(counters) do
    local total = 0
    for _, t in ipairs(threads) do total = total + (t:get(name) or 0) end
    extra = extra .. string.format(',"%s":%d', name, total)
  end
  io.write(string.format('RESULT {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"errors":%d%s}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    extra))
end
