-- title: Events per hour
-- description: An hourly timeline of calls, errors and distinct principals. Narrow it with a WHERE on
--   eventTime (e.g. eventTime BETWEEN timestamp '2024-03-01 00:00:00' AND timestamp '2024-03-02 00:00:00').
-- tags: timeline, overview, aggregation
SELECT date_trunc('hour', eventTime) AS hour,
       COUNT(*) AS events,
       COUNT(errorCode) AS errors,
       COUNT(DISTINCT COALESCE(userIdentity.arn, userIdentity.principalId)) AS principals
FROM $EDS_ID
GROUP BY 1
ORDER BY 1
