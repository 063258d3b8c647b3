-- title: MFA device changes
-- description: MFA devices created, enabled, deactivated or deleted. Deactivating a victim's MFA and
--   enrolling the attacker's own device is a takeover pattern.
-- tags: identity, mfa, persistence
SELECT eventTime, recipientAccountId, eventName, userIdentity.arn AS principalArn,
       element_at(requestParameters, 'userName') AS targetUser,
       COALESCE(element_at(requestParameters, 'serialNumber'), element_at(requestParameters, 'virtualMFADeviceName')) AS device,
       sourceIPAddress, errorCode
FROM $EDS_ID
WHERE eventSource = 'iam.amazonaws.com'
  AND eventName IN ('CreateVirtualMFADevice', 'EnableMFADevice', 'DeactivateMFADevice', 'DeleteVirtualMFADevice', 'ResyncMFADevice')
ORDER BY eventTime DESC
