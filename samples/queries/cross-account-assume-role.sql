-- title: Cross-account AssumeRole
-- description: Role assumptions where the caller's account differs from the account that owns the log.
--   Expected for organisation tooling; anything else is a trust relationship worth checking.
-- tags: identity, sts, cross-account, lateral-movement
SELECT eventTime, recipientAccountId, userIdentity.accountId AS callerAccountId,
       COALESCE(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS caller,
       element_at(requestParameters, 'roleArn') AS roleArn,
       element_at(requestParameters, 'roleSessionName') AS roleSessionName,
       sourceIPAddress, errorCode
FROM $EDS_ID
WHERE eventSource = 'sts.amazonaws.com'
  AND eventName = 'AssumeRole'
  AND userIdentity.accountId IS NOT NULL
  AND userIdentity.accountId <> recipientAccountId
ORDER BY eventTime DESC
