-- The wrk side of bench/run's fixed-delay case: wait 0.95 to 1.05 s
-- between a connection's requests, as the other tools' users do.
function delay()
  return math.random(950, 1050)
end
