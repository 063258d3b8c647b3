-- title: CloudTrail Insights events
-- description: Unusual API call rates or error rates detected by CloudTrail Insights, with the API and
--   the start/end state. Needs Insights enabled on the trail.
-- tags: insights, anomalies
SELECT eventTime, recipientAccountId, awsRegion,
       element_at(insightDetails, 'insightType') AS insightType,
       element_at(insightDetails, 'state') AS state,
       element_at(insightDetails, 'eventSource') AS insightEventSource,
       element_at(insightDetails, 'eventName') AS insightEventName,
       element_at(insightDetails, 'insightContext') AS insightContext
FROM $EDS_ID
WHERE eventCategory = 'Insight'
ORDER BY eventTime DESC
