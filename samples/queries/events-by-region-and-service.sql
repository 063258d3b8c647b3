-- title: Events by region and service
-- description: Where activity happens. Calls in regions you do not use (crypto miners love a quiet
--   region) stand out at the bottom of this list.
-- tags: overview, regions, aggregation
SELECT awsRegion, eventSource, COUNT(*) AS events, COUNT(DISTINCT eventName) AS distinctApis
FROM $EDS_ID
GROUP BY awsRegion, eventSource
ORDER BY awsRegion, events DESC
