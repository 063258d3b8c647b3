-- title: Root account usage
-- description: Calls made with the root user's credentials (not on its behalf by an AWS service).
--   Root should almost never be used; every row here deserves an explanation.
-- tags: identity, root, cis
SELECT eventTime, recipientAccountId, eventSource, eventName, awsRegion,
       sourceIPAddress, userAgent, errorCode
FROM $EDS_ID
WHERE userIdentity.type = 'Root'
  AND userIdentity.invokedBy IS NULL
  AND eventType <> 'AwsServiceEvent'
ORDER BY eventTime DESC
