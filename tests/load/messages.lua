-- wrk script: POST a Teams-style message with deliveryMode expectReplies to /api/messages.
-- Each request uses its own conversation id, so follow-up state does not build up in one conversation.
local questions = { "返納金債権とは？", "秋田支部の令和5年度のKPIの達成状況は？", "第6期の特定保健指導のKPIは？", "後発医薬品の使用促進の取組は" }
local n = 0
request = function()
  n = n + 1
  local q = questions[(n % #questions) + 1]
  local body = '{"type":"message","id":"m' .. n .. '","channelId":"msteams","serviceUrl":"http://localhost:56150/_connector",' ..
    '"from":{"id":"user-id-0","name":"User"},"recipient":{"id":"bot","name":"KenpoBot"},' ..
    '"conversation":{"id":"load-' .. n .. '","conversationType":"personal"},"text":"' .. q .. '","deliveryMode":"expectReplies"}'
  return wrk.format("POST", "/api/messages", { ["Content-Type"] = "application/json" }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors connect %d read %d write %d status %d timeout %d\n", summary.requests,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
  io.write(string.format("rps %.1f, p50 %.2f ms, p99 %.2f ms\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
