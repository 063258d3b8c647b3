-- id: cis-4.1
-- title: CIS 4.1: Unauthorized API calls
-- severity: low
-- mitre: T1580 Cloud Infrastructure Discovery
-- description: API calls refused with UnauthorizedOperation or AccessDenied: probing with stolen keys,
--   or broken automation. The CIS pattern binds && tighter than ||, so its two exclusions
--   (log delivery, HeadBucket) apply to AccessDenied* only; the SQL keeps that meaning. CIS
--   AWS Foundations Benchmark 4.1 metric filter.
-- remediation: Group by principal and source IP; a burst from one principal across many services is
--   reconnaissance. Fix or revoke the credentials.
-- pattern: { ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE errorCode LIKE '%UnauthorizedOperation'
  OR (errorCode LIKE 'AccessDenied%' AND sourceIPAddress <> 'delivery.logs.amazonaws.com' AND eventName <> 'HeadBucket')
