-- title: CloudTrail tampering
-- description: Calls that stop, delete or narrow CloudTrail logging: StopLogging, DeleteTrail, UpdateTrail,
--   PutEventSelectors and their Lake counterparts. An attacker covering tracks starts here.
-- tags: defense-evasion, cloudtrail, cis
SELECT eventTime, recipientAccountId, awsRegion, eventName,
       userIdentity.arn AS principalArn, sourceIPAddress, userAgent, errorCode,
       COALESCE(element_at(requestParameters, 'name'), element_at(requestParameters, 'trailName'),
                element_at(requestParameters, 'eventDataStore')) AS target
FROM $EDS_ID
WHERE eventSource = 'cloudtrail.amazonaws.com'
  AND eventName IN ('StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors',
                    'DeleteEventDataStore', 'UpdateEventDataStore', 'StopEventDataStoreIngestion')
ORDER BY eventTime DESC
