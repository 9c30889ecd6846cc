-- wrk's summary as one line of JSON: latency percentiles in microseconds, requests per second, errors.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format('{"p50": %d, "p95": %d, "p99": %d, "rps": %.1f, "requests": %d, "errors": %d}\n',
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.requests / (summary.duration / 1e6), summary.requests, errors))
end
