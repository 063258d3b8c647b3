-- id: cis-4.3
-- title: CIS 4.3: Root user activity
-- severity: high
-- mitre: T1078.004 Valid Accounts: Cloud Accounts
-- description: Calls made as the root user (not on its behalf by an AWS service). Root should be locked
--   away; any use needs an explanation. CIS AWS Foundations Benchmark 4.3 metric filter.
-- remediation: Confirm who used root and why; rotate the root password, check its MFA, delete any root
--   access keys.
-- pattern: { $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE userIdentity.type = 'Root' AND userIdentity.invokedBy IS NULL AND eventType <> 'AwsServiceEvent'
