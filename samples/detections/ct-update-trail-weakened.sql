-- id: ct-update-trail-weakened
-- title: CloudTrail trail weakened (UpdateTrail)
-- severity: medium
-- mitre: T1562.008 Impair Defenses: Disable or Modify Cloud Logs
-- description: UpdateTrail calls that narrow or redirect logging: global service events (IAM, STS)
--   dropped, multi-region turned off, log file validation turned off, logs sent to another S3
--   bucket, or the KMS key changed (an empty key removes encryption). The change column says
--   which.
-- remediation: Compare the trail with its intended configuration (aws cloudtrail get-trail), revert the
--   change, and restrict cloudtrail:UpdateTrail.

-- The request parameters are read once in the inner query. element_at(map, key) would be
-- shorter, but it returns a list in DuckDB, and map[key] fails in Lake when the key is absent.
SELECT eventTime, eventID, eventName, principal, sourceIPAddress, awsRegion, errorCode,
       concat_ws(', ',
         CASE WHEN globalEvents = 'false' THEN 'includeGlobalServiceEvents=false' END,
         CASE WHEN multiRegion = 'false' THEN 'isMultiRegionTrail=false' END,
         CASE WHEN validation = 'false' THEN 'enableLogFileValidation=false' END,
         CASE WHEN bucket IS NOT NULL THEN 'S3 bucket changed to ' || bucket END,
         CASE WHEN kmsKey = '' THEN 'KMS encryption removed' WHEN kmsKey IS NOT NULL THEN 'KMS key changed' END) AS change
FROM (
  SELECT eventTime, eventID, eventName,
         coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
         sourceIPAddress, awsRegion, errorCode,
         CASE WHEN contains(map_keys(requestParameters), 'includeGlobalServiceEvents') THEN requestParameters['includeGlobalServiceEvents'] END AS globalEvents,
         CASE WHEN contains(map_keys(requestParameters), 'isMultiRegionTrail') THEN requestParameters['isMultiRegionTrail'] END AS multiRegion,
         CASE WHEN contains(map_keys(requestParameters), 'enableLogFileValidation') THEN requestParameters['enableLogFileValidation'] END AS validation,
         CASE WHEN contains(map_keys(requestParameters), 's3BucketName') THEN requestParameters['s3BucketName'] END AS bucket,
         CASE WHEN contains(map_keys(requestParameters), 'kmsKeyId') THEN requestParameters['kmsKeyId'] END AS kmsKey
  FROM $EDS_ID
  WHERE eventSource = 'cloudtrail.amazonaws.com' AND eventName = 'UpdateTrail'
) AS t
WHERE globalEvents = 'false' OR multiRegion = 'false' OR validation = 'false' OR bucket IS NOT NULL OR kmsKey IS NOT NULL
