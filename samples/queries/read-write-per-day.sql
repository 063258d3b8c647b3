-- title: Read and write events per day
-- description: Daily counts of read-only and mutating calls. A spike in writes on a quiet day is worth
--   drilling into.
-- tags: overview, timeline, aggregation
SELECT date_trunc('day', eventTime) AS day,
       SUM(CASE WHEN readOnly THEN 1 ELSE 0 END) AS readEvents,
       SUM(CASE WHEN readOnly THEN 0 ELSE 1 END) AS writeEvents,
       COUNT(*) AS totalEvents
FROM $EDS_ID
WHERE eventCategory <> 'Insight'
GROUP BY 1
ORDER BY 1
