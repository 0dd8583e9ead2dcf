-- wrk script: POST client profiles to /v1/recommendations and print requests/s and p50/p99/p99.9
-- latency in one line at the end. The profiles vary (goal, massage type, body response, one or no
-- condition, activity, trend, weeks, age and last massage date), so the service's profile cache sees
-- the hit rate a front desk would give it, not one profile answered from memory again and again.
-- Usage (see docs/performance.md):
--   wrk -t2 -c32 -d10s -s bin/bench-serve.lua http://127.0.0.1:PORT/v1/recommendations
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local goals = { "RELAXATION", "CHRONIC_PAIN", "INJURY_RECOVERY", "MAINTENANCE" }
local types = { "DEEP_TISSUE", "SPORTS", "TRIGGER_POINT", "SWEDISH", "RELAXATION" }
local responses = { "[]", "[]", '["SORE"]', '["FATIGUED"]', '["SORE","FATIGUED"]' }
local conditions = { "[]", "[]", "[]", '["HERNIATED_DISC"]', '["OSTEOPOROSIS"]', '["NERVE_ISSUE"]', '["PREGNANCY"]',
                     '["ANTICOAGULANTS"]', '["FEVER"]' }
local activities = { "SEDENTARY", "MODERATE", "ATHLETE", "PHYSICAL_JOB" }
local trends = { "IMPROVING", "STABLE", "WORSENING" }
local counter = 0

local function pick(list)
  return list[math.random(#list)]
end

-- Each wrk thread draws its own repeatable sequence.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("seed", threads)
end

init = function(args)
  math.randomseed(seed or 1)
end

request = function()
  counter = counter + 1
  local body = string.format('{"id":"client-%d","goal":"%s","massageType":"%s","bodyResponse":%s,"conditions":%s,' ..
    '"activityLevel":"%s","medicalApproval":%s,"guidedByTherapist":%s,"weeksInTreatment":%d,"symptomTrend":"%s",' ..
    '"age":%d,"lastMassageDate":"2026-11-%02d"}',
    counter, pick(goals), pick(types), pick(responses), pick(conditions), pick(activities),
    tostring(math.random(2) == 1), tostring(math.random(2) == 1), math.random(0, 12), pick(trends),
    math.random(18, 90), math.random(1, 28))
  return wrk.format(nil, nil, nil, body)
end

local non200 = 0
response = function(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f errors=%d non200=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.status + summary.errors.timeout, non200))
end
