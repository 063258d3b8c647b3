-- id: ct-describe-trails
-- title: CloudTrail trails enumerated (DescribeTrails)
-- severity: low
-- mitre: T1526 Cloud Service Discovery
-- description: DescribeTrails lists the trails and where they log; attackers look before they tamper.
--   Common from consoles and tools too, so read it beside the high-severity CloudTrail rules.
-- remediation: Check the caller is expected (console user, CSPM tool); if not, review what the same
--   principal did next.
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE eventSource = 'cloudtrail.amazonaws.com' AND eventName = 'DescribeTrails'
