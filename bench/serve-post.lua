-- wrk script for bench/serve.sh: POSTs the answer files named in SERVE_FILES (problem:path pairs,
-- space-separated) to /api/check/<problem> in turn. Every file is gradable, so any status other
-- than 2xx counts as an error (wrk's summary.errors.status).
local requests = {}
local counter = 0

init = function(args)
  for pair in string.gmatch(os.getenv("SERVE_FILES") or "", "%S+") do
    local problem, path = string.match(pair, "([^:]+):(.+)")
    local f = assert(io.open(path, "rb"))
    local body = f:read("*a")
    f:close()
    requests[#requests + 1] = wrk.format("POST", "/api/check/" .. problem,
      { ["Content-Type"] = "application/yaml" }, body)
  end
  counter = 0
end

request = function()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors connect %d read %d write %d timeout %d status %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status))
  io.write(string.format("p50_ms %.3f p90_ms %.3f p99_ms %.3f max_ms %.3f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("checks_per_s %.1f\n", summary.requests / (summary.duration / 1e6)))
end
