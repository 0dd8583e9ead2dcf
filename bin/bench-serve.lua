-- wrk script: POST one client profile to /v1/recommendations and print requests/s and
-- p50/p99/p99.9 latency in one line at the end. Usage (see docs/performance.md):
--   wrk -t2 -c32 -d10s -s bench/serve/recommend.lua http://127.0.0.1:PORT/v1/recommendations
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"id":"client-17","goal":"CHRONIC_PAIN","massageType":"DEEP_TISSUE","bodyResponse":["SORE"],' ..
           '"conditions":["HERNIATED_DISC"],"activityLevel":"SEDENTARY","lastMassageDate":"2026-11-20"}'

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
