-- One kind of page or API read under load. From the environment (set by bench/load/run.py):
-- LOAD_METHOD, LOAD_PATHS (a file of paths, one per line, taken in turn), LOAD_BODIES (for a
-- form POST: a file of url-encoded bodies, one per line, taken in turn), LOAD_COOKIE, LOAD_TOKEN.
local method = os.getenv("LOAD_METHOD") or "GET"
local cookie = os.getenv("LOAD_COOKIE")
local token = os.getenv("LOAD_TOKEN")
local bodies_file = os.getenv("LOAD_BODIES")
local paths, bodies = {}, {}
for line in io.lines(os.getenv("LOAD_PATHS")) do
  table.insert(paths, line)
end
if bodies_file then
  for line in io.lines(bodies_file) do
    table.insert(bodies, line)
  end
end
dofile(os.getenv("LOAD_DIR") .. "/report.lua")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("offset", #threads * 7919)
end

function init(args)
  i = offset or 0
  headers = {}
  if cookie then headers["Cookie"] = cookie end
  if token then headers["Authorization"] = "Bearer " .. token end
  if method == "POST" then headers["Content-Type"] = "application/x-www-form-urlencoded" end
  wrong = 0
end

function request()
  i = i + 1
  local path = paths[(i % #paths) + 1]
  local body = nil
  if #bodies > 0 then body = bodies[(i % #bodies) + 1] end
  return wrk.format(method, path, headers, body)
end

function response(status, headers, body)
  -- A page that answers 200 but is the login form means the session was lost: count it.
  if status ~= 200 or body:find('name="password"', 1, true) then wrong = wrong + 1 end
end

function done(summary, latency, requests)
  report(threads, summary, latency, {"wrong"})
end
