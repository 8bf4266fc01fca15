// The k6 side of bench/run: one GET of TARGET per iteration, with a wait of
// 0.95 to 1.05 s after it when WAIT is 1; the summary (request count,
// median and 99th percentile of http_req_duration) goes to SUMMARY as JSON.
import http from 'k6/http';
import { sleep } from 'k6';

export const options = { summaryTrendStats: ['med', 'p(99)'], discardResponseBodies: true };

export default function () {
  http.get(__ENV.TARGET);
  if (__ENV.WAIT === '1') {
    sleep(0.95 + Math.random() * 0.1);
  }
}

export function handleSummary(data) {
  return { [__ENV.SUMMARY]: JSON.stringify(data) };
}
