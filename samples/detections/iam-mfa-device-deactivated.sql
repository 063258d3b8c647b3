-- id: iam-mfa-device-deactivated
-- title: MFA device deactivated or deleted
-- severity: medium
-- mitre: T1556.006 Modify Authentication Process: Multi-Factor Authentication
-- description: DeactivateMFADevice or DeleteVirtualMFADevice succeeded: the user is back to a password
--   alone, often the step before taking the account over.
-- remediation: Re-enable MFA for the user, confirm the owner asked for the change, and review the user's
--   sign-ins since.
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE eventName IN ('DeactivateMFADevice', 'DeleteVirtualMFADevice') AND errorCode IS NULL
