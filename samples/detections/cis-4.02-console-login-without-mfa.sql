-- id: cis-4.2
-- title: CIS 4.2: Console sign-in without MFA
-- severity: medium
-- mitre: T1078.004 Valid Accounts: Cloud Accounts
-- description: ConsoleLogin events whose additionalEventData.MFAUsed is not "Yes": a password alone
--   opened the console. CIS AWS Foundations Benchmark 4.2 metric filter.
-- remediation: Require MFA for every IAM user with a console password (or move people to IAM Identity
--   Center); check the listed sign-ins were the owners.
-- pattern: { ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE eventName = 'ConsoleLogin'
  AND CASE WHEN contains(map_keys(additionalEventData), 'MFAUsed') THEN additionalEventData['MFAUsed'] END <> 'Yes'
