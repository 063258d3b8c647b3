-- title: Top APIs aggregated by source
-- description: Which services and API calls dominate the log. A first look at any account:
--   the top of this list is normal traffic, the long tail is where odd calls hide.
-- tags: overview, aggregation
SELECT eventSource, eventName, COUNT(*) AS apiCount
FROM $EDS_ID
WHERE eventSource IS NOT NULL
GROUP BY eventSource, eventName
ORDER BY apiCount DESC
