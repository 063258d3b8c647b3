-- title: New access keys
-- description: IAM access keys created, and for whom. A key created for another user (or by a user
--   for themselves outside the usual process) is a classic persistence step.
-- tags: identity, iam, persistence, credentials
SELECT eventTime, recipientAccountId, userIdentity.arn AS createdBy,
       COALESCE(element_at(requestParameters, 'userName'), userIdentity.userName) AS keyOwner,
       json_extract_scalar(element_at(responseElements, 'accessKey'), '$.accessKeyId') AS newAccessKeyId,
       sourceIPAddress, userAgent, errorCode
FROM $EDS_ID
WHERE eventSource = 'iam.amazonaws.com'
  AND eventName = 'CreateAccessKey'
ORDER BY eventTime DESC
