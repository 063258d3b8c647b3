-- id: ct-delete-trail
-- title: CloudTrail trail deleted (DeleteTrail)
-- severity: high
-- mitre: T1562.008 Impair Defenses: Disable or Modify Cloud Logs
-- description: DeleteTrail removes a trail and with it the delivery of logs to S3; events after it are
--   lost unless another trail covers them.
-- remediation: Recreate the trail (multi-region, log file validation on), check who deleted it, and deny
--   cloudtrail:DeleteTrail with an SCP.
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE eventSource = 'cloudtrail.amazonaws.com' AND eventName = 'DeleteTrail'
