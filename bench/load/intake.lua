-- Complaint intake as a worker files it through the API: a draft, its bipartite proof, then the
-- filing (the same submission key with submit=true), which issues the tracking PIN.
-- Run with as many wrk threads as connections (-t N -c N): each thread then drives one
-- connection, so a response always answers the request its thread sent last.
local token = os.getenv("LOAD_TOKEN")
local company = os.getenv("LOAD_COMPANY")
dofile(os.getenv("LOAD_DIR") .. "/report.lua")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  step, n, filed, refused, case_id, key = 0, 0, 0, 0, nil, nil
  headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}
  run = tostring(os.time())
end

local function complaint(submit)
  return string.format([[{"dispute_type":"phk","company_id":"%s",
"chronology":"Saya di-PHK sepihak tanpa surat peringatan (uji beban).",
"demands":"Dipekerjakan kembali atau pesangon sesuai PP 35/2021.",
"workers":[{"full_name":"Pekerja Uji Beban","nik":"3275010101900001","phone":"0812-1111-2222",
"job_title":"Operator","started_on":"2019-05-01","monthly_wage":"5.343.430"}],
"submission_key":"%s","submit":%s}]], company, key, submit and "true" or "false")
end

function request()
  if step == 0 then
    n = n + 1
    key = string.format("load-%s-%d-%d", run, tid, n)
    return wrk.format("POST", "/api/v1/cases", headers, complaint(false))
  elseif step == 1 then
    return wrk.format("POST", "/api/v1/cases/" .. case_id .. "/bipartite", headers,
      '{"kind":"risalah","held_on":"2026-02-10","summary":"Perundingan bipartit pertama, tidak sepakat."}')
  else
    return wrk.format("POST", "/api/v1/cases", headers, complaint(true))
  end
end

function response(status, headers, body)
  if step == 0 then
    case_id = status == 201 and body:match('"id":"([^"]+)"') or nil
    if case_id then step = 1 else refused = refused + 1 end
  elseif step == 1 then
    if status == 201 then step = 2 else refused = refused + 1; step = 0 end
  else
    if status == 200 and body:find('"pin":"%d+"') then filed = filed + 1 else refused = refused + 1 end
    step = 0
  end
end

function done(summary, latency, requests)
  report(threads, summary, latency, {"filed", "refused"})
end
